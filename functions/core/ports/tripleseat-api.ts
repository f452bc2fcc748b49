import type { EventItem, EventSearch, TripleSeatEvent } from '../domain/model';

/** What the engine needs from TripleSeat (implemented by tripleseat/client.ts). */
export interface TripleSeatApi {
  /** `GET /v1/events/{id}.json?show_financial=true`. Throws VendorError TRIPLESEAT_NOT_FOUND on 404. */
  getEvent(eventId: string): Promise<TripleSeatEvent>;
  /** `GET /v1/events/search.json`, every page; list items carry no financials. */
  searchEvents(search: EventSearch): Promise<TripleSeatEvent[]>;
  /** The items of an invoice portal page (no auth), parsed by the adapter. */
  fetchInvoiceItems(url: string): Promise<EventItem[]>;
}
