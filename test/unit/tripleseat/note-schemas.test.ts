import { describe, expect, it } from 'vitest';
import { eventNotePageSchema, eventNoteSchema } from '#functions/tripleseat/schemas';

// The notes list's envelope is not public (docs/vendors/tripleseat.md, "Notes"): each plausible one is read.
describe('TripleSeat note schemas', () => {
  it('reads a note bare or wrapped as {"note": …}, with a numeric or string id', () => {
    expect(eventNoteSchema.parse({ note: { id: 7, body: 'a' } })).toEqual({ id: '7', body: 'a' });
    expect(eventNoteSchema.parse({ id: '8', body: 'b', created_at: 'x' })).toEqual({ id: '8', body: 'b' });
    expect(eventNoteSchema.parse({ id: 9, body: null })).toEqual({ id: '9', body: '' });
  });

  it('reads a page as a bare array, as results with total_pages, or as notes', () => {
    expect(eventNotePageSchema.parse([{ note: { id: 1, body: 'a' } }])).toEqual({
      totalPages: undefined,
      notes: [{ id: '1', body: 'a' }],
    });
    expect(eventNotePageSchema.parse({ total_pages: '3', results: [{ id: 2, body: 'b' }] })).toEqual({
      totalPages: 3,
      notes: [{ id: '2', body: 'b' }],
    });
    expect(eventNotePageSchema.parse({ notes: [] })).toEqual({ totalPages: undefined, notes: [] });
  });

  it('refuses a note without an id', () => {
    expect(eventNoteSchema.safeParse({ body: 'no id' }).success).toBe(false);
  });
});
