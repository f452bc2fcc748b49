import type * as z from 'zod';
import { VendorError } from '#functions/core/domain/errors';
import type {
  RevelOrder,
  RevelOrderHistory,
  RevelOrderItem,
  RevelOrderMoney,
  RevelPayment,
  RevelProduct,
  RevelServiceFee,
} from '#functions/core/domain/model';
import { parseWith } from '#functions/core/domain/parse-with';
import type {
  OrderPlan,
  PlannedLine,
  PlannedPayment,
  PlannedServiceFee,
} from '#functions/core/domain/planned-order';
import type { OrderNotes, RevelApi } from '#functions/core/ports/revel-api';
import type {
  RevelReferenceKind,
  RevelReferenceState,
  RevelReferences,
} from '#functions/core/ports/revel-references';
import {
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  HttpTransportError,
  isJsonResponse,
  type RetryPolicy,
  sendRequest,
} from '#functions/outbound-http/http-client';
import { LocalRateLimiter, type RateLimiter } from '#functions/outbound-http/rate-limiter';
import { badResponse, errorForResponse, transportError } from './error-mapping';
import {
  closeHistoryPatch,
  notesPatch,
  orderBody,
  orderHistoryBody,
  orderItemBody,
  paymentBody,
  type RevelBody,
  remainingDuePatch,
  serviceFeeBody,
  totalsPatch,
} from './order-bodies';
import {
  idFromUri,
  revelOrderHistorySchema,
  revelOrderItemSchema,
  revelOrderMoneySchema,
  revelOrderSchema,
  revelPaymentSchema,
  revelProductSchema,
  revelReferenceSchema,
  revelResource,
  revelServiceFeeSchema,
  tastypieList,
} from './schemas';

export interface RevelClientOptions {
  /** Merchant origin, e.g. `https://acme.revelup.com` (a path prefix is kept, for sandboxes). */
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Client-side request rate; Revel publishes no limit (a third party says 300/min per key). */
  perSecond?: number;
  /** A pace shared with other clients (e.g. every sync instance); default: this client's own at `perSecond`. */
  limiter?: RateLimiter;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  retryPolicy?: Partial<RetryPolicy>;
  /** How long a product catalogue is reused; a product added or deactivated in Revel shows up after this. */
  productCacheMs?: number;
  now?: () => number;
}

const PAGE_SIZE = 250;
const MAX_PAGES = 200;

type Method = HttpRequest['method'];

/**
 * Revel REST (Tastypie) client: auth header, rate limit, retries, paging, errors typed by retryability.
 * Writes take the order plan and build Revel's request bodies with order-bodies.ts.
 */
export class RevelClient implements RevelApi, RevelReferences {
  private readonly baseUrl: string;
  private readonly authHeader: string;
  private readonly http: HttpClientOptions;
  private readonly products = new Map<number, { load: Promise<RevelProduct[]>; at: number }>();
  private readonly productCacheMs: number;
  private readonly now: () => number;
  private readonly references = new Map<string, { load: Promise<RevelReferenceState>; at: number }>();

  constructor(options: RevelClientOptions) {
    this.baseUrl = new URL(options.apiUrl).href.replace(/\/+$/, '');
    // Header auth only: query-string keys also work but end up in access logs.
    this.authHeader = `${options.apiKey}:${options.apiSecret}`;
    this.productCacheMs = options.productCacheMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    const sleep = options.sleep;
    this.http = {
      limiter: options.limiter ?? new LocalRateLimiter(options.perSecond ?? 5, Date.now, sleep),
      policy: options.retryPolicy,
      sleep,
      random: options.random,
      fetch: options.fetch,
    };
  }

  listProducts(establishmentId: number): Promise<RevelProduct[]> {
    const now = this.now();
    const cached = this.products.get(establishmentId);
    if (cached && now - cached.at < this.productCacheMs) return cached.load;
    const load = this.listAll(
      `${revelResource.product}?establishment=${establishmentId}`,
      revelProductSchema,
      'list products',
    ).then((page) => page.objects);
    this.products.set(establishmentId, { load, at: now });
    // A failed load is not cached: the next caller tries again.
    load.catch(() => this.products.delete(establishmentId));
    return load;
  }

