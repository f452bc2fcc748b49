import type { LocationConfig, RevelLocationConfig, SyncConfig } from '#functions/core/config/sync-config';
import type { PreviewAnswer, PreviewLine } from '#functions/core/contract/operator-api/event-preview';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { VendorError } from '#functions/core/domain/errors';
import type { EventInvoice, EventItem, RevelProduct, TripleSeatEvent } from '#functions/core/domain/model';
import { FailReason } from '#functions/core/domain/reasons';
import { checkEligibility } from '#functions/core/engine/eligibility';
import { extractEventInvoice } from '#functions/core/engine/event-items';
import { checkInvoice } from '#functions/core/order/invoice-check';
import { mapItemsToProducts } from '#functions/core/order/product-mapping';
import { NotFoundError } from './ops-errors';

type ReadDeps = Omit<EngineDeps, 'holderId'>;

/** The event from TripleSeat, or NotFoundError when TripleSeat does not know it. */
export async function fetchEvent(eventId: string, deps: ReadDeps): Promise<TripleSeatEvent> {
  try {
    return await deps.tripleseat.getEvent(eventId);
  } catch (e: unknown) {
    if (e instanceof VendorError && e.code === 'TRIPLESEAT_NOT_FOUND')
      throw new NotFoundError(`TripleSeat has no event ${eventId}`);
    throw e;
  }
}

/** Where the engine would write the event's order now (the test establishment when switched on). */
export function targetOf(
  config: SyncConfig,
  location: LocationConfig | undefined,
): RevelLocationConfig | undefined {
  return config.connector.testLocation ?? location?.revel;
}

/**
 * The order the engine would write for the event now, line by line, with the verdict — computed with
 * the same steps as `syncEvent` (eligibility, items, the check, the mapping), and nothing written.
 */
export async function previewOrder(eventId: string, deps: ReadDeps): Promise<PreviewAnswer> {
  const { config } = deps;
  const event = await fetchEvent(eventId, deps);
  const verdict = checkEligibility(event, config, deps.clock.now());
  const location = verdict.location;
  const target = targetOf(config, location);
  const read = await extractEventInvoice(event, {
    excludedCategories: config.items.excludedCategories,
    fetchInvoice: (url) => deps.tripleseat.fetchInvoice(url),
  });
  const invoice = 'invoice' in read ? read.invoice : undefined;
  const products = target && invoice ? await deps.revel.listProducts(target.establishmentId) : [];
  const lines = (invoice?.lines ?? []).map((item) => previewLine(item, products, config, target));
  const problems: Array<{ reason: string; detail: string }> = [];
  if (!verdict.eligible) problems.push({ reason: verdict.reason, detail: verdict.detail });
  if ('mismatch' in read) problems.push({ reason: FailReason.TOTALS_DO_NOT_ADD_UP, detail: read.mismatch });
  if (invoice) {
    const checked = checkInvoice(invoice);
    if (!checked.ok) problems.push({ reason: checked.reason, detail: checked.error });
  }
  const unmapped = lines.filter((l) => !l.mapped).map((l) => l.name);
  if (unmapped.length > 0)
    problems.push({
      reason: FailReason.UNMAPPED_ITEMS,
      detail: `no Revel product for: ${[...new Set(unmapped)].join(', ')}`,
    });
  const first = problems[0];
  return {
    event_id: event.id,
    name: event.name,
    event_date: event.eventDate,
    start_local: event.startLocal ?? null,
    tripleseat_status: event.status,
    eligibility: {
      eligible: first === undefined,
      reason: first?.reason ?? null,
      detail: first?.detail ?? null,
      problems,
    },
    location: {
      name: location?.name ?? event.locationName ?? null,
      tripleseat_location_id: event.locationId ?? null,
      time_zone: location?.timeZone ?? null,
      establishment_id: target?.establishmentId ?? null,
      test_establishment: config.connector.testLocation !== undefined,
    },
    lines,
    ...moneyOf(invoice),
    dry_run: config.connector.dryRun,
  };
}

function previewLine(
  item: EventItem,
  products: readonly RevelProduct[],
  config: SyncConfig,
  target: RevelLocationConfig | undefined,
): PreviewLine {
  const mapped =
    target === undefined
      ? undefined
      : mapItemsToProducts([item], products, {
          mapping: config.items.mapping,
          establishmentId: target.establishmentId,
          openPriceProductId: config.items.openPriceProductId,
        }).lines[0];
  const product = mapped ? products.find((p) => p.id === mapped.productId) : undefined;
  return {
    name: item.name,
    description: item.description,
    menu_item_id: item.menuItemId ?? null,
    category: item.category ?? null,
    quantity: item.quantity,
    unit_price_cents: item.unitPriceCents,
    total_cents: item.totalCents,
    discount_cents: item.discountCents ?? 0,
    revel_product_id: mapped?.productId ?? null,
    revel_product_name: product?.name ?? null,
    /** What the Revel line says: TripleSeat's name when the product is named otherwise. */
    ticket_name: mapped === undefined ? null : (mapped.nameOverride ?? product?.name ?? item.name),
    revel_price_cents: product?.priceCents ?? null,
    mapped: mapped !== undefined,
    via: mapped?.via ?? null,
  };
}

function moneyOf(invoice: EventInvoice | undefined) {
  return {
    subtotal_cents: invoice?.subtotalCents ?? null,
    discounts: (invoice?.discounts ?? []).map((d) => ({ name: d.name, cents: d.cents })),
    charges: (invoice?.charges ?? []).map((c) => ({ name: c.name, kind: c.kind, cents: c.cents })),
    taxes: (invoice?.taxes ?? []).map((t) => ({ name: t.name, cents: t.cents })),
    payments: (invoice?.payments ?? []).map((p) => ({ kind: p.kind, date: p.date ?? null, cents: p.cents })),
    grand_total_cents: invoice?.grandTotalCents ?? null,
    amount_due_cents: invoice?.amountDueCents ?? null,
  };
}
