/**
 * The day board's TripleSeat reads, kept per event and TripleSeat `updated_at`: a board viewed again
 * costs one search, not one read per event. An event that changed has another `updated_at` (a payment
 * or an edit updates it), so it is read again. Oldest entries go first past `capacity`.
 */
export class BoardReadCache<Read> {
  readonly #entries = new Map<string, Read>();

  constructor(readonly capacity: number) {}

  get(eventId: string, updatedAt: string | undefined): Read | undefined {
    return updatedAt === undefined ? undefined : this.#entries.get(`${eventId}|${updatedAt}`);
  }

  set(eventId: string, updatedAt: string | undefined, read: Read): void {
    if (updatedAt === undefined) return;
    const key = `${eventId}|${updatedAt}`;
    this.#entries.delete(key);
    this.#entries.set(key, read);
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
