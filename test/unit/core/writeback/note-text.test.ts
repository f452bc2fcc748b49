import { describe, expect, it } from 'vitest';
import { noteMarker, noteText } from '#functions/core/writeback/note-text';

const figures = {
  revelOrderId: '10684118',
  location: 'Downtown',
  totalCents: 216_850,
  paidCents: 50_000,
  dueCents: 166_850,
};

describe('the notes written on a TripleSeat event', () => {
  it('states the Revel order number, the location, total, paid and due, and ends with its marker', () => {
    expect(noteText('injected', figures)).toBe(
      [
        'Revel order 10684118 was created for this event.',
        'Location: Downtown',
        'Total: $2168.50 · Paid: $500.00 · Due: $1668.50',
        '[revel-sync:injected:10684118]',
      ].join('\n'),
    );
  });

  it('says the order is paid in full, or closed, in the second note, and "not known" for a figure Revel did not return', () => {
    const text = noteText('paid', { ...figures, paidCents: undefined, dueCents: 0 });
    expect(text).toContain('Revel order 10684118 is paid in full in Revel.');
    expect(noteText('paid', figures)).toContain('Revel order 10684118 is closed in Revel.');
    expect(text).toContain('Paid: not known · Due: $0.00');
    expect(text.endsWith(noteMarker('paid', '10684118'))).toBe(true);
  });

  it('gives each note of each order its own marker', () => {
    const markers = [noteMarker('injected', '1'), noteMarker('paid', '1'), noteMarker('injected', '2')];
    expect(new Set(markers).size).toBe(3);
    expect(noteText('injected', figures)).not.toContain(noteMarker('paid', '10684118'));
  });
});
