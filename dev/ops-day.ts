// `npm run ops -- status [--date YYYY-MM-DD]`: GET /api/day (core/ops/day-board.ts) as text, the
// same day the console's board shows.

// biome-ignore lint/suspicious/noExplicitAny: API answers are printed field by field (docs/operator-api.md)
type Json = any;

export type Table = (headers: readonly string[], rows: readonly (readonly string[])[]) => string;
export type Cents = (value: number | null | undefined) => string;

/** The day as text: banners, runs and dead letters, then one table per location, then the unconfigured. */
export function dayText(day: Json, table: Table, cents: Cents): string {
  const { status } = day;
  const lines: string[] = [];
  for (const banner of status.banners) lines.push(`!! ${banner.message}`);
  for (const outage of day.unavailable) lines.push(`!! ${outage.message}: the day may be incomplete`);
  const { schedule } = status;
  const last = schedule.last_run;
  lines.push(
    `last scheduled run  ${last ? `${last.at} ${last.state}${last.summary ? ` (${last.summary.injected} injected, ${last.summary.skipped} skipped, ${last.summary.failed} failed)` : ''}` : 'none yet'}`,
    `next scheduled run  ${schedule.next_run_at ?? (schedule.interval_minutes > 0 ? `unknown (every ${schedule.interval_minutes} min)` : 'none: no schedule here')}${schedule.overdue ? '  OVERDUE' : ''}`,
    `dead letters        ${status.dlq_count ?? '-'}`,
    '',
  );
  const rows = (events: Json[]) =>
    events.map((e) => [
      e.time ? `${e.time} ${e.zone_label ?? ''}`.trim() : e.event_date,
      e.event_id,
      e.name,
      e.tripleseat_status,
      e.outcome,
      e.reason ?? '',
      e.revel_order_id ?? '',
      cents(e.total_cents),
      cents(e.paid_cents),
      cents(e.due_cents),
      e.what_to_do ?? '',
    ]);
  const headers = [
    'time',
    'event',
    'name',
    'TripleSeat',
    'outcome',
    'reason',
    'order',
    'total',
    'paid',
    'due',
    'what to do',
  ];
  for (const location of day.locations) {
    lines.push(
      `${location.name}  ${location.date} (${location.time_zone})`,
      table(headers, rows(location.events)),
    );
  }
  for (const location of day.unconfigured) {
    const name = location.name ?? '(no name)';
    lines.push(
      `Not in the sync config: ${name} (TripleSeat location ${location.tripleseat_location_id ?? '-'})`,
      table(headers, rows(location.events)),
    );
  }
  return `${lines.join('\n')}`;
}

/** Whether the day needs a person: a switch off, a vendor down, a failed event, one that will never reach Revel. */
export function dayHasProblem(day: Json): boolean {
  const events: Json[] = [...day.locations, ...day.unconfigured].flatMap((l: Json) => l.events);
  return (
    day.status.banners.length > 0 ||
    day.unavailable.length > 0 ||
    events.some((e) => e.outcome === 'failed' || e.outcome === 'not_eligible')
  );
}
