/** The console script, part 2: today's board per location, and the problems of the coming week. */
export const CONSOLE_SCRIPT_BOARD = String.raw`
const UPCOMING_DAYS = 7;

function eventLink(event) {
  return h('a', { href: '#/events/' + enc(event.event_id), text: event.name || 'Event ' + event.event_id });
}

function boardTable(location, events) {
  return table(
    [
      { label: 'Event', cell: (e) => [eventLink(e), h('span', { class: 'reason', text: '#' + e.event_id })] },
      { label: 'Time', cell: (e) => clock(e.start_local) },
      { label: 'Status', cell: (e) => statusCell(e.outcome, e.reason) },
      { label: 'Revel order', cell: (e) => (e.revel_order_id ? String(e.revel_order_id) : '—') },
      { label: 'Total', num: true, cell: (e) => money(e.total_cents) },
    ],
    events,
    { caption: location + ': ' + events.length + (events.length === 1 ? ' event' : ' events'), captionHidden: true },
  );
}

function countsLine(events) {
  const counts = {};
  for (const e of events) counts[e.outcome] = (counts[e.outcome] || 0) + 1;
  return Object.entries(counts)
    .map(([outcome, n]) => n + ' ' + outcomeLabel(outcome).toLowerCase())
    .join(', ');
}

function byLocation(events) {
  const groups = new Map();
  for (const e of events) {
    const name = e.location_name || 'Location ' + (e.location_id ?? '?');
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(e);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

route(/^#\/?$/, async () => {
  const today = await api('/api/events');
  const events = today.events || [];
  const day = today.from || '';
  const upcoming = day
    ? orError(api('/api/events?from=' + addDays(today.to || day, 1) + '&to=' + addDays(today.to || day, UPCOMING_DAYS)))
    : Promise.resolve({ events: [] });
  const unmapped = orError(api('/api/mappings/unmapped?days=' + UPCOMING_DAYS));
  const [later, items] = await Promise.all([upcoming, unmapped]);
  return [
    h('h2', { text: 'Today' + (day ? ', ' + day : '') }),
    h(
      'div',
      { class: 'actions' },
      h('p', { class: 'muted', text: events.length ? events.length + ' events: ' + countsLine(events) : 'No events today.' }),
      h('button', { type: 'button', onclick: (ev) => act(ev.currentTarget, render), text: 'Refresh' }),
    ),
    byLocation(events).map(([location, list]) =>
      h('section', { 'aria-label': location }, h('h3', { text: location }), boardTable(location, list)),
    ),
    problemsSection(later, items),
  ];
});

function problemsSection(later, items) {
  const entries = [];
  if (later.failure) entries.push(notice('error', 'Upcoming events could not be loaded: ' + later.failure));
  for (const e of (later.events || []).filter((x) => x.outcome === 'failed')) {
    entries.push(
      h('li', {}, eventLink(e), ' on ' + (e.event_date || '?') + ' (' + (e.location_name || '') + '): ', statusCell(e.outcome, e.reason)),
    );
  }
  if (items.failure) entries.push(notice('error', 'Unmapped items could not be loaded: ' + items.failure));
  const count = (items.items || []).length;
  if (count > 0) {
    entries.push(
      h(
        'li',
        {},
        h('a', { href: '#/unmapped', text: count + (count === 1 ? ' menu item has' : ' menu items have') + ' no Revel product' }),
        ' in the next ' + UPCOMING_DAYS + ' days.',
      ),
    );
  }
  return h(
    'section',
    { class: 'problems', 'aria-labelledby': 'problems-title' },
    h('h2', { id: 'problems-title', text: 'Upcoming problems' }),
    entries.length
      ? h('ul', {}, entries.map((x) => (x.tagName === 'LI' ? x : h('li', {}, x))))
      : h('p', { class: 'muted', text: 'Nothing needs attention in the next ' + UPCOMING_DAYS + ' days.' }),
  );
}
`;
