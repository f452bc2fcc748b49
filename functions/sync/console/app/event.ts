/** One event (timeline, preview, money, drift, retry) and the product picker. */

import type {
  EventDetailAnswer as EventDetail,
  Kitchen,
  MoneyRow,
  WriteBack,
} from '#functions/core/contract/operator-api/event-detail';
import type {
  PreviewAnswer as Preview,
  PreviewLine,
} from '#functions/core/contract/operator-api/event-preview';
import type { ReleaseAnswer } from '#functions/core/contract/operator-api/release';
import type { SyncAnswer as SyncResult } from '#functions/core/contract/operator-api/sync-answer';
import {
  act,
  announce,
  api,
  append,
  badge,
  type Child,
  clicked,
  confirmStep,
  describe,
  enc,
  h,
  money,
  nextId,
  notice,
  type OrFailure,
  orError,
  outcomeLabel,
  type Route,
  render,
  statusCell,
  table,
  when,
} from './base';
import {
  type ProductChoice,
  type ProductSearch,
  type UnmappedItem,
  type UnmappedList,
  UPCOMING_DAYS,
} from './board';

type Attempt = EventDetail['attempts'][number];
/** A discount, charge, tax or payment of the preview. */
type AmountPart = { name?: string; kind?: string; cents: number };

function syncOutcomeText(eventId: string, result: SyncResult | null): string {
  const first = result?.events[0];
  const outcome = first?.status || 'unknown';
  const reason = first?.reason ? ` ${first.reason}` : '';
  const order = first?.revel_order_id ? `, Revel order ${first.revel_order_id}` : '';
  return `Event ${eventId}: ${outcomeLabel(outcome).toLowerCase()}${reason}${order}.`;
}

async function retryEvent(eventId: string): Promise<string> {
  return syncOutcomeText(
    eventId,
    await api<SyncResult | null>(`/api/events/${enc(eventId)}/sync`, { method: 'POST' }),
  );
}

/** "Iced Coffee (#601) · $4.00 · Drinks · 92% match": what the operator chooses between. */
function choiceText(p: ProductChoice & { score?: number }): string {
  const parts = [`${p.name} (#${p.revel_product_id})`, money(p.price_cents)];
  if (p.category) parts.push(p.category);
  if (typeof p.score === 'number') parts.push(`${Math.round(p.score * 100)}% match`);
  return parts.join(' · ');
}

/** The catalogue price against TripleSeat's, said before saving; empty when they agree or nothing is known. */
function priceWarning(item: UnmappedItem, p: ProductChoice | undefined, openPrice: boolean): string {
  if (p === undefined || openPrice || typeof item.unit_price_cents !== 'number') return '';
  const difference = p.price_difference_cents ?? p.price_cents - item.unit_price_cents;
  if (difference === 0) return '';
  return `Price differs: ${p.name} is ${money(p.price_cents)} in Revel, “${item.name}” is ${money(item.unit_price_cents)} in TripleSeat (${difference > 0 ? '+' : '−'}${money(Math.abs(difference))}). The order keeps TripleSeat's price; a large difference usually means the wrong product.`;
}

/**
 * Close suggestions (with price and category), a search of the establishment's products, its
 * open-price item, or any product id; says the price difference before saving; saves the mapping for
 * the item's establishment, then retries the events. The Revel line keeps the TripleSeat name.
 */
