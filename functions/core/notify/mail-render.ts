import type { SyncConfig } from '#functions/core/config/sync-config';
import type { MailMessage } from '#functions/core/ports/mailer';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every value that reaches a mail's HTML passes through here: event names come from TripleSeat users. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface MailTable {
  /** A heading above the table (both parts). */
  title?: string | undefined;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  /** Per column: an amount, right-aligned; in a text list it is prefixed with its header ("Total 141.97"). */
  numeric?: readonly boolean[] | undefined;
  /** The text part: one line per row, cells joined by " | " (`list`, default), or padded columns. */
  text?: 'list' | 'columns' | undefined;
}

/**
 * A mail body as paragraphs of plain text, then tables, then closing lines; rendered to text and to
 * escaped HTML.
 */
export interface MailContent {
  paragraphs: readonly string[];
  table?: MailTable | undefined;
  tables?: readonly MailTable[] | undefined;
  /** After the tables (the correlation id goes last). */
  footer?: readonly string[] | undefined;
}

const tablesOf = (content: MailContent): MailTable[] =>
  [...(content.table ? [content.table] : []), ...(content.tables ?? [])].filter((t) => t.rows.length > 0);

export function renderText(content: MailContent): string {
  const parts = [...content.paragraphs, ...tablesOf(content).map(renderTextTable), ...(content.footer ?? [])];
  return `${parts.join('\n\n')}\n`;
}

function renderTextTable(table: MailTable): string {
  const title = table.title ? [`${table.title}:`] : [];
  if (table.text === 'columns') return [...title, ...textColumns(table)].join('\n');
  const cellText = (cell: string, column: number) =>
    table.numeric?.[column] && cell !== '' ? `${table.headers[column] ?? ''} ${cell}`.trim() : cell;
  const lines = table.rows.map(
    (row) =>
      `- ${row
        .map(cellText)
        .filter((cell) => cell !== '')
        .join(' | ')}`,
  );
  return [...title, ...lines].join('\n');
}

/** A padded grid; the header line only when some header is not empty. */
function textColumns(table: MailTable): string[] {
  const all = table.headers.some((h) => h !== '') ? [table.headers, ...table.rows] : [...table.rows];
  const widths = table.headers.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  return all.map((row) =>
    widths
      .map((width, column) => {
        const cell = row[column] ?? '';
        return table.numeric?.[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd(),
  );
}

export function renderHtml(content: MailContent): string {
  const paragraph = (p: string) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`;
  return [
    '<!doctype html>',
    '<html><body style="font-family:sans-serif">',
    ...content.paragraphs.map(paragraph),
    ...tablesOf(content).map(renderTable),
    ...(content.footer ?? []).map(paragraph),
    '</body></html>',
  ].join('\n');
}

function renderTable(table: MailTable): string {
  const cell = (tag: 'th' | 'td') => (value: string, column: number) => {
    const align = table.numeric?.[column] ? 'right' : 'left';
    return `<${tag} style="border:1px solid #ccc;padding:4px 8px;text-align:${align}">${escapeHtml(value)}</${tag}>`;
  };
  const title = table.title ? [`<p><b>${escapeHtml(table.title)}</b></p>`] : [];
  const head = table.headers.some((h) => h !== '')
    ? [`<tr>${table.headers.map(cell('th')).join('')}</tr>`]
    : [];
  const rows = table.rows.map((row) => `<tr>${row.map(cell('td')).join('')}</tr>`);
  return [...title, '<table style="border-collapse:collapse">', ...head, ...rows, '</table>'].join('\n');
}

export type NotificationSettings = NonNullable<SyncConfig['notifications']>;

const SUBJECT_PREFIX = '[TripleSeat→Revel]';

/** One MailMessage from its content; the correlation id closes the body so a reader can find the logs. */
export function composeMail(
  settings: NotificationSettings,
  correlationId: string,
  subject: string,
  content: MailContent,
): MailMessage {
  const withTrace = { ...content, footer: [...(content.footer ?? []), `Correlation id: ${correlationId}`] };
  return {
    from: settings.from,
    to: settings.to,
    // A line break in a subject would start a new mail header.
    subject: `${SUBJECT_PREFIX} ${subject}`.replace(/[\r\n]+/g, ' '),
    text: renderText(withTrace),
    html: renderHtml(withTrace),
    correlationId,
  };
}
