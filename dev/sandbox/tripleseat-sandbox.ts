import { DateTime } from 'luxon';
import type { SandboxAdmin } from './admin-routes';
import { Faults } from './faults';
import { errorPage, tripleSeatLoginPage } from './html-pages';
import {
  header,
  html,
  json,
  type RunningServer,
  type SandboxRequest,
  type SandboxResponse,
} from './http-helpers';
import { type InvoiceRow, invoiceRowsFromLineItems, renderInvoiceHtml } from './invoice-html';
import { RollingRateLimit } from './rolling-rate-limit';
import {
  formatIso,
  formatUsDateTime,
  locationById,
  siteZone,
  type TripleSeatEvent,
} from './tripleseat-event';
import { type FillerOptions, fillerEvent } from './tripleseat-event-builder';
import { type TripleSeatNote, TripleSeatNotes } from './tripleseat-notes';
import { handleTokenRequest, TokenStore, tripleSeatCredentials } from './tripleseat-oauth';
import { defaultTripleSeatBehaviour, publicEvent, type TripleSeatBehaviour } from './tripleseat-public';
import { searchEvents } from './tripleseat-search';
import { seedTripleSeatEvents } from './tripleseat-seed';
import { type RequestLogEntry, startVendorServer } from './vendor-server';

export interface TripleSeatSandboxOptions {
  port?: number;
  now?: () => Date;
  tokenTtlSeconds?: number;
  /** API requests allowed in any rolling second before 429s; default 10. */
  perSecond?: number;
  faults?: Faults;
  /** What `/__sandbox/*` acts on; defaults to this sandbox alone. */
  admin?: SandboxAdmin;
}

interface StoredEvent {
  event: TripleSeatEvent;
  invoiceRows?: InvoiceRow[];
}

const firstFillerId = 56_000_001;

/** A TripleSeat look-alike: OAuth2, events, search, the invoice portal, a 10 req/s limit. */
export class TripleSeatSandbox {
  readonly credentials = tripleSeatCredentials;
  readonly #now: () => Date;
  readonly #tokens: TokenStore;
  readonly #limit: RollingRateLimit;
  #events = new Map<number, StoredEvent>();
  #log: RequestLogEntry[] = [];
  #nextFillerId = firstFillerId;
  #behaviour: TripleSeatBehaviour = defaultTripleSeatBehaviour();
  #notes: TripleSeatNotes;
  #server: RunningServer | undefined;

  private constructor(options: TripleSeatSandboxOptions) {
    this.#now = options.now ?? (() => new Date());
    this.#tokens = new TokenStore(this.#now, options.tokenTtlSeconds ?? 7200);
    this.#limit = new RollingRateLimit(options.perSecond ?? 10);
    this.#notes = new TripleSeatNotes(this.#now);
  }

