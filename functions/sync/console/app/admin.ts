/** Unmapped items, runs, the dead-letter queue and the switches. */

import type {
  DeadLetterView as DeadLetter,
  DeadLettersAnswer,
  RedriveAnswer,
} from '#functions/core/contract/operator-api/dead-letters';
import type { RunAnswer as Run, RunsAnswer } from '#functions/core/contract/operator-api/runs';
import type { SettingsAnswer as Settings } from '#functions/core/contract/operator-api/settings';
import {
  announce,
  api,
  append,
  type Child,
  confirmStep,
  describe,
  enc,
  h,
  notice,
  type Route,
  render,
  statusCell,
  table,
  view,
  when,
} from './base';
import { type UnmappedList, UPCOMING_DAYS } from './board';
import { doctorPanel } from './doctor';
import { productPicker } from './event';

type RunEvent = NonNullable<Run['summary']>['events'][number];

async function unmappedPage(): Promise<Child> {
  const list = await api<UnmappedList>(`/api/mappings/unmapped?days=${UPCOMING_DAYS}`);
  const items = list.items || [];
  return [
    h('h2', { text: 'Menu items without a Revel product' }),
    h('p', {
      class: 'muted',
      text: `In events of the next ${UPCOMING_DAYS} days. A saved mapping applies at once, no deploy needed.`,
    }),
    items.length
      ? items.map((item, i) =>
          h(
            'section',
            { class: 'card', 'aria-labelledby': `item-${i}` },
            h('h3', { id: `item-${i}`, text: item.name }),
            h(
              'p',
              { class: 'hint' },
              `${item.menu_item_id ? `Menu item ${item.menu_item_id} · ` : ''}${item.establishment_id ? `Revel establishment ${item.establishment_id} · ` : ''}events: `,
              (item.event_ids || []).map((id, n) => [
                n ? ', ' : '',
                h('a', { href: `#/events/${enc(id)}`, text: `#${id}` }),
              ]),
            ),
            productPicker(item, (item.event_ids || []).map(String)),
          ),
        )
      : notice('ok', `Every menu item in the next ${UPCOMING_DAYS} days has a Revel product.`),
  ];
}

const runCounts = (run: Run): string => {
  const p = run.progress;
  if (p) {
    const queued = p.still_queued > 0 ? `, ${p.still_queued} still queued` : '';
    return `${p.injected} injected, ${p.skipped} skipped, ${p.failed} failed${queued} (${p.queued} of ${p.listed} queued)`;
  }
  const s = run.summary?.summary;
  return s ? `${s.injected} injected, ${s.skipped} skipped, ${s.failed} failed` : '—';
};

/** Routine skips (not eligible yet, day passed, already written) are counted but not listed. */
const runEventsCaption = (omitted: number): string =>
  omitted > 0
    ? `Events of this run (${omitted} routine skips counted above, not listed)`
    : 'Events of this run';

async function runsPage(): Promise<Child> {
  const { runs } = await api<RunsAnswer>('/api/runs');
  return [
    h('h2', { text: 'Bulk runs' }),
    runs.length
      ? table<Run>(
          [
            { label: 'Run', cell: (r) => h('a', { href: `#/runs/${enc(r.run_id)}`, text: r.run_id }) },
            { label: 'State', cell: (r) => r.state },
            { label: 'Trigger', cell: (r) => r.trigger || '—' },
            { label: 'Started', cell: (r) => when(r.created_at) },
            { label: 'Result', cell: runCounts },
          ],
          runs,
        )
      : h('p', { class: 'muted', text: 'No runs yet.' }),
  ];
}

async function runPage(runId = ''): Promise<Child> {
  const run = await api<Run>(`/api/runs/${enc(runId)}`);
  const events = run.summary?.events || [];
  return [
    h('p', {}, h('a', { href: '#/runs', text: '← Runs' })),
    h('h2', { text: `Run ${runId}` }),
    h(
      'dl',
      { class: 'facts card' },
      h('dt', { text: 'State' }),
      h('dd', { text: run.state }),
      h('dt', { text: 'Trigger' }),
      h('dd', { text: run.trigger || '—' }),
      h('dt', { text: 'Dry run' }),
      h('dd', { text: run.dry_run ? 'yes' : 'no' }),
      h('dt', { text: 'Started' }),
      h('dd', { text: when(run.created_at) }),
      h('dt', { text: 'Updated' }),
      h('dd', { text: when(run.updated_at) }),
      h('dt', { text: 'Result' }),
      h('dd', { text: runCounts(run) }),
      run.error ? [h('dt', { text: 'Error' }), h('dd', {}, describe(run.error))] : null,
    ),
    events.length
      ? table<RunEvent>(
          [
            {
              label: 'Event',
              cell: (e) => h('a', { href: `#/events/${enc(e.id)}`, text: e.name || `#${e.id}` }),
            },
            { label: 'Status', cell: (e) => statusCell(e.status, e.reason) },
            { label: 'Revel order', cell: (e) => e.revel_order_id || '—' },
          ],
          events,
          { caption: runEventsCaption(run.summary?.events_omitted ?? 0) },
        )
      : null,
  ];
}

