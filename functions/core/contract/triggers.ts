/** Enqueued like the others; the sync side handles it apart (core/events/handle-deleted-event.ts). */
export const DELETE_EVENT = 'DELETE_EVENT';

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
