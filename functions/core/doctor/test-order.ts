import type { SyncConfig } from '#functions/core/config/sync-config';
import { tenderFor } from '#functions/core/config/sync-config';
import type { DoctorCheck } from '#functions/core/contract/doctor-report';
import { describeError, InputError } from '#functions/core/domain/errors';
import { ITEM_NAME_FIELDS, type ItemNameField, type OrderPlan } from '#functions/core/domain/planned-order';
import { formatCents } from '#functions/core/money/cents';
import type { ChargeTarget } from '#functions/core/money/money-plan';
import { buildOrderPlan, localTimestamp } from '#functions/core/order/order-plan';
import { writeOrder } from '#functions/core/order/order-writer';
import type { Clock } from '#functions/core/ports/clock';
import { emptyProgress } from '#functions/core/ports/ledger';
import type { RevelApi } from '#functions/core/ports/revel-api';
import type { RevelOrderShapes, RevelProbe } from '#functions/core/ports/vendor-probes';
import { failed, notChecked, ok } from './doctor-check';
import { orderShapeFacts } from './revel-checks';

/** The name the test order's line carries in both item-name fields (a TripleSeat name differing from the product's). */
export const TEST_ITEM_NAME = 'Doctor test item';

/** The test order's fee and discount: small, whole figures an operator recognises in Revel. */
const FEE_CENTS = 100;
const DISCOUNT_CENTS = 100;

export interface TestOrderDeps {
  config: SyncConfig;
  revel: RevelApi;
  probe: RevelProbe;
  clock: Clock;
}

/** Refuses the write unless the config names a test establishment (`connector.testLocation`). */
export function testLocationOf(config: SyncConfig) {
  const test = config.connector.testLocation;
  if (!test) {
    throw new InputError(
      'connector.testLocation',
      '--write-test-order writes only to the test establishment, and the config names none: set connector.testLocation (docs/doctor.md)',
    );
  }
  return test;
}

/**
 * Writes one small order to the test establishment through the project's own saga (an item, the
 * discount, a fee as the config maps it, a payment of the whole and the close), reads it back, reports
 * which fields Revel kept, and voids it (docs/doctor.md, "How the test order is voided").
 */
export async function writeTestOrder(
  deps: TestOrderDeps,
  shapes: Record<string, string>,
): Promise<DoctorCheck[]> {
  const { config, revel, probe, clock } = deps;
  const test = testLocationOf(config);
  const checks: DoctorCheck[] = [];
  const subject = `test order in establishment ${test.establishmentId}`;
  let plan: OrderPlan;
  try {
    plan = await planTestOrder(deps);
  } catch (e: unknown) {
    return [failed('revel', 'revel.test_order', subject, `could not plan it: ${describeError(e)}`)];
  }
  let orderId: number | undefined;
  try {
    const written = await writeOrder(plan, emptyProgress(), revel, async () => undefined, {
      clock,
      settleMs: config.sync.writeSettleSeconds * 1000,
    });
    orderId = written.orderId;
    checks.push(ok('revel', 'revel.test_order', subject, `order ${orderId} written: ${summary(plan)}`));
    const order = await probe.readOrder(orderId);
    Object.assign(shapes, orderShapeFacts(order));
    checks.push(...(await keptChecks(plan, order, revel)));
    checks.push(await itemNameCheck(plan, order.orderId, revel, config.revel.itemNameField));
  } catch (e: unknown) {
    checks.push(failed('revel', 'revel.test_order', subject, describeError(e)));
  } finally {
    if (orderId === undefined) {
      const found = await revel.findOrdersByLocalId(plan.establishmentId, [plan.localId]).catch(() => []);
      orderId = found[0]?.id;
    }
    if (orderId !== undefined) checks.push(await voidCheck(probe, orderId));
  }
  return checks;
}