  /**
   * Revel documents no text filter on Product (only `field=value`, `__in`, `__gte`…: docs/vendors/revel.md,
   * "Products"), so the search runs over the cached catalogue: no request beyond the one list.
   */
  async searchProducts(establishmentId: number, text: string): Promise<RevelProduct[]> {
    // The operator API's alone: loaded on first use, out of a queue message's cold start (ADR 0021).
    const { searchCatalogue } = await import('#functions/core/ops/fuzzy-match');
    return searchCatalogue(await this.listProducts(establishmentId), text);
  }

  /**
   * A configured object by id (preflight, core/preflight/check-upcoming.ts): one GET, reused like the
   * product catalogue, so a preflight over many events asks once per object.
   */
  lookUpReference(kind: RevelReferenceKind, id: number): Promise<RevelReferenceState> {
    const key = `${kind}:${id}`;
    const now = this.now();
    const cached = this.references.get(key);
    if (cached && now - cached.at < this.productCacheMs) return cached.load;
    const resource = {
      establishment: revelResource.establishment,
      station: revelResource.station,
      user: revelResource.user,
      discount: revelResource.discount,
      serviceFee: revelResource.serviceFee,
      product: revelResource.product,
    }[kind];
    const load = this.listAll(`${resource}?id=${id}`, revelReferenceSchema, `look up ${kind} ${id}`).then(
      ({ objects }): RevelReferenceState => {
        const found = objects.find((o) => o.id === id);
        return found
          ? { found: true, active: found.active, establishmentId: found.establishmentId }
          : { found: false, active: false, establishmentId: undefined };
      },
    );
    this.references.set(key, { load, at: now });
    load.catch(() => this.references.delete(key));
    return load;
  }

  /**
   * One request for every format (`local_id__in`), falling back to one request per value if Revel
   * refuses the filter or a value holds the `__in` separator (docs/vendors/revel.md, "Duplicates").
   */
  async findOrdersByLocalId(establishmentId: number, localIds: readonly string[]): Promise<RevelOrder[]> {
    const wanted = [...new Set(localIds)];
    const listable = wanted.filter((id) => !id.includes(','));
    const alone = wanted.filter((id) => id.includes(','));
    let objects: RevelOrder[] = [];
    if (listable.length > 1) {
      try {
        objects = await this.listOrders(
          establishmentId,
          `local_id__in=${listable.map(encodeURIComponent).join(',')}`,
        );
      } catch (e: unknown) {
        if (!(e instanceof VendorError && e.code === 'REVEL_REJECTED')) throw e;
        alone.push(...listable);
      }
    } else {
      alone.push(...listable);
    }
    for (const localId of alone) {
      objects.push(...(await this.listOrders(establishmentId, `local_id=${encodeURIComponent(localId)}`)));
    }
    // Revel's filter is not trusted: an inexact match here would suppress a real order.
    const found = new Map<number, RevelOrder>();
    for (const order of objects) {
      const sameEstablishment =
        order.establishmentId === undefined || order.establishmentId === establishmentId;
      if (order.localId !== undefined && wanted.includes(order.localId) && sameEstablishment)
        found.set(order.id, order);
    }
    return [...found.values()];
  }

  private async listOrders(establishmentId: number, filter: string): Promise<RevelOrder[]> {
    const { objects } = await this.listAll(
      `${revelResource.order}?establishment=${establishmentId}&${filter}`,
      revelOrderSchema,
      'find orders by local_id',
    );
    return objects;
  }

  createOrder(plan: OrderPlan): Promise<RevelOrder> {
    return this.create(revelResource.order, orderBody(plan), revelOrderSchema, 'create order');
  }

  async setOrderTotals(plan: OrderPlan, orderId: number): Promise<void> {
    const url = this.url(`${revelResource.order}${orderId}/`);
    await this.send('PATCH', url, `update order ${orderId}`, totalsPatch(plan));
  }

  async setRemainingDue(orderId: number, cents: number): Promise<void> {
    const url = this.url(`${revelResource.order}${orderId}/`);
    await this.send('PATCH', url, `update amount due of order ${orderId}`, remainingDuePatch(cents));
  }