export function productPicker(item: UnmappedItem, eventIds: string[]): HTMLFieldSetElement {
  const key = `picker-${nextId()}`;
  const otherId = `${key}-other`;
  const known = new Map<string, ProductChoice>();
  const establishment = item.establishment_id ?? null;
  const radio = (p: ProductChoice, value = String(p.revel_product_id), text = choiceText(p)) => {
    const id = `${key}-${value}`;
    known.set(value, p);
    return h(
      'div',
      { class: 'choice' },
      h('input', { type: 'radio', name: key, id, value }),
      h('label', { for: id, text }),
    );
  };
  const otherInput = h('input', {
    id: `${otherId}-id`,
    type: 'number',
    min: '1',
    inputmode: 'numeric',
    'aria-label': `Revel product id for ${item.name}`,
  });
  const suggestions = (item.suggestions || []).map((s) => radio(s));
  const open = item.open_price_product;
  const openChoice = open
    ? radio(
        open,
        'open',
        `Open item: ${open.name} (#${open.revel_product_id}), keeps “${item.name}” and TripleSeat's price`,
      )
    : null;
  const found = h('div', { 'aria-live': 'polite' });
  const searchInput = h('input', {
    id: `${key}-search`,
    type: 'search',
    'aria-label': `Search Revel products for ${item.name}`,
    placeholder: 'Search Revel products',
  });
  const search = async (): Promise<void> => {
    const q = searchInput.value.trim();
    found.replaceChildren();
    if (q.length < 2) {
      found.append(notice('error', 'Type at least two letters.'));
      return;
    }
    const price =
      typeof item.unit_price_cents === 'number' ? `&unit_price_cents=${item.unit_price_cents}` : '';
    const answer = await api<ProductSearch>(
      `/api/mappings/products?establishment_id=${enc(String(establishment))}&q=${enc(q)}${price}`,
    );
    const products = answer.products || [];
    append(found, [
      products.length
        ? products.map((p) => radio(p))
        : h('p', { class: 'hint', text: `No active Revel product matches “${q}”.` }),
      answer.more ? h('p', { class: 'hint', text: 'More products match: type more of the name.' }) : null,
    ]);
  };
  const other = h(
    'div',
    { class: 'choice' },
    h('input', { type: 'radio', name: key, id: otherId, value: 'other' }),
    h('label', { for: otherId, text: 'Another product id:' }),
    otherInput,
  );
  const warning = h('p', { class: 'notice warn', hidden: true, 'aria-live': 'polite' });
  const result = h('div', { 'aria-live': 'polite' });
  const picked = () => fieldset.querySelector<HTMLInputElement>('input[type=radio]:checked');
  const showWarning = (): void => {
    const value = picked()?.value;
    const text = priceWarning(item, value ? known.get(value) : undefined, value === 'open');
    warning.textContent = text;
    warning.hidden = text === '';
  };
  const save = async (retry: boolean): Promise<void> => {
    result.replaceChildren();
    const value = picked()?.value;
    const productId =
      value === 'other' ? Number(otherInput.value) : Number(known.get(value ?? '')?.revel_product_id);
    if (value === undefined || (value !== 'open' && !(Number.isInteger(productId) && productId > 0))) {
      result.append(notice('error', 'Choose a Revel product first.'));
      return;
    }
    if (establishment === null) {
      result.append(
        notice('error', 'This item has no Revel establishment: a mapping holds for one establishment.'),
      );
      return;
    }
    const body: Record<string, unknown> = { establishment_id: Number(establishment) };
    if (value === 'open') body.open_price = true;
    else body.revel_product_id = productId;
    if (item.menu_item_id !== null && item.menu_item_id !== undefined) body.menu_item_id = item.menu_item_id;
    else body.name = item.name;
    const saved = await api<{ product?: ProductChoice }>('/api/mappings', { method: 'PUT', body });
    const product = saved.product
      ? `${saved.product.name} (#${saved.product.revel_product_id})`
      : `#${productId}`;
    const lines = [
      `Mapping saved: ${item.name} → ${product} in establishment ${establishment}; the Revel line reads “${item.name}”.`,
    ];
    if (retry) for (const id of eventIds) lines.push(await retryEvent(id));
    await render();
    announce(lines.join(' '));
  };
  const fieldset = h(
    'fieldset',
    { class: 'picker', onchange: showWarning },
    h('legend', { text: `Revel product for “${item.name}”` }),
    h('p', {
      class: 'hint',
      text: `${establishment === null ? 'No establishment' : `Revel establishment ${establishment}`}${typeof item.unit_price_cents === 'number' ? ` · TripleSeat price ${money(item.unit_price_cents)}` : ''} · the Revel line keeps the TripleSeat name.`,
    }),
    suggestions.length
      ? suggestions
      : h('p', { class: 'hint', text: 'No close match in the Revel catalogue: search for the product.' }),
    h(
      'div',
      { class: 'actions', role: 'search' },
      searchInput,
      h('button', { type: 'button', onclick: (ev) => act(clicked(ev), search), text: 'Search' }),
    ),
    found,
    openChoice,
    other,
    warning,
    h(
      'div',
      { class: 'actions' },
      h('button', {
        type: 'button',
        class: 'primary',
        onclick: (ev) => act(clicked(ev), () => save(true)),
        text: eventIds.length ? 'Save mapping and retry' : 'Save mapping',
      }),
      eventIds.length
        ? h('button', {
            type: 'button',
            onclick: (ev) => act(clicked(ev), () => save(false)),
            text: 'Save mapping only',
          })
        : null,
    ),
    result,
  );
  searchInput.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    const button = searchInput.nextElementSibling;
    if (button instanceof HTMLButtonElement) void act(button, search);
  });
  return fieldset;
}

