import type { EventResult, SyncSummary } from '#functions/core/engine/results';
import type { MailMessage } from '#functions/core/ports/mailer';
import { adviceFor } from './failure-advice';
import { composeMail, type MailTable, type NotificationSettings } from './mail-render';
import { digestMoneyCells, figuresTable, formatAmount, itemsTable, totalsTable } from './money-tables';

/** Where a failed single-event sync came from: the queue mails only once its retries are used up. */
export type FailureSource = 'queue' | 'manual';

export interface DigestRun {
  runId: string;
  trigger: 'manual' | 'schedule';
  hoursBack: number;
  /** Today's events skipped because they cannot be written as they stand (not-written-today.ts). */
  notWrittenToday?: readonly EventResult[] | undefined;
}

export function injectedMail(
  settings: NotificationSettings,
  result: EventResult,
  correlationId: string,
): MailMessage {
  const order = result.revel_order_id ?? '(unknown)';
  const { money } = result;
  const items = money ? itemsTable(money) : undefined;
  return composeMail(settings, correlationId, `Injected event ${result.id} as Revel order ${order}`, {
    paragraphs: [
      `${describeEvent(result)} was injected into Revel as order ${order}.`,
      ...(money ? [`Location: ${money.location} (Revel establishment ${money.establishmentId}).`] : []),
    ],
    tables: [...(items ? [items] : []), ...(money ? [totalsTable(money)] : [])],
  });
}

export function failedMail(
  settings: NotificationSettings,
  result: EventResult,
  correlationId: string,
  source: FailureSource,
): MailMessage {
  const reason = result.reason ?? 'UNKNOWN';
  return composeMail(settings, correlationId, `Failed to inject event ${result.id}: ${reason}`, {
    paragraphs: [
      `${describeEvent(result)} could not be injected into Revel.`,
      `Reason: ${reason}\nError: ${result.error ?? '(none)'}`,
      retryNote(result, source),
      `What to do: ${adviceFor(result.reason)}`,
    ],
    tables: result.details ? [figuresTable(result.details)] : [],
  });
}

export function digestMail(
  settings: NotificationSettings,
  run: DigestRun,
  summary: SyncSummary,
): MailMessage {
  const c = summary.summary;
  const kind = run.trigger === 'schedule' ? 'Scheduled' : 'Manual';
  const notable = summary.events.filter((e) => e.status === 'injected' || e.status === 'failed');
  // A run too big to list every line (core/bulk/run-record-results.ts) says how many it left out.
  const unlisted = c.injected + c.failed - notable.length;
  const notWritten = run.notWrittenToday ?? [];
  const notStarted = summary.incomplete?.not_started ?? 0;
  const stillQueued = summary.incomplete?.still_queued ?? 0;
  const notReached =
    (notStarted > 0 ? `, ${notStarted} not reached` : '') +
    (stillQueued > 0 ? `, ${stillQueued} still queued` : '');
  return composeMail(
    settings,
    summary.correlation_id,
    `${kind} run ${run.runId}: ${c.injected} injected, ${c.failed} failed${notReached}`,
    {
      paragraphs: [
        `${kind} sync run ${run.runId} looked at today's events and those updated in the last ${run.hoursBack} hours.`,
        `Queried ${c.queried}: ${c.injected} injected, ${c.skipped} skipped, ${c.failed} failed, ${c.in_progress} in progress.`,
        ...(notStarted > 0 ? [notReachedNote(notStarted)] : []),
        ...(stillQueued > 0
          ? [
              `${stillQueued} events were still on the queue when the run reached its time limit: they are still handled, and each one's outcome is on its event page.`,
            ]
          : []),
        ...injectedTotals(notable, unlisted > 0),
        ...(unlisted > 0
          ? [
              `${unlisted} of the injected and failed events are counted but not listed below (failures are listed first): each one's outcome is on its event page.`,
            ]
          : []),
        ...(c.failed > 0 ? ['Failed events need attention; the reason is on each line.'] : []),
        ...(notWritten.length > 0 ? [notWrittenNote(notWritten.length)] : []),
      ],
      tables: [digestTable(notable), notWrittenTable(notWritten)],
    },
  );
}

/** One row per injected or failed event; money columns from the injected outcome (money-tables.ts). */
function digestTable(events: readonly EventResult[]): MailTable {
  return {
    headers: ['Event', 'Name', 'Date', 'Status', 'Location', 'Revel order', 'Total', 'Paid', 'Due', 'Reason'],
    numeric: [false, false, false, false, false, false, true, true, true, false],
    rows: events.map((e) => [
      e.id,
      e.name ?? '',
      e.date ?? '',
      e.status,
      e.money?.location ?? '',
      e.revel_order_id ?? '',
      ...digestMoneyCells(e.money),
      [e.reason, e.error].filter((part) => part !== null).join(': '),
    ]),
  };
}

function notWrittenNote(count: number): string {
  const events = count === 1 ? '1 event today is' : `${count} events today are`;
  return `${events} not going to Revel as it stands (listed below): an unconfigured TripleSeat location, or not confirmed in TripleSeat. Confirm it, add the location to the sync config, or enter the order by hand.`;
}

function notWrittenTable(events: readonly EventResult[]): MailTable {
  return {
    title: 'Not going to Revel today',
    headers: ['Event', 'Name', 'Time', 'Reason', 'Detail'],
    rows: events.map((e) => [e.id, e.name ?? '', e.date ?? '', e.reason ?? '', e.error ?? '']),
  };
}

/** "Injected orders: total 2,178.97, paid 0.00, due 2,178.97." — none without money: no line. */
function injectedTotals(events: readonly EventResult[], partial: boolean): string[] {
  const money = events.flatMap((e) => (e.status === 'injected' && e.money ? [e.money] : []));
  if (money.length === 0) return [];
  const sum = (pick: (m: (typeof money)[number]) => number) =>
    formatAmount(money.reduce((t, m) => t + pick(m), 0));
  const which = partial ? `Injected orders listed below (${money.length})` : 'Injected orders';
  return [
    `${which}: total ${sum((m) => m.totalCents)}, paid ${sum((m) => m.paidCents)}, due ${sum((m) => m.dueCents)}.`,
  ];
}

function notReachedNote(notStarted: number): string {
  const events = notStarted === 1 ? '1 event was' : `${notStarted} events were`;
  return `${events} not reached before the time limit; the next scheduled run (or a new manual run) continues.`;
}

function retryNote(result: EventResult, source: FailureSource): string {
  if (result.retryable !== true)
    return 'It will not be retried automatically: retrying cannot help until something is changed.';
  if (source === 'queue')
    return 'Automatic retries are used up: the queue message moves to the dead-letter queue.';
  return 'The sync was started by hand, so nothing retries it automatically.';
}

export function describeEvent(result: Pick<EventResult, 'id' | 'name' | 'date'>): string {
  const name = result.name ? ` "${result.name}"` : '';
  const date = result.date ? ` on ${result.date}` : '';
  return `Event ${result.id}${name}${date}`;
}
