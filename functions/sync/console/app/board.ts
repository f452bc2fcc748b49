/** The day on one screen (GET /api/day) per location, and the problems of the coming week. */

import type { BoardEvent, BoardAnswer as EventList } from '#functions/core/contract/operator-api/board';
import type { DayAnswer as Day, DayRow } from '#functions/core/contract/operator-api/day';
import type {
  ProductChoice,
  ProductSearchAnswer as ProductSearch,
  UnmappedItem,
  UnmappedAnswer as UnmappedList,
} from '#functions/core/contract/operator-api/mappings';
import {
  act,
  addDays,
  api,
  type Child,
  clicked,
  enc,
  h,
  money,
  notice,
  type OrFailure,
  orError,
  outcomeLabel,
  type Route,
  render,
  statusCell,
  table,
} from './base';
import { scheduleLine, showStatus } from './status-bar';

export type { BoardEvent, DayRow, EventList, ProductChoice, ProductSearch, UnmappedItem, UnmappedList };

/** A configured location of the day, or a TripleSeat location the config does not name (no day or zone). */
type DayLocation =
  | Day['locations'][number]
  | (Day['unconfigured'][number] & { date?: never; time_zone?: never });

export const UPCOMING_DAYS = 7;

function eventLink(event: Pick<BoardEvent, 'event_id' | 'name'>): HTMLAnchorElement {
  return h('a', { href: `#/events/${enc(event.event_id)}`, text: event.name || `Event ${event.event_id}` });
}

/** The failed rows first: what needs a person is at the top of each table. */
const needsAPerson = (e: DayRow): number =>
  e.outcome === 'failed' ? 0 : e.outcome === 'not_eligible' ? 1 : 2;

function boardTable(location: string, events: DayRow[]): HTMLElement {
  const rows = [...events].sort((a, b) => needsAPerson(a) - needsAPerson(b));
  return table<DayRow>(
    [
      {
        label: 'Time',
        cell: (e) =>
          e.time
            ? [e.time, e.zone_label ? h('span', { class: 'zone', text: ` ${e.zone_label}` }) : null]
            : '—',
      },
      { label: 'Event', cell: (e) => [eventLink(e), h('span', { class: 'reason', text: `#${e.event_id}` })] },
      { label: 'TripleSeat', cell: (e) => e.tripleseat_status },
      { label: 'Status', cell: (e) => statusCell(e.outcome, e.reason) },
      { label: 'Revel order', cell: (e) => (e.revel_order_id ? String(e.revel_order_id) : '—') },
      { label: 'Total', num: true, cell: (e) => money(e.total_cents) },
      { label: 'Paid', num: true, cell: (e) => money(e.paid_cents) },
      { label: 'Due', num: true, cell: (e) => money(e.due_cents) },
      {
        label: 'What to do',
        cell: (e) => (e.what_to_do ? h('span', { class: 'advice', text: e.what_to_do }) : '—'),
      },
    ],
    rows,
    {
      caption: `${location}: ${events.length}${events.length === 1 ? ' event' : ' events'}`,
      captionHidden: true,
    },
  );
}

function countsLine(events: DayRow[]): string {
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.outcome] = (counts[e.outcome] || 0) + 1;
  return Object.entries(counts)
    .map(([outcome, n]) => `${n} ${outcomeLabel(outcome).toLowerCase()}`)
    .join(', ');
}

function locationSection(location: DayLocation, configured: boolean): HTMLElement {
  const name = location.name || `Location ${location.tripleseat_location_id ?? '?'}`;
  const title = configured ? name : `Not in the sync config: ${name}`;
  return h(
    'section',
    { 'aria-label': title, class: configured ? null : 'unconfigured' },
    h('h3', { text: title }),
    configured
      ? h('p', {
          class: 'muted',
          text: `${location.date ?? ''} · times in ${location.time_zone ?? 'the location’s zone'}`,
        })
      : h('p', {
          class: 'notice warn',
          text: `TripleSeat location ${location.tripleseat_location_id ?? '?'} is not in the sync config: its events are never written to Revel.`,
        }),
    location.events.length
      ? boardTable(name, location.events)
      : h('p', { class: 'muted', text: 'No events.' }),
  );
}

async function board(): Promise<Child> {
  const today = await api<Day>('/api/day');
  showStatus(today.status);
  const all = [...today.locations, ...today.unconfigured].flatMap((l) => l.events);
  const day = today.date ?? today.locations[0]?.date ?? '';
  const upcoming: Promise<OrFailure<EventList>> = day
    ? orError(api<EventList>(`/api/events?from=${addDays(day, 1)}&to=${addDays(day, UPCOMING_DAYS)}`))
    : Promise.resolve({ events: [] });
  const unmapped = orError(api<UnmappedList>(`/api/mappings/unmapped?days=${UPCOMING_DAYS}`));
  const [later, items] = await Promise.all([upcoming, unmapped]);
  return [
    h('h2', { text: `Today${day ? `, ${day}` : ''}` }),
    today.unavailable.map((o) =>
      notice('error', `${o.message}: the day may be incomplete; outcomes are the ledger's last known.`),
    ),
    h(
      'div',
      { class: 'actions' },
      h('p', {
        class: 'muted',
        text: all.length ? `${all.length} events: ${countsLine(all)}` : 'No events today.',
      }),
      h('button', { type: 'button', onclick: (ev) => act(clicked(ev), render), text: 'Refresh' }),
    ),
    h('p', { class: 'muted schedule', text: scheduleLine(today.status.schedule) }),
    today.locations.map((l) => locationSection(l, true)),
    today.unconfigured.map((l) => locationSection(l, false)),
    problemsSection(later, items),
  ];
}

function problemsSection(later: OrFailure<EventList>, items: OrFailure<UnmappedList>): HTMLElement {
  const entries: HTMLElement[] = [];
  if (later.failure) entries.push(notice('error', `Upcoming events could not be loaded: ${later.failure}`));
  for (const e of (later.events || []).filter((x) => x.outcome === 'failed')) {
    entries.push(
      h(
        'li',
        {},
        eventLink(e),
        ` on ${e.event_date || '?'} (${e.location_name || ''}): `,
        statusCell(e.outcome, e.reason),
      ),
    );
  }
  if (items.failure) entries.push(notice('error', `Unmapped items could not be loaded: ${items.failure}`));
  const count = (items.items || []).length;
  if (count > 0) {
    entries.push(
      h(
        'li',
        {},
        h('a', {
          href: '#/unmapped',
          text: `${count}${count === 1 ? ' menu item has' : ' menu items have'} no Revel product`,
        }),
        ` in the next ${UPCOMING_DAYS} days.`,
      ),
    );
  }
  return h(
    'section',
    { class: 'problems', 'aria-labelledby': 'problems-title' },
    h('h2', { id: 'problems-title', text: 'Upcoming problems' }),
    entries.length
      ? h(
          'ul',
          {},
          entries.map((x) => (x.tagName === 'LI' ? x : h('li', {}, x))),
        )
      : h('p', { class: 'muted', text: `Nothing needs attention in the next ${UPCOMING_DAYS} days.` }),
  );
}

export const boardRoutes: Route[] = [[/^#\/?$/, board]];