function linesTable(lines: PreviewLine[]): HTMLElement {
  return table<PreviewLine>(
    [
      { label: 'TripleSeat item', cell: (l) => l.name },
      { label: 'Qty', num: true, cell: (l) => String(l.quantity) },
      { label: 'Unit price', num: true, cell: (l) => money(l.unit_price_cents) },
      { label: 'Line total', num: true, cell: (l) => money(l.total_cents) },
      {
        label: 'Revel product',
        cell: (l) =>
          l.mapped
            ? `${l.revel_product_name || 'Product'} (#${l.revel_product_id})${l.ticket_name && l.ticket_name !== l.revel_product_name ? `, reads “${l.ticket_name}”` : ''}`
            : h('strong', { class: 'badge outcome-failed', text: 'Not mapped' }),
      },
    ],
    lines,
    { caption: 'Lines' },
  );
}

function amounts(preview: OrFailure<Preview>): HTMLElement {
  const facts: HTMLElement[] = [];
  for (const key of ['discounts', 'charges', 'taxes', 'payments'] as const) {
    const value = preview[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const shown = h(
      'ul',
      { class: 'plain' },
      (value as readonly AmountPart[]).map((part) =>
        h('li', {}, `${part.name || part.kind || key}: ${money(part.cents)}`),
      ),
    );
    facts.push(h('dt', { text: key.charAt(0).toUpperCase() + key.slice(1) }), h('dd', {}, shown));
  }
  facts.push(h('dt', { text: 'Grand total' }), h('dd', {}, money(preview.grand_total_cents)));
  facts.push(h('dt', { text: 'Amount due' }), h('dd', {}, money(preview.amount_due_cents)));
  return h('dl', { class: 'facts' }, facts);
}

/** `inRevel`: the event's order exists already; the preview then shows TripleSeat's side only. */
function previewSection(preview: OrFailure<Preview>, inRevel: string | number | null): HTMLElement {
  const title = inRevel === null ? 'What would be written now' : 'What TripleSeat holds now';
  const body: Child[] = [h('h3', { id: 'preview-title', text: title })];
  if (preview.failure) body.push(notice('error', `No preview: ${preview.failure}`));
  else if (inRevel !== null)
    body.push(
      notice(
        'info',
        `Already in Revel as order ${inRevel}: a sync writes no new order for this event. A change since is under "Changed since injection".`,
      ),
      linesTable(preview.lines || []),
      amounts(preview),
    );
  else {
    const verdict: Partial<Preview['eligibility']> = preview.eligibility ?? {};
    body.push(
      notice(
        verdict.eligible ? 'ok' : 'info',
        verdict.eligible
          ? `Eligible: an order would be written now${preview.dry_run ? ' (dry run is on: nothing would be written).' : '.'}`
          : `Not eligible now: ${verdict.reason || 'unknown reason'}${verdict.detail ? ` (${verdict.detail})` : ''}.`,
      ),
      (verdict.problems || []).length > 1
        ? h(
            'ul',
            {},
            (verdict.problems || []).map((p) =>
              h('li', { text: p.reason + (p.detail ? `: ${p.detail}` : '') }),
            ),
          )
        : null,
      linesTable(preview.lines || []),
      amounts(preview),
    );
  }
  return h('section', { class: 'card', 'aria-labelledby': 'preview-title' }, body);
}

function moneySection(rows: MoneyRow[]): HTMLElement {
  const differs = (r: MoneyRow): boolean =>
    typeof r.revel_cents === 'number' && r.revel_cents !== r.tripleseat_cents;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'money-title' },
    h('h3', { id: 'money-title', text: 'Invoice against the Revel order' }),
    rows.length
      ? table<MoneyRow>(
          [
            { label: 'Amount', cell: (r) => r.label },
            { label: 'TripleSeat', num: true, cell: (r) => money(r.tripleseat_cents) },
            { label: 'Revel', num: true, cell: (r) => money(r.revel_cents) },
            {
              label: 'Check',
              cell: (r) =>
                differs(r)
                  ? h('strong', {
                      class: 'badge outcome-failed',
                      text: `Differs by ${money((r.revel_cents as number) - (r.tripleseat_cents as number))}`,
                    })
                  : r.check === 'not checked'
                    ? 'Not checked'
                    : typeof r.revel_cents === 'number'
                      ? 'Matches'
                      : '—',
            },
          ],
          rows,
        )
      : h('p', { class: 'muted', text: 'No Revel order to compare yet.' }),
  );
}

