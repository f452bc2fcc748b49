import { z } from 'zod';
import { json, parseJsonBody, type SandboxRequest, type SandboxResponse } from './http-helpers';

/**
 * An event's note as the sandbox serves it. Only `id` and `body` are named by the public record
 * (docs/vendors/tripleseat.md, "Notes"); the dates are our guess, so the client never relies on them.
 */
export interface TripleSeatNote {
  id: number;
  event_id: number;
  body: string;
  created_at: string;
  updated_at: string;
}

const noteBody = z.object({ note: z.object({ body: z.string().min(1).max(65_535) }) });
const DEFAULT_PER_PAGE = 25;
const MAX_PER_PAGE = 100;

const positiveInt = (raw: string | null, fallback: number): number | undefined => {
  if (raw === null) return fallback;
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : undefined;
};

/** The notes endpoints of `/v1/events/{id}/notes` (documented, article 40070754828567), in memory. */
export class TripleSeatNotes {
  #notes: TripleSeatNote[] = [];
  #nextId = 7_100_001;

  constructor(private readonly now: () => Date) {}

  reset(): void {
    this.#notes = [];
    this.#nextId = 7_100_001;
  }

  /** The notes of an event, oldest first (what a test asserts on). */
  of(eventId: number): TripleSeatNote[] {
    return this.#notes.filter((n) => n.event_id === eventId).map((n) => ({ ...n }));
  }

  /** Answers `route` (the path without `.json`) when it is a notes route of an existing event. */
  handle(request: SandboxRequest, route: string, eventId: number, writable: boolean): SandboxResponse {
    const one = route.match(/^\/v1\/events\/\d+\/notes\/(\d+)$/);
    const { method } = request;
    if (method !== 'GET' && !writable) return json(403, { error: 'Forbidden' });
    if (!one) {
      if (method === 'GET') return this.#list(eventId, request.url.searchParams);
      if (method === 'POST') return this.#create(eventId, request.body);
      return json(405, { error: 'Method not allowed' });
    }
    const note = this.#notes.find((n) => n.event_id === eventId && n.id === Number(one[1]));
    if (!note) return json(404, { error: 'Not found' });
    if (method === 'GET') return json(200, { note });
    if (method === 'PUT') return this.#update(note, request.body);
    if (method === 'DELETE') {
      this.#notes = this.#notes.filter((n) => n !== note);
      return json(200, { note });
    }
    return json(405, { error: 'Method not allowed' });
  }

  #list(eventId: number, params: URLSearchParams): SandboxResponse {
    const page = positiveInt(params.get('page'), 1);
    const perPage = positiveInt(params.get('per_page'), DEFAULT_PER_PAGE);
    if (page === undefined || perPage === undefined || perPage > MAX_PER_PAGE)
      return json(400, { error: 'Invalid page or per_page' });
    const notes = this.of(eventId);
    const totalPages = Math.max(1, Math.ceil(notes.length / perPage));
    const results = notes.slice((page - 1) * perPage, page * perPage).map((note) => ({ note }));
    return json(200, { total_pages: totalPages, results });
  }

  #create(eventId: number, raw: string): SandboxResponse {
    const body = this.#parse(raw);
    if (body === undefined) return json(422, { errors: { body: ["can't be blank"] } });
    const at = this.now().toISOString();
    const note: TripleSeatNote = {
      id: this.#nextId,
      event_id: eventId,
      body,
      created_at: at,
      updated_at: at,
    };
    this.#nextId += 1;
    this.#notes.push(note);
    return json(201, { note });
  }

  #update(note: TripleSeatNote, raw: string): SandboxResponse {
    const body = this.#parse(raw);
    if (body === undefined) return json(422, { errors: { body: ["can't be blank"] } });
    note.body = body;
    note.updated_at = this.now().toISOString();
    return json(200, { note });
  }

  #parse(raw: string): string | undefined {
    const parsed = parseJsonBody(raw);
    if (!parsed.ok) return undefined;
    const checked = noteBody.safeParse(parsed.value);
    return checked.success ? checked.data.note.body : undefined;
  }
}