  async setOrderNotes(orderId: number, notes: OrderNotes): Promise<void> {
    const url = this.url(`${revelResource.order}${orderId}/`);
    await this.send('PATCH', url, `update notes of order ${orderId}`, notesPatch(notes));
  }

  async getOrder(orderId: number): Promise<RevelOrderMoney> {
    const what = `read order ${orderId}`;
    const { json, res } = await this.send('GET', this.url(`${revelResource.order}${orderId}/`), what);
    return parseBody(revelOrderMoneySchema, json, what, res, false);
  }

  async listOrderItems(orderId: number): Promise<RevelOrderItem[]> {
    const { objects } = await this.listAll(
      `${revelResource.orderItem}?order=${orderId}`,
      revelOrderItemSchema,
      `list items of order ${orderId}`,
    );
    return objects.filter((item) => item.orderId === undefined || item.orderId === orderId);
  }

  /**
   * The shared read-back (docs/vendors/revel.md, "Reading orders back"): `id__in` / `order__in` are
   * Tastypie filters Revel documents in general, not pinned on these resources. A refusal (400/445)
   * throws as any rejection; a page holding a row not asked for means the filter was ignored and
   * throws at once, before paging through the whole establishment.
   */
  async listOrdersById(establishmentId: number, orderIds: readonly number[]): Promise<RevelOrderMoney[]> {
    const wanted = new Set(orderIds);
    const { objects } = await this.listAll(
      `${revelResource.order}?establishment=${establishmentId}&id__in=${[...wanted].join(',')}`,
      revelOrderMoneySchema,
      `read back ${wanted.size} orders`,
      (page) => requireAskedFor(page, (o) => o.id, wanted, 'id__in'),
    );
    return objects;
  }

  async listItemsOfOrders(orderIds: readonly number[]): Promise<RevelOrderItem[]> {
    const wanted = new Set(orderIds);
    const { objects } = await this.listAll(
      `${revelResource.orderItem}?order__in=${[...wanted].join(',')}`,
      revelOrderItemSchema,
      `list items of ${wanted.size} orders`,
      (page) => requireAskedFor(page, (i) => i.orderId, wanted, 'order__in'),
    );
    return objects;
  }

  async listPaymentsOfOrders(orderIds: readonly number[]): Promise<RevelPayment[]> {
    const wanted = new Set(orderIds);
    const { objects } = await this.listAll(
      `${revelResource.payment}?order__in=${[...wanted].join(',')}`,
      revelPaymentSchema,
      `list payments of ${wanted.size} orders`,
      (page) => requireAskedFor(page, (p) => p.orderId, wanted, 'order__in'),
    );
    return objects;
  }

  createOrderItem(
    plan: OrderPlan,
    orderId: number,
    line: PlannedLine,
    index: number,
  ): Promise<RevelOrderItem> {
    const body = orderItemBody(plan, orderId, line, index);
    return this.create(revelResource.orderItem, body, revelOrderItemSchema, 'create order item');
  }

  async listPaymentUuids(orderId: number): Promise<string[]> {
    const { objects } = await this.listAll(
      `${revelResource.payment}?order=${orderId}`,
      revelPaymentSchema,
      `list payments of order ${orderId}`,
    );
    return objects.flatMap((p) =>
      p.uuid !== undefined && (p.orderId ?? orderId) === orderId ? [p.uuid] : [],
    );
  }

  async listPayments(orderId: number): Promise<RevelPayment[]> {
    const { objects } = await this.listAll(
      `${revelResource.payment}?order=${orderId}`,
      revelPaymentSchema,
      `list payments of order ${orderId}`,
    );
    return objects.filter((p) => (p.orderId ?? orderId) === orderId);
  }

  async listServiceFees(orderId: number): Promise<RevelServiceFee[]> {
    const { objects } = await this.listAll(
      `${revelResource.appliedServiceFee}?order=${orderId}`,
      revelServiceFeeSchema,
      `list service fees of order ${orderId}`,
    );
    return objects.filter((f) => (f.orderId ?? orderId) === orderId);
  }

  async createServiceFee(
    plan: OrderPlan,
    orderId: number,
    fee: PlannedServiceFee,
  ): Promise<{ id: number; row: RevelServiceFee | undefined }> {
    const { value, echoed } = await this.createRow(
      revelResource.appliedServiceFee,
      serviceFeeBody(plan, orderId, fee),
      revelServiceFeeSchema,
      'apply service fee',
    );
    return { id: value.id, row: echoed ? value : undefined };
  }

