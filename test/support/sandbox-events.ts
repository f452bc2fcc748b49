import { DateTime } from 'luxon';
import type { Sandboxes } from '../../dev/sandbox';
import { locations } from '../../dev/sandbox/tripleseat-event';
import { buildSeededEvent, type EventSpec, type ItemSpec } from '../../dev/sandbox/tripleseat-event-builder';

/** A Downtown menu row as the sandbox serves it (names map to the Downtown catalogue). */
export const dish = (
  name: string,
  quantity: number,
  price: string,
  menuItemId: number | null = null,
): ItemSpec => ({
  name,
  description: name,
  quantity: String(quantity),
  price,
  category: 'Food',
  menuItemId,
});

/**
 * Puts a DEFINITE Downtown event into the TripleSeat sandbox, built like the seeded ones (money
 * that adds up, an invoice document with line items), `dayOffset` days from the seed day.
 */
export function putEvent(
  sandboxes: Sandboxes,
  instant: Date,
  spec: Pick<EventSpec, 'id' | 'items'> & Partial<EventSpec>,
): void {
  const full: EventSpec = {
    name: `Drift test ${spec.id}`,
    status: 'DEFINITE',
    location: locations.downtown,
    dayOffset: 0,
    start: { hour: 17, minute: 0 },
    hours: 2,
    contact: ['Dana', 'Tester'],
    guests: 10,
    updatedHoursAgo: 3,
    ...spec,
  };
  const seeded = buildSeededEvent(full, DateTime.fromJSDate(instant), sandboxes.tripleseat.origin);
  sandboxes.tripleseat.setEvent(seeded.event, seeded.invoiceRows ? { invoiceRows: seeded.invoiceRows } : {});
}
