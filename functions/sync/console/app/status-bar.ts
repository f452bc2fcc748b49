/**
 * Above every page: a banner for each switch that stops or diverts orders (connector off, dry run,
 * test establishment) and the dead-letter count in the navigation, from GET /api/status.
 */

import type { ConsoleStatus } from '#functions/core/contract/operator-api/status';
import { api, h, pageElement, when } from './base';

export type { ConsoleStatus };

const banners = pageElement('banners');
const dlqCount = pageElement('dlq-count');

export function showStatus(status: ConsoleStatus): void {
  banners.replaceChildren(
    ...status.banners.map((b) =>
      h(
        'p',
        { class: `banner banner-${b.kind}`, role: 'alert' },
        h('a', { class: 'banner-link', href: '#/settings', text: b.message }),
      ),
    ),
  );
  const count = status.dlq_count ?? 0;
  dlqCount.hidden = count === 0;
  dlqCount.textContent = String(count);
  dlqCount.setAttribute('aria-label', `${count} ${count === 1 ? 'message' : 'messages'}`);
}

/** Refreshed on every page; a failure leaves the last banners standing (the page shows its own error). */
export async function refreshStatus(): Promise<void> {
  try {
    showStatus(await api<ConsoleStatus>('/api/status'));
  } catch {
    // The view's own request reports a refused token or an unreachable API.
  }
}

/** "Last scheduled run 10:45 (8 injected, 6 skipped, 1 failed) · next at 11:30", in the browser's zone. */
export function scheduleLine(schedule: ConsoleStatus['schedule']): string {
  const last = schedule.last_run;
  const counts = last?.summary
    ? ` (${last.summary.injected} injected, ${last.summary.skipped} skipped, ${last.summary.failed} failed)`
    : '';
  const lastText = last ? `Last scheduled run ${when(last.at)}${counts}` : 'No scheduled run yet';
  const next =
    schedule.next_run_at !== null
      ? `next about ${when(schedule.next_run_at)}`
      : schedule.interval_minutes > 0
        ? `runs every ${schedule.interval_minutes} minutes`
        : 'no schedule here';
  return `${lastText} · ${next}${schedule.overdue ? ' · OVERDUE: no scheduled run for two intervals' : ''}.`;
}