  async createPayment(plan: OrderPlan, orderId: number, payment: PlannedPayment): Promise<{ id: number }> {
    const body = paymentBody(plan, orderId, payment);
    const created = await this.create(revelResource.payment, body, revelPaymentSchema, 'create payment');
    return { id: created.id };
  }

  /** Rows are re-filtered like every other list: a widened `?order=` filter must not count other orders' rows. */
  async countOrderHistory(orderId: number): Promise<number> {
    const { objects } = await this.listAll(
      `${revelResource.orderHistory}?order=${orderId}`,
      revelOrderHistorySchema,
      `count history of order ${orderId}`,
    );
    return objects.filter((h) => h.orderId === orderId).length;
  }

  async listOrderHistory(orderId: number): Promise<RevelOrderHistory[]> {
    const { objects } = await this.listAll(
      `${revelResource.orderHistory}?order=${orderId}`,
      revelOrderHistorySchema,
      `list history of order ${orderId}`,
    );
    return objects.filter((h) => h.orderId === orderId).map((h) => ({ id: h.id, closed: h.closed }));
  }

  async closeOrderHistory(plan: OrderPlan, historyId: number): Promise<void> {
    const url = this.url(`${revelResource.orderHistory}${historyId}/`);
    await this.send('PATCH', url, `close order history ${historyId}`, closeHistoryPatch(plan));
  }

  /** `closed` only as Revel's answer shows the row: an answer without a body says nothing of it. */
  async createOrderHistory(
    plan: OrderPlan,
    orderId: number,
  ): Promise<{ id: number; closed: boolean | undefined }> {
    const { value, echoed } = await this.createRow(
      revelResource.orderHistory,
      orderHistoryBody(plan, orderId),
      revelOrderHistorySchema,
      'create order history',
    );
    return { id: value.id, closed: echoed ? value.closed : undefined };
  }

  /**
   * A configured tender: `GET /resources/CustomPaymentType/<id>/` (docs/vendors/revel.md; the list
   * is seen in public code, the detail URL follows Tastypie). A 404 means it does not exist.
   */
  async lookUpTender(id: number): Promise<RevelReferenceState> {
    try {
      const json = await this.readJson(`${revelResource.customPaymentType}${id}/`, `look up tender ${id}`);
      const found = revelReferenceSchema.safeParse(json).data;
      return found
        ? { found: true, active: found.active, establishmentId: found.establishmentId }
        : { found: false, active: false, establishmentId: undefined };
    } catch (e: unknown) {
      if (e instanceof VendorError && e.code === 'REVEL_NOT_FOUND')
        return { found: false, active: false, establishmentId: undefined };
      throw e;
    }
  }

  /** One GET of a path under the merchant origin, its JSON as Revel sent it (the doctor reads shapes from it). */
  async readJson(pathWithQuery: string, what: string): Promise<unknown> {
    return (await this.send('GET', this.url(pathWithQuery), what)).json;
  }

  /**
   * Voids an order by PATCHing `deleted: true`, a field real orders carry. That Revel voids an order
   * this way is a guess (docs/doctor.md, "How the test order is voided"); only the doctor's own test
   * order is ever voided, and the doctor reads the order back to see whether Revel kept it.
   */
  async voidOrder(orderId: number): Promise<void> {
    const url = this.url(`${revelResource.order}${orderId}/`);
    await this.send('PATCH', url, `void order ${orderId}`, { deleted: true });
  }

  private async create<T extends z.ZodType>(
    resource: string,
    body: RevelBody,
    schema: T,
    what: string,
  ): Promise<z.output<T>> {
    return (await this.createRow(resource, body, schema, what)).value;
  }

