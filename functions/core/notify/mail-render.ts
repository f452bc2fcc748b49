import type { SyncConfig } from '../config/sync-config';
import type { MailMessage } from '../ports/mailer';

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
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}

/** A mail body as paragraphs of plain text plus an optional table; rendered to text and to escaped HTML. */
export interface MailContent {
  paragraphs: readonly string[];
  table?: MailTable | undefined;
}

export function renderText(content: MailContent): string {
  const parts = [...content.paragraphs];
  if (content.table && content.table.rows.length > 0) {
    parts.push(
      content.table.rows.map((row) => `- ${row.filter((cell) => cell !== '').join(' | ')}`).join('\n'),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

export function renderHtml(content: MailContent): string {
  const paragraphs = content.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  const table = content.table && content.table.rows.length > 0 ? [renderTable(content.table)] : [];
  return [
    '<!doctype html>',
    '<html><body style="font-family:sans-serif">',
    ...paragraphs,
    ...table,
    '</body></html>',
  ].join('\n');
}

function renderTable(table: MailTable): string {
  const cell = (tag: 'th' | 'td') => (value: string) =>
    `<${tag} style="border:1px solid #ccc;padding:4px 8px;text-align:left">${escapeHtml(value)}</${tag}>`;
  const head = `<tr>${table.headers.map(cell('th')).join('')}</tr>`;
  const rows = table.rows.map((row) => `<tr>${row.map(cell('td')).join('')}</tr>`);
  return ['<table style="border-collapse:collapse">', head, ...rows, '</table>'].join('\n');
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
  const withTrace = { ...content, paragraphs: [...content.paragraphs, `Correlation id: ${correlationId}`] };
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
