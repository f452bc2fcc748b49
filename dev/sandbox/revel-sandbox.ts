import type { SandboxAdmin } from './admin-routes';
import { Faults } from './faults';
import { errorPage } from './html-pages';
import {
  header,
  html,
  json,
  parseJsonBody,
  type RunningServer,
  type SandboxRequest,
  type SandboxResponse,
} from './http-helpers';
import { type RevelResource, revelResources } from './revel-resources';
import { type RevelObject, revelCredentials } from './revel-seed';
import { asServed } from './revel-served-fields';
import { type RevelBehaviour, RevelStore } from './revel-store';
import { RevelRejection } from './revel-validation';
import { listResponse, refId, selectFields, TastypieQueryError } from './tastypie';
import { type RequestLogEntry, startVendorServer } from './vendor-server';

export interface RevelSandboxOptions {
  port?: number;
  now?: () => Date;
  faults?: Faults;
  /** What `/__sandbox/*` acts on; defaults to this sandbox alone. */
  admin?: SandboxAdmin;
}

/** An order as tests inspect it: the Order object plus its children. */
export type SandboxOrder = RevelObject & {
  items: RevelObject[];
  payments: RevelObject[];
  histories: RevelObject[];
  serviceFees: RevelObject[];
};

const unauthorized = () => json(401, { error: 'Unauthorized' });
const pathPattern = /^\/(resources|enterprise)\/([A-Za-z]+)(?:\/(\d+))?\/?$/;

/** A Revel look-alike: Tastypie envelopes, URI references, 400/445 validation, HTML 404s. */
export class RevelSandbox {
  readonly credentials = revelCredentials;
  readonly #store: RevelStore;
  #log: RequestLogEntry[] = [];
  #server: RunningServer | undefined;

  private constructor(options: RevelSandboxOptions) {
    this.#store = new RevelStore(options.now ?? (() => new Date()));
  }