  /** `echoed`: the value is Revel's answer; else the body sent, with the id of the Location header. */
  private async createRow<T extends z.ZodType>(
    resource: string,
    body: RevelBody,
    schema: T,
    what: string,
  ): Promise<{ value: z.output<T>; echoed: boolean }> {
    const { json, res } = await this.send('POST', this.url(resource), what, body);
    if (json !== undefined) return { value: parseBody(schema, json, what, res, true), echoed: true };
    // Tastypie without always_return_data answers 201 with an empty body and a Location header.
    const location = res.headers.get('location');
    const id = location ? idFromUri(location) : undefined;
    if (id === undefined) throw badResponse(what, res, true);
    return {
      value: parseBody(schema, { ...body, id, resource_uri: location }, what, res, true),
      echoed: false,
    };
  }

  /** Every page of a list; `checkPage` may refuse a page before the next is asked for. */
  private async listAll<T extends z.ZodType>(
    pathWithQuery: string,
    schema: T,
    what: string,
    checkPage?: (objects: readonly z.output<T>[]) => void,
  ): Promise<{ objects: z.output<T>[] }> {
    const objects: z.output<T>[] = [];
    let url: string | undefined = this.url(`${pathWithQuery}&limit=${PAGE_SIZE}`);
    for (let page = 0; url !== undefined; page++) {
      if (page >= MAX_PAGES) {
        throw new VendorError(
          'revel',
          'REVEL_BAD_RESPONSE',
          200,
          false,
          `Revel ${what}: over ${MAX_PAGES} pages`,
        );
      }
      const { json, res } = await this.send('GET', url, what);
      const list = parseBody(tastypieList(schema), json, what, res, false);
      checkPage?.(list.objects as z.output<T>[]);
      objects.push(...(list.objects as z.output<T>[]));
      const next = list.meta?.next;
      url = next && list.objects.length > 0 ? this.resolveNext(next, what) : undefined;
    }
    return { objects };
  }

  /** `meta.next` is relative or absolute; never follow it to another host (it would get our key). */
  private resolveNext(next: string, what: string): string {
    const resolved = new URL(next, `${this.baseUrl}/`);
    if (resolved.origin !== new URL(this.baseUrl).origin) {
      throw new VendorError(
        'revel',
        'REVEL_BAD_RESPONSE',
        200,
        false,
        `Revel ${what}: next page on another host`,
      );
    }
    return resolved.href;
  }

  private url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  private async send(
    method: Method,
    url: string,
    what: string,
    body?: RevelBody,
  ): Promise<{ json: unknown; res: HttpResponse }> {
    const headers: Record<string, string> = {
      'API-AUTHENTICATION': this.authHeader,
      Accept: 'application/json',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: HttpResponse;
    try {
      // POST is not idempotent: sendRequest then retries only 429s, which Revel refuses before any work.
      const request = { method, url, headers, body: body === undefined ? undefined : JSON.stringify(body) };
      res = await sendRequest(request, method !== 'POST', this.http);
    } catch (e: unknown) {
      if (e instanceof HttpTransportError) throw transportError(method, what, e);
      throw e;
    }
    if (res.status < 200 || res.status >= 300) throw errorForResponse(method, what, res);
    if (res.text.trim() === '') return { json: undefined, res };
    const committed = method === 'POST';
    if (!isJsonResponse(res)) throw badResponse(what, res, committed);
    try {
      return { json: JSON.parse(res.text), res };
    } catch {
      throw badResponse(what, res, committed);
    }
  }
}

function parseBody<T extends z.ZodType>(
  schema: T,
  json: unknown,
  what: string,
  res: HttpResponse,
  outcomeUnknown: boolean,
): z.output<T> {
  return parseWith(
    schema,
    json,
    ({ path, message }) =>
      new VendorError(
        'revel',
        'REVEL_BAD_RESPONSE',
        res.status,
        false,
        `Revel ${what}: unexpected body at ${path || '(root)'}: ${message}`,
        outcomeUnknown,
      ),
  );
}

/** A row whose id (or order) was not asked for: Revel ignored the filter, so the list cannot be used. */
function requireAskedFor<T>(
  rows: readonly T[],
  idOf: (row: T) => number | undefined,
  wanted: ReadonlySet<number>,
  filter: string,
): void {
  if (rows.every((row) => wanted.has(idOf(row) ?? Number.NaN))) return;
  throw new VendorError(
    'revel',
    'REVEL_BAD_RESPONSE',
    200,
    false,
    `Revel answered rows not asked for: the ${filter} filter was not applied`,
  );
}
