/** Enqueued like the others; the sync side handles it apart (core/events/handle-deleted-event.ts). */
export const DELETE_EVENT = 'DELETE_EVENT';

/**
 * TripleSeat's event triggers (docs/vendors/tripleseat.md, "Webhooks"): the payload's object is the
 * event itself, so an `object.id` or a flat body's `id` is an event id. For any other trigger (a lead,
 * a booking, a document) that id names something else and is never read as an event.
 */
export const EVENT_TRIGGERS = [
  'CREATE_EVENT',
  'UPDATE_EVENT',
  'STATUS_CHANGE_EVENT',
  'CHANGE_EVENT_GUEST_COUNTS',
  'CHANGE_EVENT_DATETIME',
  'REASSIGN_EVENT_LOCATION',
  'REASSIGN_EVENT_AREAS',
  'REASSIGN_EVENT_OWNERSHIP',
  'REASSIGN_EVENT_CONTACT',
  'REASSIGN_EVENT_ACCOUNT',
  DELETE_EVENT,
] as const;

/** Booking triggers: the object is a booking naming its events in `event_ids`. */
export const BOOKING_TRIGGERS = [
  'CREATE_BOOKING',
  'DELETE_BOOKING',
  'CHANGE_BOOKING_DATES',
  'STATUS_CHANGE_BOOKING',
] as const;

/** Document triggers: the object is a document naming its event in `event_id`. */
export const DOCUMENT_TRIGGERS = [
  'CREATE_EVENT_DOCUMENT',
  'UPDATE_EVENT_DOCUMENT',
  'SHARED_DOCUMENT',
  'DOCUMENT_SIGNED',
] as const;

const eventTriggers: ReadonlySet<string> = new Set(EVENT_TRIGGERS);
const eventReferencingTriggers: ReadonlySet<string> = new Set([...BOOKING_TRIGGERS, ...DOCUMENT_TRIGGERS]);

/** Whether the payload object of `trigger` is the event itself. */
export const isEventTrigger = (trigger: string): boolean => eventTriggers.has(trigger);

/** Whether the payload object of `trigger` is a booking or document that names its events. */
export const isEventReferencingTrigger = (trigger: string): boolean => eventReferencingTriggers.has(trigger);

/**
 * TripleSeat triggers that can change what the Revel order should hold; every other trigger (leads,
 * rooms, reassigning owner/contact/account/areas, DELETE_BOOKING, anything new) is answered `ignored`.
 * DELETE_EVENT is enqueued too: the sync side records it and alerts if the event was already
 * injected; it never voids an order by itself.
 */
export const ACTIONABLE_TRIGGERS = [
  'CREATE_EVENT',
  'UPDATE_EVENT',
  'STATUS_CHANGE_EVENT',
  'CHANGE_EVENT_GUEST_COUNTS',
  'CHANGE_EVENT_DATETIME',
  'REASSIGN_EVENT_LOCATION',
  'CREATE_EVENT_DOCUMENT',
  'UPDATE_EVENT_DOCUMENT',
  'SHARED_DOCUMENT',
  'DOCUMENT_SIGNED',
  'CREATE_BOOKING',
  'CHANGE_BOOKING_DATES',
  'STATUS_CHANGE_BOOKING',
  DELETE_EVENT,
] as const;

export type ActionableTrigger = (typeof ACTIONABLE_TRIGGERS)[number];

const actionable: ReadonlySet<string> = new Set(ACTIONABLE_TRIGGERS);

export function isActionableTrigger(trigger: string): trigger is ActionableTrigger {
  return actionable.has(trigger);
}
