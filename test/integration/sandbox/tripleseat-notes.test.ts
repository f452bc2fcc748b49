import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandboxes, startSandboxes } from '../../../dev/sandbox';
import { sandboxAccessToken } from '../../support/sandbox-token';

const sandboxes: Sandboxes = await startSandboxes({ tripleseatPerSecond: 1000 });
const base = sandboxes.env.TRIPLESEAT_API_URL;
const eventId = 55521609;

afterAll(() => sandboxes.close());
beforeEach(() => sandboxes.reset());

type Json = Record<string, unknown>;

const accessToken = () => sandboxAccessToken(sandboxes);

async function call(method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      authorization: `Bearer ${token ?? (await accessToken())}`,
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text.startsWith('{') ? JSON.parse(text) : text) as Json };
}

const post = (text: string, event = eventId) =>
  call('POST', `/v1/events/${event}/notes.json`, { note: { body: text } });

describe('TripleSeat sandbox notes', () => {
  it('creates a note on an event and reads it back by id', async () => {
    const created = await post('Revel order 5001');
    expect(created.status).toBe(201);
    const note = created.json.note as Json;
    expect(note).toMatchObject({ event_id: eventId, body: 'Revel order 5001' });
    const read = await call('GET', `/v1/events/${eventId}/notes/${String(note.id)}.json`);
    expect(read.json.note).toEqual(note);
    expect(sandboxes.tripleseat.notes(eventId).map((n) => n.body)).toEqual(['Revel order 5001']);
  });

  it('lists an event’s notes in pages of per_page, oldest first', async () => {
    for (const n of [1, 2, 3]) await post(`note ${n}`);
    await post('another event’s note', 55521610);
    const first = await call('GET', `/v1/events/${eventId}/notes.json?page=1&per_page=2`);
    const second = await call('GET', `/v1/events/${eventId}/notes.json?page=2&per_page=2`);
    const bodies = (page: Json) => (page.results as { note: Json }[]).map((r) => r.note.body);
    expect(first.json.total_pages).toBe(2);
    expect(bodies(first.json)).toEqual(['note 1', 'note 2']);
    expect(bodies(second.json)).toEqual(['note 3']);
  });

  it('updates and deletes a note', async () => {
    const id = String(((await post('draft')).json.note as Json).id);
    const updated = await call('PUT', `/v1/events/${eventId}/notes/${id}.json`, { note: { body: 'final' } });
    expect(updated.status).toBe(200);
    expect(sandboxes.tripleseat.notes(eventId).map((n) => n.body)).toEqual(['final']);
    expect((await call('DELETE', `/v1/events/${eventId}/notes/${id}.json`)).status).toBe(200);
    expect((await call('GET', `/v1/events/${eventId}/notes/${id}.json`)).status).toBe(404);
    expect(sandboxes.tripleseat.notes(eventId)).toEqual([]);
  });

  it('refuses a note without a body, on an unknown event, or without a token like every API call', async () => {
    expect((await call('POST', `/v1/events/${eventId}/notes.json`, { note: {} })).status).toBe(422);
    expect((await post('lost', 1)).status).toBe(404);
    const anonymous = await call('POST', `/v1/events/${eventId}/notes.json`, { note: { body: 'x' } }, 'nope');
    expect(anonymous.status).toBe(302);
    expect(sandboxes.tripleseat.notes(eventId)).toEqual([]);
  });

  it('answers every note write 403 when the token may not write, and still lists', async () => {
    sandboxes.tripleseat.behave({ notesWritable: false });
    expect((await post('not allowed')).status).toBe(403);
    expect((await call('GET', `/v1/events/${eventId}/notes.json`)).status).toBe(200);
    expect(sandboxes.tripleseat.notes(eventId)).toEqual([]);
  });

  it('keeps a note whose answer a commit-then-fail fault lost', async () => {
    sandboxes.faults.add({
      vendor: 'tripleseat',
      method: 'POST',
      path: `/v1/events/${eventId}/notes.json`,
      action: { kind: 'commit-then-fail' },
    });
    expect((await post('written anyway')).status).toBe(504);
    expect(sandboxes.tripleseat.notes(eventId).map((n) => n.body)).toEqual(['written anyway']);
  });
});
