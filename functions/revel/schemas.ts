import * as z from 'zod';
import type {
  RevelOrder,
  RevelOrderItem,
  RevelOrderMoney,
  RevelPayment,
  RevelProduct,
  RevelServiceFee,
} from '#functions/core/domain/model';
import { parseMoneyToCents, parseQuantity } from '#functions/core/money/cents';

/** "/enterprise/Establishment/4/" -> 4, "/resources/Order/10684118" -> 10684118, else undefined. */
export function idFromUri(uri: string): number | undefined {
  const m = /\/(\d+)\/?$/.exec(uri.trim());
  if (!m) return undefined;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** `/resources/Order/12/` — Revel takes references in bodies as URIs, never as plain ids. */
export const revelUri = (resource: string, id: number): string => `${resource}${id}/`;

export const revelResource = {
  establishment: '/enterprise/Establishment/',
  user: '/enterprise/User/',
  station: '/resources/PosStation/',
  product: '/resources/Product/',
  order: '/resources/Order/',
  orderItem: '/resources/OrderItem/',
  payment: '/resources/Payment/',
  orderHistory: '/resources/OrderHistory/',
  discount: '/resources/Discount/',
  serviceFee: '/resources/ServiceFee/',
  appliedServiceFee: '/resources/AppliedServiceFee/',
  customPaymentType: '/resources/CustomPaymentType/',
} as const;

const id = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().positive()),
]);

/** A reference sent as a URI (usual), a plain id, an expanded object, or null. */
const reference = z
  .union([z.string(), z.number(), z.object({ id: z.number() }).loose(), z.null()])
  .optional()
  .transform((v) => {
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? v : undefined;
    if (typeof v === 'string') return idFromUri(v) ?? (/^\d+$/.test(v) ? Number(v) : undefined);
    return v.id;
  });

// Revel money is decimal, sometimes a float (10.0), sometimes a string ("0.000000")
// (docs/vendors/revel.md, "Money on an order").
const money = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const cents = parseMoneyToCents(v);
  if (cents === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a money amount: ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return cents;
});

const optionalMoney = money.nullish().transform((v) => v ?? undefined);
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

// Old data carries `local_id` as an integer (57189) and `closed` as 0/1
// (test/contract/vendor-samples/revel/14-php-client-order-orderitem-orderhistory.json): read both as
// the engine's string and boolean, so one such order does not reject a whole listed page.
const localId = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));

const flag = z
  .union([z.boolean(), z.literal(0), z.literal(1)])
  .optional()
  .catch(undefined)
  .transform((v) => (v === undefined ? undefined : v === true || v === 1));

const quantity = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const q = parseQuantity(v);
  if (q === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a quantity: ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return q;
});

export const tastypieMeta = z.looseObject({
  limit: z.number().nullish(),
  offset: z.number().nullish(),
  next: z.string().nullish(),
  previous: z.string().nullish(),
  total_count: z.number().int().nonnegative().nullish(),
});

/** Tastypie list envelope `{meta:{…}, objects:[…]}`. */
export const tastypieList = <T extends z.ZodType>(item: T) =>
  z.looseObject({ meta: tastypieMeta.optional(), objects: z.array(item) });

export const revelProductSchema = z
  .looseObject({
    id,
    name: z.string().transform((s) => s.trim()),
    price: optionalMoney,
    // Absent when a caller trimmed the fields; Revel lists active products unless told otherwise.
    active: z.boolean().nullish(),
    // Not in the documented field list: read only when served with its name (docs/vendors/revel.md, "Products").
    category: z
      .looseObject({ name: z.string().min(1) })
      .transform((c) => c.name.trim())
      .nullish()
      .catch(undefined),
  })
  .transform(
    (p): RevelProduct => ({
      id: p.id,
      name: p.name,
      priceCents: p.price ?? 0,
      active: p.active ?? true,
      ...(p.category ? { category: p.category } : {}),
    }),
  );

const orderFields = z.looseObject({
  id,
  uuid: optionalText,
  local_id: localId,
  establishment: reference,
  subtotal: optionalMoney,
  final_total: optionalMoney,
  closed: flag,
});