async function deadLettersPage(): Promise<Child> {
  const { messages } = await api<DeadLettersAnswer>('/api/dlq');
  const redrive = async (ids: string[] | undefined): Promise<void> => {
    const answer = await api<RedriveAnswer | null>('/api/dlq/redrive', {
      method: 'POST',
      body: ids ? { ids } : {},
    });
    const count = answer?.redriven ?? (ids ? ids.length : messages.length);
    await render();
    const left = answer?.remaining ? ` About ${answer.remaining} are left: redrive again.` : '';
    announce(`Sent ${count}${count === 1 ? ' message' : ' messages'} back to the queue.${left}`);
  };
  const actions = h('div', { class: 'actions' });
  append(actions, [
    h('button', {
      type: 'button',
      onclick: () => {
        const ids = [...view.querySelectorAll<HTMLInputElement>('input[name=dlq]:checked')].map(
          (x) => x.value,
        );
        if (!ids.length) return announce('Select at least one message first.');
        confirmStep(
          actions,
          `Send ${ids.length} selected message(s) back to the sync queue?`,
          'Yes, redrive them',
          () => redrive(ids),
        );
      },
      text: 'Redrive selected',
    }),
    h('button', {
      type: 'button',
      onclick: () =>
        confirmStep(
          actions,
          `Send all ${messages.length} messages back to the sync queue?`,
          'Yes, redrive all',
          () => redrive(undefined),
        ),
      text: 'Redrive all',
    }),
  ]);
  return [
    h('h2', { text: 'Dead-letter queue' }),
    h('p', {
      class: 'muted',
      text: 'Messages the sync gave up on after repeated failures, with the last failure recorded for their event.',
    }),
    messages.length
      ? [
          table<DeadLetter>(
            [
              {
                label: 'Select',
                cell: (m) =>
                  h('input', {
                    type: 'checkbox',
                    name: 'dlq',
                    value: m.id,
                    'aria-label': `Select the message for event ${m.event_id || m.id}`,
                  }),
              },
              {
                label: 'Event',
                cell: (m) =>
                  m.event_id ? h('a', { href: `#/events/${enc(m.event_id)}`, text: `#${m.event_id}` }) : '—',
              },
              {
                label: 'Why it failed',
                cell: (m) =>
                  m.reason || m.error
                    ? [m.reason ?? '', m.error ? h('span', { class: 'reason', text: m.error }) : null]
                    : '—',
              },
              { label: 'Sent', cell: (m) => when(m.sent_at) },
            ],
            messages,
          ),
          actions,
        ]
      : notice('ok', 'The dead-letter queue is empty.'),
  ];
}

const SWITCHES = [
  {
    key: 'connector_enabled',
    title: 'Connector',
    on: 'On: events are written to Revel.',
    off: 'Off: every sync is skipped (CONNECTOR_DISABLED); nothing reaches Revel.',
  },
  {
    key: 'dry_run',
    title: 'Dry run',
    on: 'On: syncs only preview; nothing is written.',
    off: 'Off: syncs write orders.',
  },
  {
    key: 'test_establishment',
    title: 'Send to the test establishment',
    on: 'On: orders go to the test establishment, not the real store. The real store does not get them while it is on.',
    off: 'Off: orders go to each location’s own establishment; an event written to the test establishment meanwhile gets its own order at its next sync.',
  },
] as const;

async function settingsPage(): Promise<Child> {
  const settings = await api<Settings>('/api/settings');
  const rows = SWITCHES.filter((s) => s.key in settings).map((s) => {
    const value = settings[s.key];
    const isOn = value === true || (value !== false && value !== null && value !== undefined);
    const unavailable = s.key === 'test_establishment' && settings.test_establishment_available === false;
    const turnOn = typeof value === 'boolean' && !unavailable ? !value : null;
    const actions = h('div', { class: 'actions' });
    if (turnOn !== null) {
      const verb = turnOn ? 'Turn on' : 'Turn off';
      append(
        actions,
        h('button', {
          type: 'button',
          'aria-label': `${verb} ${s.title.toLowerCase()}`,
          text: verb,
          onclick: () =>
            confirmStep(
              actions,
              `${verb} ${s.title.toLowerCase()}? ${turnOn ? s.on : s.off}`,
              `Yes, ${verb.toLowerCase()}`,
              async () => {
                await api('/api/settings', { method: 'PUT', body: { [s.key]: turnOn } });
                await render();
                announce(`${s.title} turned ${turnOn ? 'on' : 'off'}.`);
              },
            ),
        }),
      );
    }
    return h(
      'div',
      { class: 'switch-row' },
      h(
        'div',
        {},
        h(
          'h3',
          {},
          `${s.title}: `,
          h('span', {
            class: `badge ${isOn ? 'outcome-injected' : 'outcome-skipped'}`,
            text: typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value ?? 'off'),
          }),
        ),
        h('p', {
          class: 'hint',
          text: typeof value === 'boolean' ? (value ? s.on : s.off) : 'Set in the deployed configuration.',
        }),
        unavailable
          ? h('p', {
              class: 'hint',
              text: 'Not available: the deployed config names no test location (connector.testLocation).',
            })
          : null,
        settings.overridden?.[s.key] && settings.deployed
          ? h('p', {
              class: 'hint',
              text: `Changed at runtime; the deployed default is ${settings.deployed[s.key] ? 'on' : 'off'}.`,
            })
          : null,
      ),
      actions,
    );
  });
  const audit = settings.updated_by
    ? h('p', {
        class: 'hint',
        text: `Last changed by ${settings.updated_by}${settings.updated_at ? `, ${when(settings.updated_at)}` : ''}.`,
      })
    : null;
  return [
    h('h2', { text: 'Switches' }),
    h('p', {
      class: 'muted',
      text: 'Runtime switches: they apply within a minute, without a deploy. Every change is recorded with your name.',
    }),
    h('section', { class: 'card', 'aria-label': 'Switches' }, rows),
    audit,
    await doctorPanel(),
  ];
}

export const adminRoutes: Route[] = [
  [/^#\/unmapped$/, unmappedPage],
  [/^#\/runs$/, runsPage],
  [/^#\/runs\/([^/]+)$/, runPage],
  [/^#\/dlq$/, deadLettersPage],
  [/^#\/settings$/, settingsPage],
];