  static async start(options: RevelSandboxOptions = {}): Promise<RevelSandbox> {
    const sandbox = new RevelSandbox(options);
    const faults = options.faults ?? new Faults();
    sandbox.#server = await startVendorServer({
      vendor: 'revel',
      port: options.port ?? 0,
      faults,
      admin: options.admin ?? {
        faults,
        reset: () => sandbox.reset(),
        state: () => sandbox.state(),
        behaviour: {
          revel: { behaviour: () => sandbox.behaviour(), behave: (changes) => sandbox.behave(changes) },
        },
      },
      handle: (request) => sandbox.#handle(request),
      log: sandbox.#log,
    });
    return sandbox;
  }

  get origin(): string {
    if (!this.#server) throw new Error('Revel sandbox is not started');
    return this.#server.origin;
  }

  /** Every order (the seeded legacy one included) with its items, payments, histories and applied fees. */
  orders(): SandboxOrder[] {
    return this.#store.all('Order').map((order) =>
      structuredClone({
        ...order,
        items: this.#store.childrenOf('OrderItem', order.id),
        payments: this.#store.childrenOf('Payment', order.id),
        histories: this.#store.childrenOf('OrderHistory', order.id),
        serviceFees: this.#store.childrenOf('AppliedServiceFee', order.id),
      }),
    );
  }

  products(establishmentId?: number): RevelObject[] {
    return structuredClone(
      this.#store
        .all('Product')
        .filter((p) => establishmentId === undefined || refId(p.establishment) === establishmentId),
    );
  }

  /**
   * Deletes an order and its children (a person in Revel's back office, e.g. removing the old
   * connector's order); false when there is none. What Revel's API shows of a deleted or voided order
   * is not pinned down: here it is simply gone from every list.
   */
  removeOrder(orderId: number): boolean {
    return this.#store.removeOrder(orderId);
  }

  /** Changes how the sandbox behaves where Revel's behaviour is unknown; `reset()` restores the defaults. */
  behave(changes: Partial<RevelBehaviour>): void {
    Object.assign(this.#store.behaviour, changes);
  }

  /** The switches in force (`GET /__sandbox/behaviour`). */
  behaviour(): RevelBehaviour {
    return { ...this.#store.behaviour };
  }

  requestLog(): RequestLogEntry[] {
    return this.#log.map((entry) => ({ ...entry }));
  }

  /** Back to the seed: reference data, the legacy order, fresh id counters; forgets requests. */
  reset(): void {
    this.#store.reset();
    this.#log.length = 0;
  }

  state() {
    return { orders: this.orders(), requests: this.#log.length };
  }

  async close(): Promise<void> {
    await this.#server?.close();
  }

  async #handle(request: SandboxRequest): Promise<SandboxResponse> {
    // Query-string keys work on the real API but land in logs: the sandbox refuses them outright.
    if (request.url.searchParams.has('api_key')) return unauthorized();
    const { apiKey, apiSecret } = this.credentials;
    if (header(request, 'api-authentication') !== `${apiKey}:${apiSecret}`) return unauthorized();
    const match = request.path.match(pathPattern);
    const resource = match && revelResources.find((r) => r.base === `/${match[1]}/${match[2]}/`);
    if (!match || !resource) return html(404, errorPage(404));
    try {
      return match[3] === undefined
        ? this.#collection(request, resource)
        : this.#detail(request, resource, Number(match[3]));
    } catch (e: unknown) {
      if (e instanceof RevelRejection || e instanceof TastypieQueryError)
        return json(e instanceof RevelRejection ? e.status : 400, { error: e.message });
      throw e;
    }
  }

  #collection(request: SandboxRequest, resource: RevelResource): SandboxResponse {
    const served = <T extends Record<string, unknown>>(o: T) =>
      asServed(resource.name, o, this.#store.behaviour);
    if (request.method === 'GET') {
      const list = listResponse(
        this.#store.all(resource.name),
        idInFilterAsBehaving(resource.name, request.url.searchParams, this.#store.behaviour),
        resource.filters,
        resource.base,
      );
      return json(200, { ...list, objects: list.objects.map(served) });
    }
    if (request.method === 'POST' && resource.create) {
      const created = resource.create(this.#store, readJson(request));
      return json(201, served(created), { location: created.resource_uri });
    }
    return html(405, errorPage(405));
  }

  #detail(request: SandboxRequest, resource: RevelResource, id: number): SandboxResponse {
    const object = this.#store.find(resource.name, id);
    if (!object) return html(404, errorPage(404));
    const served = <T extends Record<string, unknown>>(o: T) =>
      asServed(resource.name, o, this.#store.behaviour);
    if (request.method === 'GET') return json(200, selectFields(served(object), request.url.searchParams));
    if (request.method === 'PATCH' && resource.patch)
      return json(202, served(resource.patch(this.#store, object, readJson(request))));
    return html(405, errorPage(405));
  }
}

function readJson(request: SandboxRequest): unknown {
  const type = header(request, 'content-type') ?? '';
  if (!type.includes('application/json'))
    throw new RevelRejection(400, `The format indicated '${type}' had no available deserialization method.`);
  const parsed = parseJsonBody(request.body);
  if (!parsed.ok) throw new RevelRejection(400, 'The request body is not valid JSON.');
  return parsed.value;
}

/** The read-back's `__in` filters on ids, per the `inFilterOnIds` switch (revel-store.ts). */
function idInFilterAsBehaving(
  resource: string,
  query: URLSearchParams,
  behaviour: RevelBehaviour,
): URLSearchParams {
  const field =
    resource === 'Order' ? 'id' : resource === 'OrderItem' || resource === 'Payment' ? 'order' : '';
  if (field === '' || !query.has(`${field}__in`) || behaviour.inFilterOnIds === 'honoured') return query;
  // Tastypie's words for a filter type the field does not allow (its InvalidFilterError).
  if (behaviour.inFilterOnIds === 'refused')
    throw new TastypieQueryError(`'in' is not an allowed filter on the '${field}' field.`);
  const without = new URLSearchParams(query);
  without.delete(`${field}__in`);
  return without;
}
