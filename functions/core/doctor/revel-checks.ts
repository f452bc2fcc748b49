import type { RevelLocationConfig, SyncConfig } from '#functions/core/config/sync-config';
import { tenderFor } from '#functions/core/config/sync-config';
import type { DoctorCheck } from '#functions/core/contract/doctor-report';
import { formatCents } from '#functions/core/money/cents';
import type { RevelReferenceKind, RevelReferenceState } from '#functions/core/ports/revel-references';
import type { RevelOrderShapes, RevelProbe } from '#functions/core/ports/vendor-probes';
import { failed, guarded, notChecked, ok } from './doctor-check';

/** Revel's built-in dining options (0 to-go … 8 curbside); merchant-defined ones are ≥ 100 (docs/vendors/revel.md). */
const BUILT_IN_DINING_OPTIONS = 100;

/** One set of Revel settings the config names: a location's, or the test location's. */
export interface RevelTarget {
  revel: RevelLocationConfig;
  /** Where it is set, e.g. `locations["Downtown"].revel`. */
  at: string;
}

export function revelTargets(config: SyncConfig): RevelTarget[] {
  const targets = config.locations.map((l) => ({ revel: l.revel, at: `locations["${l.name}"].revel` }));
  const test = config.connector.testLocation;
  return test ? [...targets, { revel: test, at: 'connector.testLocation' }] : targets;
}

interface Wanted {
  kind: RevelReferenceKind | 'tender';
  id: number;
  setting: string;
  /** The object must belong to this establishment. */
  establishmentId?: number | undefined;
}

const label: Record<Wanted['kind'], string> = {
  establishment: 'establishment',
  station: 'station',
  user: 'user',
  discount: 'discount',
  serviceFee: 'service fee',
  product: 'fee product',
  tender: 'tender (CustomPaymentType)',
};

function wantedOf(config: SyncConfig, { revel, at }: RevelTarget): Wanted[] {
  const own = { establishmentId: revel.establishmentId };
  const tender = tenderFor(config, revel);
  return [
    { kind: 'establishment', id: revel.establishmentId, setting: `${at}.establishmentId` },
    { kind: 'station', id: revel.stationId, setting: `${at}.stationId`, ...own },
    { kind: 'user', id: revel.userId, setting: `${at}.userId` },
    ...(revel.discountId === undefined
      ? []
      : [{ kind: 'discount' as const, id: revel.discountId, setting: `${at}.discountId`, ...own }]),
    ...(revel.charges?.mapping ?? []).map(
      (m, i): Wanted =>
        m.serviceFeeId !== undefined
          ? {
              kind: 'serviceFee',
              id: m.serviceFeeId,
              setting: `${at}.charges.mapping[${i}].serviceFeeId`,
              ...own,
            }
          : {
              kind: 'product',
              id: m.productId ?? 0,
              setting: `${at}.charges.mapping[${i}].productId`,
              ...own,
            },
    ),
    ...(tender === undefined
      ? []
      : [
          {
            kind: 'tender' as const,
            id: tender,
            setting: revel.tenderId === undefined ? 'revel.payment.paymentTypeId' : `${at}.tenderId`,
          },
        ]),
  ];
}

function verdict(want: Wanted, state: RevelReferenceState): DoctorCheck {
  const subject = `${label[want.kind]} ${want.id} (${want.setting})`;
  const check = `revel.${want.kind}`;
  if (!state.found)
    return failed('revel', check, subject, `${label[want.kind]} ${want.id} does not exist in Revel`);
  if (!state.active) return failed('revel', check, subject, `${label[want.kind]} ${want.id} is not active`);
  if (
    want.establishmentId !== undefined &&
    state.establishmentId !== undefined &&
    state.establishmentId !== want.establishmentId
  )
    return failed(
      'revel',
      check,
      subject,
      `belongs to establishment ${state.establishmentId}, not ${want.establishmentId}`,
    );
  return ok('revel', check, subject, 'exists and is active');
}