/** What the guest has paid TripleSeat: each deposit and payment (paid and due are in the money table). */
function paymentsSection(payments: EventDetail['payments']): HTMLElement | null {
  if (payments === undefined || payments === null) return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'payments-title' },
    h('h3', { id: 'payments-title', text: 'Payments' }),
    payments.length
      ? h(
          'ul',
          {},
          payments.map((p) =>
            h('li', {
              text: `${p.kind === 'deposit' ? 'Deposit' : 'Payment'} ${money(p.cents)}${p.date ? ` on ${p.date}` : ''}`,
            }),
          ),
        )
      : h('p', { class: 'muted', text: 'Nothing paid yet.' }),
  );
}

/** What the kitchen's ticket is built from: allergies and notes, special instructions, guests. */
function kitchenSection(kitchen: Kitchen | null | undefined): HTMLElement | null {
  if (!kitchen) return null;
  const rows: HTMLElement[][] = [
    ...kitchen.notes.map((n) => [h('dt', { text: n.label }), h('dd', { text: n.text })]),
    ...(kitchen.instructions.length
      ? [[h('dt', { text: 'Special instructions' }), h('dd', { text: kitchen.instructions.join(' · ') })]]
      : []),
    [
      h('dt', { text: 'Guests' }),
      h('dd', { text: kitchen.guest_count === null ? '—' : String(kitchen.guest_count) }),
    ],
  ];
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'kitchen-title' },
    h('h3', { id: 'kitchen-title', text: 'For the kitchen' }),
    kitchen.notes.length || kitchen.instructions.length
      ? null
      : h('p', { class: 'muted', text: 'No allergies, notes or special instructions in TripleSeat.' }),
    h('dl', { class: 'facts' }, ...rows.flat()),
  );
}

const NOTE_NAMES: Record<string, string> = { injected: 'Order written', paid: 'Closed and paid' };

function writeBackSection(writeBack: WriteBack | null | undefined): HTMLElement | null {
  if (!writeBack || (!writeBack.enabled && !writeBack.notes.length && !writeBack.error)) return null;
  const notes = writeBack.notes.map((n) =>
    h(
      'li',
      {},
      h('time', { datetime: n.at, text: when(n.at) }),
      ` ${NOTE_NAMES[n.kind] || n.kind} — note #${n.note_id}${n.found ? ' (found again after a lost answer)' : ''}`,
    ),
  );
  const error = writeBack.error;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'writeback-title' },
    h('h3', { id: 'writeback-title', text: 'Notes on the TripleSeat event' }),
    notes.length
      ? h('ul', { class: 'plain' }, notes)
      : h('p', { class: 'muted', text: writeBack.enabled ? 'No note written yet.' : 'Write-back is off.' }),
    error
      ? h(
          'p',
          {},
          h('span', { class: 'badge outcome-failed', text: 'Not written' }),
          ` ${NOTE_NAMES[error.kind] || error.kind} note, ${when(error.at)}: ${error.message}${error.retryable ? ' — the next sync of the event tries again.' : ''}`,
        )
      : null,
  );
}

function timelineSection(attempts: Attempt[]): HTMLElement {
  const items = [...attempts].sort((a, b) => String(b.at).localeCompare(String(a.at)));
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'timeline-title' },
    h('h3', { id: 'timeline-title', text: 'Timeline' }),
    items.length
      ? h(
          'ol',
          { class: 'timeline' },
          items.map((a) =>
            h(
              'li',
              {},
              h('time', { datetime: a.at, text: when(a.at) }),
              ' ',
              badge(a.outcome),
              a.reason ? ` ${a.reason}` : '',
              h(
                'span',
                { class: 'reason' },
                `${a.trigger ? `via ${a.trigger}, ` : ''}correlation id `,
                h('code', { text: a.correlation_id || '—' }),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted', text: 'Never synced.' }),
  );
}

/**
 * HALF_WRITTEN_ORDER: a Revel order we started and may not finish. The one release the API offers is
 * adopting it as Revel holds it (no void exists in the Revel API we know); the rest is done in Revel.
 */
function releaseSection(eventId: string, orderId: string | number | null | undefined): HTMLElement {
  const actions = h('div', { class: 'actions' });
  const order = orderId ? `Revel order ${orderId}` : 'The Revel order';
  append(
    actions,
    h('button', {
      type: 'button',
      text: 'Adopt the order as written',
      onclick: () =>
        confirmStep(
          actions,
          `${order} is kept exactly as Revel holds it and this event is marked injected: nothing more is written for it. Compare it with TripleSeat and change it in Revel by hand. To write it again instead, void it in Revel first, then ask for support.`,
          'Yes, adopt it',
          async () => {
            const answer = await api<ReleaseAnswer>(`/api/events/${enc(eventId)}/release`, {
              method: 'POST',
              body: { action: 'adopt', confirm: true },
            });
            await render();
            announce(answer.next || 'Adopted.');
          },
        ),
    }),
  );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'release-title' },
    h('h3', { id: 'release-title', text: 'Half-written order' }),
    h('p', {
      text: `${order} was started but the event changed before it was finished, so the sync will not touch it again.`,
    }),
    actions,
  );
}

