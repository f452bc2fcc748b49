import { centsToDecimal } from '../core/domain/money';
import type { OrderPlan, PlannedLine, PlannedPayment } from '../core/order/order-plan';
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
    ...(line.nameOverride === undefined ? {} : { product_name_override: line.nameOverride }),
    created_by: userUri(plan),
    updated_by: userUri(plan),
    station: stationUri(plan),
    created_date: plan.timestampLocal,
    updated_date: plan.timestampLocal,
    tax_amount: 0,
    modifier_amount: 0,
    temp_sort: index,
    tax_rate: 0,
    dining_option: plan.diningOption,
  };
}

/** Revel does not recompute tax on orders built this way, so the final total is the subtotal. */
export function totalsPatch(plan: OrderPlan): RevelBody {
  const total = centsToDecimal(plan.subtotalCents);
  return { subtotal: total, final_total: total, remaining_due: total };
}

/** `establishment`, `created_by`, `created_date` and `amount` are required (docs/vendors/revel.md, "Money on an order"). */
export function paymentBody(plan: OrderPlan, orderId: number, payment: PlannedPayment): RevelBody {
  return {
    uuid: payment.uuid,
    order: orderUri(orderId),
    establishment: revelUri(revelResource.establishment, plan.establishmentId),
    payment_type: payment.paymentTypeId,
    amount: centsToDecimal(plan.subtotalCents),
    tip: 0,
    created_by: userUri(plan),
    created_date: plan.timestampLocal,
  };
}

/** "Required for orders to display in Order History" (seen in the production connector). */
export function orderHistoryBody(plan: OrderPlan, orderId: number): RevelBody {
  return {
    order: orderUri(orderId),
    order_opened_by: userUri(plan),
    order_opened_at: stationUri(plan),
    opened: plan.timestampLocal,
  };
}
