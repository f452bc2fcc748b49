import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { VendorError } from '#functions/core/domain/errors';
import { TripleSeatClient } from '#functions/tripleseat/client';
import { type Sandboxes, startSandboxes } from '../../../dev/sandbox';

// The client's notes calls against the sandbox's notes endpoints, over real HTTP.
const sandboxes: Sandboxes = await startSandboxes({ tripleseatPerSecond: 1000 });
afterAll(() => sandboxes.close());
beforeEach(() => sandboxes.reset());

const EVENT = '55521609';
const client = () =>
  new TripleSeatClient({
    apiUrl: sandboxes.env.TRIPLESEAT_API_URL,
    clientId: sandboxes.env.TRIPLESEAT_CLIENT_ID,
    clientSecret: sandboxes.env.TRIPLESEAT_CLIENT_SECRET,
    perSecond: 1000,
    retryPolicy: { baseDelayMs: 1, maxDelayMs: 1 },
  });

async function rejection(promise: Promise<unknown>): Promise<VendorError> {
  try {
    await promise;
  } catch (e: unknown) {
    if (e instanceof VendorError) return e;
    throw e;
  }
  throw new Error('expected a VendorError');
}

describe('TripleSeatClient notes', () => {
  it('writes a note and lists every page of an event’s notes', async () => {
    const api = client();
    const created = await api.createNote(EVENT, 'Revel order 5001');
    expect(created).toEqual({ id: expect.any(String), body: 'Revel order 5001' });
    for (let n = 1; n <= 120; n += 1) await api.createNote(EVENT, `note ${n}`);
    const notes = await api.listNotes(EVENT);
    expect(notes).toHaveLength(121);
    expect(notes[0]).toEqual(created);
    const pages = sandboxes.tripleseat
      .requestLog()
      .filter((r) => r.method === 'GET' && r.path.endsWith('/notes.json'));
    expect(pages.map((r) => r.query)).toEqual([
      '?page=1&per_page=50',
      '?page=2&per_page=50',
      '?page=3&per_page=50',
    ]);
  });

  it('deletes a note', async () => {
    const api = client();
    const { id } = await api.createNote(EVENT, 'doctor test');
    await api.deleteNote(EVENT, id);
    expect(await api.listNotes(EVENT)).toEqual([]);
  });

  it('never re-sends a note whose answer was lost: one note, one POST, a retryable error', async () => {
    sandboxes.faults.add({
      vendor: 'tripleseat',
      method: 'POST',
      path: `/v1/events/${EVENT}/notes.json`,
      action: { kind: 'commit-then-fail', status: 502 },
    });
    const error = await rejection(client().createNote(EVENT, 'once'));
    expect(error).toMatchObject({ code: 'TRIPLESEAT_UNAVAILABLE', retryable: true, status: 502 });
    expect(sandboxes.tripleseat.notes(EVENT).map((n) => n.body)).toEqual(['once']);
    const posts = sandboxes.tripleseat
      .requestLog()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/notes.json'));
    expect(posts).toHaveLength(1);
  });

  it('reports a refused write as not allowed (403), not retryable', async () => {
    sandboxes.tripleseat.behave({ notesWritable: false });
    const error = await rejection(client().createNote(EVENT, 'refused'));
    expect(error).toMatchObject({ status: 403, retryable: false });
    expect(error.message).toContain('not allowed');
  });
});
