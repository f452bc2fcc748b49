import type { EventSearch, InvoicePage, TripleSeatEvent } from '#functions/core/domain/model';

/** What the engine needs from TripleSeat (implemented by tripleseat/client.ts). */
export interface TripleSeatApi {
  /** `GET /v1/events/{id}.json?show_financial=true`. Throws VendorError TRIPLESEAT_NOT_FOUND on 404. */
  getEvent(eventId: string): Promise<TripleSeatEvent>;
  /** `GET /v1/events/search.json`, every page; list items carry no financials. */
  searchEvents(search: EventSearch): Promise<TripleSeatEvent[]>;
  /** An invoice portal page (no auth), parsed by the adapter: its items and its totals table. */
  fetchInvoice(url: string): Promise<InvoicePage>;
}