const toOrder = (o: z.output<typeof orderFields>): RevelOrder => ({
  id: o.id,
  uuid: o.uuid,
  localId: o.local_id,
  establishmentId: o.establishment,
  subtotalCents: o.subtotal,
  finalTotalCents: o.final_total,
  closed: o.closed,
});

export const revelOrderSchema = orderFields.transform(toOrder);

/** The order read back after writing: its money as Revel holds it (docs/vendors/revel.md, "Money on an order"). */
export const revelOrderMoneySchema = orderFields
  .extend({
    tax: optionalMoney,
    remaining_due: optionalMoney,
    discount_amount: optionalMoney,
    // Real orders carry these as decimal strings, and no `service_fee_amount`
    // (test/contract/vendor-samples/revel/11-order-10684118.json).
    service_fee_untaxed: optionalMoney,
    service_fee_taxed: optionalMoney,
  })
  .transform(
    (o): RevelOrderMoney => ({
      ...toOrder(o),
      taxCents: o.tax,
      remainingDueCents: o.remaining_due,
      discountCents: o.discount_amount,
      serviceFeeFieldsCents:
        o.service_fee_untaxed === undefined && o.service_fee_taxed === undefined
          ? undefined
          : (o.service_fee_untaxed ?? 0) + (o.service_fee_taxed ?? 0),
      closed: o.closed,
    }),
  );

/** Any configured object (establishment, station, user, discount, fee): is it there, active, whose. */
export const revelReferenceSchema = z
  .looseObject({
    id,
    active: z.boolean().nullish().catch(undefined),
    establishment: reference.catch(undefined),
  })
  .transform((o) => ({ id: o.id, active: o.active !== false, establishmentId: o.establishment }));

export const revelOrderItemSchema = z
  .looseObject({
    id,
    uuid: optionalText,
    order: reference,
    product: reference,
    quantity: quantity.nullish(),
    price: optionalMoney,
    tax_amount: optionalMoney,
    discount_amount: optionalMoney,
    // Either may carry TripleSeat's item name; null, "" or an odd type reads as not there.
    product_name_override: z.string().nullish().catch(undefined),
    special_request: z.string().nullish().catch(undefined),
  })
  .transform(
    (i): RevelOrderItem => ({
      id: i.id,
      uuid: i.uuid,
      orderId: i.order,
      productId: i.product,
      quantity: i.quantity ?? 0,
      priceCents: i.price,
      taxCents: i.tax_amount,
      discountCents: i.discount_amount,
      nameOverride: i.product_name_override || undefined,
      specialRequest: i.special_request || undefined,
    }),
  );

/**
 * A naive date as Revel echoes it, with or without microseconds ("2025-12-29T01:35:10.896094",
 * test/contract/vendor-samples/revel/12-order-10685039.json); the fraction or an offset is cut, to
 * compare with what was sent.
 */
const naiveDate = z
  .string()
  .nullish()
  .transform((v) => (v ? v.slice(0, 19) : undefined));

export const revelPaymentSchema = z
  .looseObject({
    id,
    uuid: optionalText,
    order: reference,
    payment_type: z.union([z.number(), z.string()]).nullish(),
    amount: optionalMoney,
    created_date: naiveDate,
  })
  .transform(
    (p): RevelPayment => ({
      id: p.id,
      uuid: p.uuid,
      orderId: p.order,
      paymentTypeId:
        p.payment_type === null || p.payment_type === undefined ? undefined : Number(p.payment_type),
      amountCents: p.amount ?? 0,
      createdDate: p.created_date,
    }),
  );

export const revelServiceFeeSchema = z
  .looseObject({ id, uuid: optionalText, order: reference, service_fee: reference, amount: optionalMoney })
  .transform(
    (f): RevelServiceFee => ({
      id: f.id,
      uuid: f.uuid,
      orderId: f.order,
      serviceFeeId: f.service_fee,
      amountCents: f.amount ?? 0,
    }),
  );

export const revelOrderHistorySchema = z
  .looseObject({
    id,
    order: reference,
    closed: z.union([z.string(), z.boolean()]).nullish().catch(undefined),
  })
  .transform((h) => ({
    id: h.id,
    orderId: h.order,
    // A close time (what the connector writes, docs/vendors/revel.md, "Finishing an order"); a flag is read too.
    closed: typeof h.closed === 'string' ? h.closed !== '' : h.closed === true,
  }));