/** Every Revel object the config names, each once; the dining options; the mapped products. */
export async function checkRevelReferences(probe: RevelProbe, config: SyncConfig): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const seen = new Set<string>();
  for (const target of revelTargets(config)) {
    for (const want of wantedOf(config, target)) {
      const key = `${want.kind}:${want.id}:${want.establishmentId ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const subject = `${label[want.kind]} ${want.id} (${want.setting})`;
      checks.push(
        ...(await guarded('revel', `revel.${want.kind}`, subject, async () =>
          verdict(
            want,
            want.kind === 'tender'
              ? await probe.lookUpTender(want.id)
              : await probe.lookUpReference(want.kind, want.id),
          ),
        )),
      );
    }
    const option = target.revel.diningOption;
    const subject = `dining option ${option} (${target.at}.diningOption)`;
    if (seen.has(`dining:${option}`)) continue;
    seen.add(`dining:${option}`);
    checks.push(
      option < BUILT_IN_DINING_OPTIONS
        ? ok('revel', 'revel.dining_option', subject, 'one of Revel’s built-in dining options')
        : notChecked(
            'revel',
            'revel.dining_option',
            subject,
            'a merchant-defined option (a plain integer on the order); the doctor does not read CustomOrderOption',
          ),
    );
  }
  checks.push(...(await checkMappedProducts(probe, config)));
  return checks;
}

/** Every `items.mapping` product and open-price product (the catch-all, each location's) active in its establishment. */
async function checkMappedProducts(probe: RevelProbe, config: SyncConfig): Promise<DoctorCheck[]> {
  const establishments = [...new Set(revelTargets(config).map((t) => t.revel.establishmentId))];
  const catalogues = new Map<number, Map<number, boolean>>();
  const problems: DoctorCheck[] = [];
  for (const id of establishments) {
    problems.push(
      ...(await guarded('revel', 'revel.products', `products of establishment ${id}`, async () => {
        const products = await probe.listProducts(id);
        catalogues.set(id, new Map(products.map((p) => [p.id, p.active])));
        return [];
      })),
    );
  }
  const entries: { productId: number; establishmentId: number | undefined; setting: string }[] = [
    ...config.items.mapping.map((m, i) => ({
      productId: m.revelProductId,
      establishmentId: m.establishmentId,
      setting: `items.mapping[${i}]`,
    })),
    ...(config.items.openPriceProductId === undefined
      ? []
      : [
          {
            productId: config.items.openPriceProductId,
            establishmentId: undefined,
            setting: 'items.openPriceProductId',
          },
        ]),
  ];
  for (const location of config.locations) {
    const productId = location.revel.openPriceProductId;
    if (productId !== undefined)
      entries.push({
        productId,
        establishmentId: location.revel.establishmentId,
        setting: `locations["${location.name}"].revel.openPriceProductId`,
      });
  }
  const checks: DoctorCheck[] = [...problems];
  for (const entry of entries) {
    const where = entry.establishmentId === undefined ? establishments : [entry.establishmentId];
    const read = where.filter((e) => catalogues.has(e));
    if (read.length === 0) continue;
    const active = read.filter((e) => catalogues.get(e)?.get(entry.productId) === true);
    const present = read.filter((e) => catalogues.get(e)?.has(entry.productId));
    const subject = `product ${entry.productId} (${entry.setting})`;
    checks.push(
      active.length > 0
        ? ok('revel', 'revel.mapped_product', subject, `active in establishment ${active.join(', ')}`)
        : failed(
            'revel',
            'revel.mapped_product',
            subject,
            present.length > 0
              ? `not active in establishment ${present.join(', ')}`
              : `not a product of establishment ${read.join(', ')}`,
          ),
    );
  }
  return checks;
}

/** What one order says about the fields the read-back depends on. */
export function describeOrderShapes(order: RevelOrderShapes): string {
  const fees = order.feeFields.length > 0 ? order.feeFields.join(', ') : 'no fee field';
  const invented = order.feeFields.includes('service_fee_amount') ? '' : '; no service_fee_amount';
  return `order ${order.orderId}: fees in ${fees}${invented}; closed is ${order.closedType}; local_id is ${order.localIdType}`;
}

export function orderShapeFacts(order: RevelOrderShapes): Record<string, string> {
  return {
    'revel.fee_fields': order.feeFields.join(', ') || 'none',
    'revel.closed_type': order.closedType,
    'revel.local_id_type': order.localIdType,
  };
}

/** The newest order of each configured establishment: which fee fields, `closed` and `local_id` types. */
export async function checkRecentOrders(
  probe: RevelProbe,
  config: SyncConfig,
  shapes: Record<string, string>,
): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const establishments = [...new Set(revelTargets(config).map((t) => t.revel.establishmentId))];
  for (const id of establishments) {
    const subject = `latest order of establishment ${id}`;
    checks.push(
      ...(await guarded('revel', 'revel.recent_order', subject, async () => {
        const order = await probe.latestOrder(id);
        if (!order) return notChecked('revel', 'revel.recent_order', subject, 'no order there yet');
        Object.assign(shapes, orderShapeFacts(order));
        const money =
          order.finalTotalCents === undefined ? '' : `; final_total ${formatCents(order.finalTotalCents)}`;
        return ok('revel', 'revel.recent_order', subject, `${describeOrderShapes(order)}${money}`);
      })),
    );
  }
  return checks;
}
