/** Today's board per location, and the problems of the coming week. */
import {
  act,
  addDays,
  api,
  type Child,
  clicked,
  clock,
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

export const UPCOMING_DAYS = 7;

/** One event as GET /api/events lists it. */
export interface BoardEvent {
  event_id: string | number;
  name?: string | null;
  start_local?: string | null;
  event_date?: string | null;
  location_id?: string | number | null;
  location_name?: string | null;
  outcome: string;
  reason?: string | null;
  revel_order_id?: string | number | null;
  total_cents?: number | null;
}

export interface EventList {
  events?: BoardEvent[];
  from?: string;
  to?: string;
}

/** One menu item without a Revel product, as GET /api/mappings/unmapped lists it. */
export interface UnmappedItem {
  name: string;
  menu_item_id?: string | number | null;
  establishment_id?: string | number | null;
  event_ids?: (string | number)[];
  suggestions?: { revel_product_id: number; name: string; score?: number }[];
}

export interface UnmappedList {
  items?: UnmappedItem[];
}

function eventLink(event: BoardEvent): HTMLAnchorElement {
  return h('a', { href: `#/events/${enc(event.event_id)}`, text: event.name || `Event ${event.event_id}` });
}

function boardTable(location: string, events: BoardEvent[]): HTMLElement {
  return table<BoardEvent>(
    [
      { label: 'Event', cell: (e) => [eventLink(e), h('span', { class: 'reason', text: `#${e.event_id}` })] },
      { label: 'Time', cell: (e) => clock(e.start_local) },
      { label: 'Status', cell: (e) => statusCell(e.outcome, e.reason) },
      { label: 'Revel order', cell: (e) => (e.revel_order_id ? String(e.revel_order_id) : '—') },
      { label: 'Total', num: true, cell: (e) => money(e.total_cents) },
    ],
    events,
    {
      caption: `${location}: ${events.length}${events.length === 1 ? ' event' : ' events'}`,
      captionHidden: true,
    },
  );
}

function countsLine(events: BoardEvent[]): string {
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.outcome] = (counts[e.outcome] || 0) + 1;
  return Object.entries(counts)
    .map(([outcome, n]) => `${n} ${outcomeLabel(outcome).toLowerCase()}`)
    .join(', ');
}

function byLocation(events: BoardEvent[]): [string, BoardEvent[]][] {
  const groups = new Map<string, BoardEvent[]>();
  for (const e of events) {
    const name = e.location_name || `Location ${e.location_id ?? '?'}`;
    const group = groups.get(name) ?? [];
    if (!groups.has(name)) groups.set(name, group);
    group.push(e);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

async function board(): Promise<Child> {
  const today = await api<EventList>('/api/events');
  const events = today.events || [];
  const day = today.from || '';
  const upcoming: Promise<OrFailure<EventList>> = day
    ? orError(
        api<EventList>(
          `/api/events?from=${addDays(today.to || day, 1)}&to=${addDays(today.to || day, UPCOMING_DAYS)}`,
        ),
      )
    : Promise.resolve({ events: [] });
  const unmapped = orError(api<UnmappedList>(`/api/mappings/unmapped?days=${UPCOMING_DAYS}`));
  const [later, items] = await Promise.all([upcoming, unmapped]);
  return [
    h('h2', { text: `Today${day ? `, ${day}` : ''}` }),
    h(
      'div',
      { class: 'actions' },
      h('p', {
        class: 'muted',
        text: events.length ? `${events.length} events: ${countsLine(events)}` : 'No events today.',
      }),
      h('button', { type: 'button', onclick: (ev) => act(clicked(ev), render), text: 'Refresh' }),
    ),
    byLocation(events).map(([location, list]) =>
      h('section', { 'aria-label': location }, h('h3', { text: location }), boardTable(location, list)),
    ),
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