async function planTestOrder({ config, probe, clock }: TestOrderDeps): Promise<OrderPlan> {
  const test = testLocationOf(config);
  const products = (await probe.listProducts(test.establishmentId)).filter((p) => p.active);
  const mapped = new Set(
    config.items.mapping
      .filter((m) => m.establishmentId === undefined || m.establishmentId === test.establishmentId)
      .map((m) => m.revelProductId),
  );
  const product =
    products.find((p) => mapped.has(p.id) && p.priceCents > 0) ?? products.find((p) => p.priceCents > 0);
  if (!product)
    throw new InputError(
      'connector.testLocation',
      `no active priced product in establishment ${test.establishmentId}`,
    );
  // The test location's first charge mapping says where a fee goes: a service fee or a fee product.
  const first = test.charges?.mapping?.[0];
  const target: ChargeTarget | undefined =
    first?.serviceFeeId !== undefined
      ? { serviceFeeId: first.serviceFeeId }
      : first?.productId !== undefined
        ? { productId: first.productId }
        : undefined;
  const charge = target
    ? [{ name: first?.name ?? 'Doctor fee', kind: first?.kind ?? ('fee' as const), cents: FEE_CENTS, target }]
    : [];
  const discount =
    test.discountId === undefined
      ? []
      : [{ name: 'Doctor discount', cents: Math.min(DISCOUNT_CENTS, product.priceCents) }];
  const tender = tenderFor(config, test);
  const grand = product.priceCents - (discount[0]?.cents ?? 0) + FEE_CENTS * charge.length;
  const now = clock.now();
  // The test location has no zone of its own: the zone of a location on the same establishment, else the first.
  const zone =
    config.locations.find((l) => l.revel.establishmentId === test.establishmentId)?.timeZone ??
    config.locations[0]?.timeZone ??
    'UTC';
  const stamp = localTimestamp(now, zone);
  const day = stamp.slice(0, 10);
  const localId = `Triple Seat doctor ${now.toISOString().replace(/[-:.]/g, '').slice(0, 15)}`;
  return buildOrderPlan({
    eventId: 'doctor',
    localId,
    revel: test,
    timestampLocal: stamp,
    notes: 'TripleSeat connector doctor: test order, voided by the doctor',
    callName: 'Doctor test',
    lines: [
      {
        item: {
          source: 'line_items',
          menuItemId: undefined,
          name: product.name,
          description: product.name,
          category: undefined,
          quantity: 1,
          unitPriceCents: product.priceCents,
          totalCents: product.priceCents,
        },
        productId: product.id,
        nameOverride: TEST_ITEM_NAME,
        via: 'mapping',
      },
    ],
    money: {
      discounts: discount,
      discountId: test.discountId,
      charges: charge,
      taxes: [],
      taxMode: 'tripleseat',
      grandTotalCents: grand,
      amountDueCents: tender === undefined ? grand : 0,
      payments: tender === undefined ? [] : [{ cents: grand, date: day, kind: 'payment' }],
      tenderId: tender,
      closeWhenPaid: true,
      fallbackDate: day,
    },
    orderHistory: true,
    totalsWithCreate: config.revel.totalsWithCreate,
    // Both fields, to learn which one this Revel keeps (revel.itemNameField).
    itemNameFields: ITEM_NAME_FIELDS,
  });
}

function summary(plan: OrderPlan): string {
  const parts = [`${plan.lines.length} line(s)`];
  if (plan.discount) parts.push(`discount ${formatCents(plan.discount.amountCents)}`);
  for (const fee of plan.serviceFees)
    parts.push(`AppliedServiceFee ${fee.serviceFeeId} ${formatCents(fee.amountCents)}`);
  for (const line of plan.lines.filter((l) => l.charge))
    parts.push(`fee product ${line.productId} ${formatCents(line.totalCents)}`);
  for (const p of plan.payments)
    parts.push(`payment ${formatCents(p.amountCents)} (tender ${p.paymentTypeId})`);
  parts.push(plan.close ? 'closed through OrderHistory' : 'left open (nothing paid)');
  return parts.join(', ');
}