async function eventPage(eventId = ''): Promise<Child> {
  const [detail, preview] = await Promise.all([
    api<EventDetail>(`/api/events/${enc(eventId)}`),
    orError(api<Preview>(`/api/events/${enc(eventId)}/preview`)),
  ]);
  const unmappedLines = (preview.lines || []).filter((l) => !l.mapped);
  let pickers: HTMLElement[] = [];
  if (unmappedLines.length) {
    const list = await orError(api<UnmappedList>(`/api/mappings/unmapped?days=${UPCOMING_DAYS}`));
    const names = new Set(unmappedLines.map((l) => String(l.name).toLowerCase()));
    const items = (list.items || []).filter(
      (item) =>
        (item.event_ids || []).map(String).includes(String(eventId)) ||
        names.has(String(item.name).toLowerCase()),
    );
    pickers = items.map((item) => productPicker(item, [eventId]));
  }
  const retryResult = h('div', { 'aria-live': 'polite' });
  const retry = h('button', {
    type: 'button',
    class: 'primary',
    text: 'Retry now',
    onclick: (ev) =>
      act(clicked(ev), async () => {
        const text = await retryEvent(eventId);
        await render();
        announce(text);
      }),
  });
  return [
    h('p', {}, h('a', { href: '#/', text: '← Today' })),
    h('h2', { text: detail.name || preview.name || `Event ${eventId}` }),
    (detail.unavailable || []).map((o) =>
      notice('error', `${o.message}: showing what the ledger last recorded for this event.`),
    ),
    h(
      'section',
      { class: 'card', 'aria-label': 'Status' },
      h(
        'dl',
        { class: 'facts' },
        h('dt', { text: 'TripleSeat event' }),
        h('dd', { text: `#${eventId}` }),
        h('dt', { text: 'TripleSeat status' }),
        h('dd', { text: detail.tripleseat_status || '—' }),
        h('dt', { text: 'When' }),
        h('dd', {
          text: `${detail.start_local ? detail.start_local.replace('T', ' ').slice(0, 16) : '—'}${detail.location_name ? ` at ${detail.location_name} (its local time)` : ''}`,
        }),
        h('dt', { text: 'Contact' }),
        h('dd', { text: detail.contact_name || '—' }),
        h('dt', { text: 'Status' }),
        h('dd', {}, statusCell(detail.outcome, detail.reason)),
        h('dt', { text: 'Revel order' }),
        h('dd', { text: detail.revel_order_id ? String(detail.revel_order_id) : '—' }),
      ),
      h('div', { class: 'actions' }, retry),
      retryResult,
    ),
    detail.outcome === 'failed' && detail.reason === 'HALF_WRITTEN_ORDER'
      ? releaseSection(eventId, detail.revel_order_id)
      : null,
    pickers.length
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'map-title' },
          h('h3', { id: 'map-title', text: 'Map the missing products' }),
          pickers,
        )
      : null,
    kitchenSection(detail.kitchen),
    paymentsSection(detail.payments),
    timelineSection(detail.attempts || []),
    previewSection(preview, detail.outcome === 'injected' ? (detail.revel_order_id ?? null) : null),
    moneySection(detail.money || []),
    writeBackSection(detail.write_back),
    detail.drift
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'drift-title' },
          h('h3', { id: 'drift-title', text: 'Changed since injection' }),
          describe(detail.drift),
        )
      : null,
    detail.preflight?.length
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'preflight-title' },
          h('h3', { id: 'preflight-title', text: 'Preflight problems' }),
          describe(detail.preflight),
        )
      : null,
  ];
}

export const eventRoutes: Route[] = [[/^#\/events\/([^/]+)$/, eventPage]];
