import * as z from 'zod';
import { VendorError } from '#functions/core/domain/errors';
import { errorForResponse } from '#functions/revel/error-mapping';
import {
  revelOrderHistorySchema,
  revelOrderItemSchema,
  revelOrderMoneySchema,
  revelOrderSchema,
  tastypieList,
} from '#functions/revel/schemas';
import type { SampleReader } from './sample-reader';

/**
 * The OrderAllInOne format `{orderInfo, items, payments, history}` (what Revel's `order.finalized`
 * webhook sends: docs/vendors/revel.md, "Webhooks"). Create bodies carry no ids: the order takes the
 * id its items' `order` URI names, rows are numbered from 1, as Revel's answer would number them.
 */
const orderParts = z.looseObject({
  orderInfo: z.looseObject({}),
  items: z.array(z.looseObject({})).default([]),
  history: z.array(z.looseObject({})).default([]),
});

function readOrderParts(text: string) {
  const parts = orderParts.parse(JSON.parse(text));
  const orderUri = parts.items.map((i) => i.order).find((uri) => typeof uri === 'string');
  const withId = (row: Record<string, unknown>, id: unknown) => ('id' in row ? row : { ...row, id });
  return {
    order: revelOrderMoneySchema.parse(withId(parts.orderInfo, String(orderUri).match(/(\d+)\/?$/)?.[1])),
    items: parts.items.map((item, i) => revelOrderItemSchema.parse(withId(item, i + 1))),
    history: parts.history.map((row, i) => revelOrderHistorySchema.parse(withId(row, i + 1))),
  };
}

/** A body as Revel's 4xx answer: the error the client raises from it (its code and the reasons it keeps). */
function readErrorBody(text: string) {
  const res = { status: 400, headers: new Headers({ 'content-type': 'application/json' }), text };
  const error = errorForResponse('POST', 'create order', res);
  if (!(error instanceof VendorError)) throw error;
  return { code: error.code, retryable: error.retryable, message: error.message };
}

/** Revel's readers by name (each sample's `reader` in its manifest). */
export const revelSampleReaders: Record<string, SampleReader> = {
  /** `GET /resources/Order/<id>/`, read as the read-back after writing reads it. */
  'revel.order': (text) => revelOrderMoneySchema.parse(JSON.parse(text)),
  /** A Tastypie page of orders `{meta, objects}`, as the `local_id` look-up reads it. */
  'revel.order-list': (text) => tastypieList(revelOrderSchema).parse(JSON.parse(text)),
  'revel.order-parts': readOrderParts,
  'revel.error-body': readErrorBody,
};
