import type {
  OrderPlan,
  PlannedLine,
  PlannedPayment,
  PlannedServiceFee,
} from '#functions/core/domain/planned-order';
import { centsToDecimal } from '#functions/core/money/cents';
import type { OrderNotes } from '#functions/core/ports/revel-api';
import { revelResource, revelUri } from './schemas';

/** A JSON request body as sent to Revel. */
export type RevelBody = Record<string, unknown>;

/**
 * Request bodies for the raw-resource path proven in production (docs/vendors/revel.md, "Creating an order").
 * Bodies carry references as URIs and money as decimals built from integer cents.
 */
const userUri = (plan: OrderPlan) => revelUri(revelResource.user, plan.userId);
const stationUri = (plan: OrderPlan) => revelUri(revelResource.station, plan.stationId);
export const orderUri = (orderId: number) => revelUri(revelResource.order, orderId);

export function orderBody(plan: OrderPlan): RevelBody {
  return {
    uuid: plan.orderUuid,
    establishment: revelUri(revelResource.establishment, plan.establishmentId),
    pos_mode: 'Q',
    local_id: plan.localId,
    web_order: true,
    notes: plan.notes,
    ...(plan.pickupTime === undefined ? {} : { pickup_time: plan.pickupTime }),
    call_name: plan.callName,
    dining_option: plan.diningOption,
    created_date: plan.timestampLocal,
    updated_date: plan.timestampLocal,
    created_by: userUri(plan),
    updated_by: userUri(plan),
    // created_at / last_updated_at are PosStation URIs, not times (seen).
    station: stationUri(plan),
    created_at: stationUri(plan),
    last_updated_at: stationUri(plan),
    // Revel reported these as required and rejected a minimal body; zero unless the plan sends the
    // totals now (`revel.totalsWithCreate`), else the totals step fills them in.
    final_total: 0,
    tax: 0,
    subtotal: 0,
    remaining_due: 0,
    surcharge: 0,
    ...(plan.totalsWithCreate ? totalsPatch(plan) : {}),
  };
}

export function orderItemBody(plan: OrderPlan, orderId: number, line: PlannedLine, index: number): RevelBody {
  const price = centsToDecimal(line.unitPriceCents);
  return {
    uuid: line.uuid,
    order: orderUri(orderId),
    product: revelUri(revelResource.product, line.productId),
    quantity: line.quantity,
    price,
    initial_price: price,
    price_to_display: price,
    // TripleSeat's name on the kitchen ticket (docs/vendors/revel.md, "The item name on the ticket").
    ...(line.nameOverride === undefined
      ? {}
      : Object.fromEntries(plan.itemNameFields.map((field) => [field, line.nameOverride]))),
    created_by: userUri(plan),
    updated_by: userUri(plan),
    station: stationUri(plan),
    created_date: plan.timestampLocal,
    updated_date: plan.timestampLocal,
    tax_amount: centsToDecimal(line.taxCents ?? 0),
    modifier_amount: 0,
    temp_sort: index,
    tax_rate: 0,
    dining_option: plan.diningOption,
    // A line discount stays on its line (docs/vendors/sandbox-money.md: field names a guess).
    ...(line.discountCents && plan.lineDiscountId !== undefined
      ? {
          discount: revelUri(revelResource.discount, plan.lineDiscountId),
          discount_amount: centsToDecimal(line.discountCents),
          discount_reason: 'Triple Seat line discount',
        }
      : {}),
  };
}

/**
 * The order's money as TripleSeat states it: Revel does not recompute tax or totals on orders built
 * this way (docs/vendors/revel.md, "Finishing an order"), so every figure is sent. The order discount
 * is the open-amount Discount the production connector PATCHed ("Money on an order"). Only fields
 * captured orders show are written: the fees live in their AppliedServiceFee rows (or an open-price
 * fee product's line), and the order's `service_fee_*` fields are left to Revel.
 */
export function totalsPatch(plan: OrderPlan): RevelBody {
  const discount = plan.discount;
  return {
    subtotal: centsToDecimal(plan.subtotalCents),
    tax: centsToDecimal(plan.taxCents),
    final_total: centsToDecimal(plan.finalTotalCents),
    remaining_due: centsToDecimal(plan.remainingDueCents),
    ...(discount
      ? {
          discount: revelUri(revelResource.discount, discount.discountId),
          discount_amount: centsToDecimal(discount.amountCents),
          discount_rule_amount: centsToDecimal(discount.amountCents),
          discount_reason: discount.reason,
          discounted_by: userUri(plan),
        }
      : {}),
  };
}

/** An order-level AppliedServiceFee (docs/vendors/revel.md, "Money on an order": documented, not exercised). */
export function serviceFeeBody(plan: OrderPlan, orderId: number, fee: PlannedServiceFee): RevelBody {
  return {
    uuid: fee.uuid,
    order: orderUri(orderId),
    service_fee: revelUri(revelResource.serviceFee, fee.serviceFeeId),
    amount: centsToDecimal(fee.amountCents),
    created_by: userUri(plan),
    created_date: plan.timestampLocal,
  };
}

/** `establishment`, `created_by`, `created_date` and `amount` are required (docs/vendors/revel.md, "Money on an order"). */
export function paymentBody(plan: OrderPlan, orderId: number, payment: PlannedPayment): RevelBody {
  return {
    uuid: payment.uuid,
    order: orderUri(orderId),
    establishment: revelUri(revelResource.establishment, plan.establishmentId),
    payment_type: payment.paymentTypeId,
    amount: centsToDecimal(payment.amountCents),
    tip: 0,
    created_by: userUri(plan),
    station: stationUri(plan),
    // TripleSeat's payment day: part of the key the payment is found again by (order-writer.ts).
    created_date: payment.createdDate,
    payment_date: payment.createdDate,
  };
}

/** After a payment made since injection: only `remaining_due`, a field `totalsPatch` writes on every order. */
export function remainingDuePatch(cents: number): RevelBody {
  return { remaining_due: centsToDecimal(cents) };
}

/** Only the kitchen's fields, both written on every create: nothing about money. */
export function notesPatch(notes: OrderNotes): RevelBody {
  return { notes: notes.notes, ...(notes.pickupTime === undefined ? {} : { pickup_time: notes.pickupTime }) };
}

/** "Required for orders to display in Order History" (seen in the production connector). */
export function orderHistoryBody(plan: OrderPlan, orderId: number): RevelBody {
  return {
    order: orderUri(orderId),
    order_opened_by: userUri(plan),
    order_opened_at: stationUri(plan),
    opened: plan.timestampLocal,
    // A paid order is closed here, not on Order, whose `closed` looked read-only (docs/vendors/revel.md, "Finishing an order").
    ...(plan.close ? closeHistoryPatch(plan) : {}),
  };
}

export function closeHistoryPatch(plan: OrderPlan): RevelBody {
  return { closed: plan.timestampLocal, order_closed_by: userUri(plan) };
}