  static async start(options: TripleSeatSandboxOptions = {}): Promise<TripleSeatSandbox> {
    const sandbox = new TripleSeatSandbox(options);
    const faults = options.faults ?? new Faults();
    sandbox.#server = await startVendorServer({
      vendor: 'tripleseat',
      port: options.port ?? 0,
      faults,
      admin: options.admin ?? {
        faults,
        reset: () => sandbox.reset(),
        state: () => sandbox.state(),
        behaviour: {
          tripleseat: { behaviour: () => sandbox.behaviour(), behave: (changes) => sandbox.behave(changes) },
        },
      },
      handle: (request) => sandbox.#handle(request),
      log: sandbox.#log,
    });
    sandbox.reset();
    return sandbox;
  }

  /** `http://127.0.0.1:<port>`: the API base is `${origin}/v1`, the token endpoint `${origin}/oauth2/token`. */
  get origin(): string {
    if (!this.#server) throw new Error('TripleSeat sandbox is not started');
    return this.#server.origin;
  }

  /** Re-seeds the sample events relative to `now()` and forgets requests; issued tokens stay valid. */
  reset(): void {
    this.#events = new Map(seedTripleSeatEvents(this.#now(), this.origin).map((s) => [s.event.id, s]));
    this.#nextFillerId = firstFillerId;
    this.#log.length = 0;
    this.#limit.reset();
    this.#behaviour = defaultTripleSeatBehaviour();
    this.#notes.reset();
  }

  /** Changes which of the public shapes the sandbox serves; `reset()` restores the defaults. */
  behave(changes: Partial<TripleSeatBehaviour>): void {
    Object.assign(this.#behaviour, changes);
  }

  behaviour(): TripleSeatBehaviour {
    return { ...this.#behaviour };
  }

  event(id: number | string): TripleSeatEvent | undefined {
    const stored = this.#events.get(Number(id));
    return stored && structuredClone(stored.event);
  }

  events(): TripleSeatEvent[] {
    return [...this.#events.values()].map((s) => structuredClone(s.event));
  }

  /** Adds or replaces an event; `invoiceRows` override what its invoice page shows. */
  setEvent(event: TripleSeatEvent, options: { invoiceRows?: InvoiceRow[] } = {}): void {
    this.#events.set(event.id, { event: structuredClone(event), ...options });
  }

  /** Shallow-merges `patch`; updated_at moves to now() (behaviour.updatedAtFormat) unless the patch sets it. */
  updateEvent(id: number | string, patch: Partial<TripleSeatEvent>): TripleSeatEvent {
    const stored = this.#events.get(Number(id));
    if (!stored) throw new RangeError(`no sandbox event ${id}`);
    const saved = DateTime.fromJSDate(this.#now()).setZone(siteZone).set({ millisecond: 0 });
    const updatedAt =
      this.#behaviour.updatedAtFormat === 'us-minute' ? formatUsDateTime(saved) : formatIso(saved);
    stored.event = { ...stored.event, updated_at: updatedAt, ...structuredClone(patch) };
    return structuredClone(stored.event);
  }

  /** Adds `count` bare PROSPECT events (default today at Downtown) so search has many pages. */
  addFillerEvents(count: number, options: FillerOptions = {}): string[] {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const event = fillerEvent(this.#nextFillerId, this.#now(), options);
      this.#nextFillerId += 1;
      this.#events.set(event.id, { event });
      ids.push(String(event.id));
    }
    return ids;
  }

  /** The notes written on an event through `/v1/events/{id}/notes`, oldest first. */
  notes(eventId: number | string): TripleSeatNote[] {
    return this.#notes.of(Number(eventId));
  }

  requestLog(): RequestLogEntry[] {
    return this.#log.map((entry) => ({ ...entry }));
  }

  state() {
    return {
      events: this.#events.size,
      activeTokens: this.#tokens.activeCount(),
      requests: this.#log.length,
    };
  }

  async close(): Promise<void> {
    await this.#server?.close();
  }

  async #handle(request: SandboxRequest): Promise<SandboxResponse> {
    const { method, path } = request;
    if (method === 'POST' && path === '/oauth2/token') return handleTokenRequest(request, this.#tokens);
    if (method === 'GET' && path === '/sign_in') return html(200, tripleSeatLoginPage());
    const invoice = path.match(/^\/doc\/([0-9a-f]{40})\/(\d+)$/);
    if (method === 'GET' && invoice) return this.#invoicePage(path, Number(invoice[2]));
    if (path.startsWith('/v1/')) return this.#api(request);
    return html(404, errorPage(404));
  }

  #api(request: SandboxRequest): SandboxResponse {
    const admission = this.#limit.admit();
    if (!admission.allowed)
      return json(
        429,
        { error: 'Rate limit exceeded' },
        admission.sendRetryAfter ? { 'retry-after': '1' } : {},
      );
    const token = header(request, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const check = token ? this.#tokens.check(token) : 'unknown';
    // TripleSeat answers a missing or unknown token with its sign-in page, not JSON.
    if (check === 'unknown') return html(302, tripleSeatLoginPage(), { location: `${this.origin}/sign_in` });
    if (check === 'expired') return json(401, { error: 'Token expired' });

    const route = request.path.replace(/\.json$/, '');
    const notes = route.match(/^\/v1\/events\/(\d+)\/notes(?:\/\d+)?$/);
    if (notes) {
      const eventId = Number(notes[1]);
      if (!this.#events.has(eventId)) return json(404, { error: 'Not found' });
      return this.#notes.handle(request, route, eventId, this.#behaviour.notesWritable);
    }
    if (request.method !== 'GET') return json(404, { error: 'Not found' });
    if (route === '/v1/events/search') {
      const outcome = searchEvents(
        [...this.#events.values()].map((s) => s.event),
        request.url.searchParams,
      );
      return outcome.ok ? json(200, outcome.page) : json(400, { error: outcome.error });
    }
    const single = route.match(/^\/v1\/events\/(\d+)$/);
    const stored = single ? this.#events.get(Number(single[1])) : undefined;
    if (!stored) return json(404, { error: 'Not found' });
    const showFinancial = request.url.searchParams.get('show_financial') === 'true';
    const taxPercent = locationById(stored.event.location_id)?.taxPercent ?? '0';
    return json(200, { event: publicEvent(stored.event, showFinancial, this.#behaviour, taxPercent) });
  }

  #invoicePage(path: string, documentId: number): SandboxResponse {
    for (const { event, invoiceRows } of this.#events.values()) {
      const document = event.documents.find(
        (d) => d.id === documentId && d.views.some((v) => v.url.endsWith(path)),
      );
      if (!document) continue;
      const rows = invoiceRows ?? invoiceRowsFromLineItems(document.line_items ?? []);
      const taxPercent = locationById(event.location_id)?.taxPercent ?? '0';
      const { invoicePaymentRows } = this.#behaviour;
      return html(200, renderInvoiceHtml({ event, document, rows, taxPercent, invoicePaymentRows }));
    }
    return html(404, errorPage(404));
  }
}
