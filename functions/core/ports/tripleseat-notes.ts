/** A note on a TripleSeat event: only what the public record names (docs/vendors/tripleseat.md, "Notes"). */
export interface EventNote {
  id: string;
  body: string;
}

/** Notes on TripleSeat events, the only write the Open API allows (implemented by tripleseat/client.ts). */
export interface TripleSeatNotesApi {
  /** `GET /v1/events/{id}/notes.json`, every page. */
  listNotes(eventId: string): Promise<EventNote[]>;
  /** `POST /v1/events/{id}/notes.json` `{"note": {"body": …}}`; never re-sent by the transport. */
  createNote(eventId: string, body: string): Promise<EventNote>;
  /** `DELETE /v1/events/{id}/notes/{note_id}.json` (the doctor's test note). */
  deleteNote(eventId: string, noteId: string): Promise<void>;
}