async function keptChecks(plan: OrderPlan, order: RevelOrderShapes, revel: RevelApi): Promise<DoctorCheck[]> {
  const subject = (what: string) => `test order ${order.orderId}: ${what}`;
  const totals =
    order.subtotalCents === plan.subtotalCents &&
    order.finalTotalCents === plan.finalTotalCents &&
    order.remainingDueCents === plan.remainingDueCents;
  const sent = plan.totalsWithCreate ? 'sent with the create' : 'PATCHed after the items';
  const figures = `subtotal ${show(order.subtotalCents)}/${formatCents(plan.subtotalCents)}, final_total ${show(order.finalTotalCents)}/${formatCents(plan.finalTotalCents)}, remaining_due ${show(order.remainingDueCents)}/${formatCents(plan.remainingDueCents)} (kept/sent)`;
  const checks: DoctorCheck[] = [
    totals
      ? ok('revel', 'revel.test_order.totals', subject(`totals ${sent}`), `kept: ${figures}`)
      : notChecked(
          'revel',
          'revel.test_order.totals',
          subject(`totals ${sent}`),
          `not kept as sent — the engine PATCHes them once (revel.totalsWithCreate): ${figures}`,
        ),
  ];
  const history = await revel.listOrderHistory(order.orderId);
  const historyClosed = history.some((h) => h.closed);
  checks.push(
    !plan.close
      ? notChecked(
          'revel',
          'revel.test_order.closed',
          subject('closing'),
          'no tender configured: nothing paid, not closed',
        )
      : order.closed === true
        ? ok(
            'revel',
            'revel.test_order.closed',
            subject('closing'),
            `Order.closed is true (${order.closedType}) after the OrderHistory row`,
          )
        : historyClosed
          ? ok(
              'revel',
              'revel.test_order.closed',
              subject('closing'),
              `Order.closed stays ${String(order.closed)}; the OrderHistory row is closed`,
            )
          : failed(
              'revel',
              'revel.test_order.closed',
              subject('closing'),
              'neither Order.closed nor the OrderHistory row says closed',
            ),
  );
  const planned = plan.serviceFees.reduce((s, f) => s + f.amountCents, 0);
  if (plan.serviceFees.length > 0) {
    const rows = (await revel.listServiceFees(order.orderId)).reduce((s, f) => s + f.amountCents, 0);
    const kept = [
      `AppliedServiceFee rows ${formatCents(rows)}`,
      order.serviceFeeCents === undefined
        ? 'no service_fee_untaxed/_taxed'
        : `service_fee_untaxed+_taxed ${formatCents(order.serviceFeeCents)}`,
      order.feeFields.includes('service_fee_amount') ? 'service_fee_amount present' : 'no service_fee_amount',
    ].join('; ');
    checks.push(
      rows === planned || order.serviceFeeCents === planned
        ? ok('revel', 'revel.test_order.fees', subject(`fee ${formatCents(planned)}`), kept)
        : failed(
            'revel',
            'revel.test_order.fees',
            subject(`fee ${formatCents(planned)}`),
            `Revel returned no fee of ${formatCents(planned)}: ${kept}`,
          ),
    );
  } else {
    const feeLine = plan.lines.find((l) => l.charge);
    checks.push(
      feeLine
        ? ok(
            'revel',
            'revel.test_order.fees',
            subject('fee'),
            `written as open-price product ${feeLine.productId} (${formatCents(feeLine.totalCents)}), read back with the items`,
          )
        : notChecked('revel', 'revel.test_order.fees', subject('fee'), 'the test location maps no charge'),
    );
  }
  return checks;
}

/**
 * Which OrderItem field Revel kept the TripleSeat name in (docs/vendors/revel.md, "The item name on
 * the ticket"), against the one the engine sends (`revel.itemNameField`).
 */
async function itemNameCheck(
  plan: OrderPlan,
  orderId: number,
  revel: RevelApi,
  configured: ItemNameField,
): Promise<DoctorCheck> {
  const subject = `test order ${orderId}: item name (revel.itemNameField ${configured})`;
  const line = plan.lines.find((l) => l.nameOverride !== undefined);
  const items = await revel.listOrderItems(orderId);
  // Revel may not keep a client's uuid: the product finds the one line too.
  const item =
    items.find((i) => i.uuid !== undefined && i.uuid === line?.uuid) ??
    items.find((i) => i.productId === line?.productId);
  if (line === undefined || item === undefined)
    return failed('revel', 'revel.test_order.item_name', subject, 'the test line was not found in the order');
  const kept = {
    product_name_override: item.nameOverride === line.nameOverride,
    special_request: item.specialRequest === line.nameOverride,
  };
  const said = `product_name_override ${kept.product_name_override ? 'kept' : 'not kept'}, special_request ${kept.special_request ? 'kept' : 'not kept'}`;
  if (kept[configured]) return ok('revel', 'revel.test_order.item_name', subject, said);
  const other = configured === 'product_name_override' ? 'special_request' : 'product_name_override';
  return failed(
    'revel',
    'revel.test_order.item_name',
    subject,
    kept[other]
      ? `${said}: set revel.itemNameField to ${other}, or the ticket shows the Revel product's name instead of TripleSeat's`
      : `${said}: the ticket shows the Revel product's name only; put the item name in the product instead`,
  );
}

const show = (cents: number | undefined) => (cents === undefined ? 'absent' : formatCents(cents));

async function voidCheck(probe: RevelProbe, orderId: number): Promise<DoctorCheck> {
  const subject = `void test order ${orderId} (PATCH deleted: true, guessed)`;
  try {
    await probe.voidOrder(orderId);
    const after = await probe.readOrder(orderId);
    return after.deleted === true
      ? ok('revel', 'revel.test_order.void', subject, 'Revel kept deleted: true')
      : failed(
          'revel',
          'revel.test_order.void',
          subject,
          `Revel did not keep deleted (${String(after.deleted)}): void order ${orderId} by hand in Revel`,
        );
  } catch (e: unknown) {
    return failed(
      'revel',
      'revel.test_order.void',
      subject,
      `${describeError(e)} — void order ${orderId} by hand in Revel`,
    );
  }
}
