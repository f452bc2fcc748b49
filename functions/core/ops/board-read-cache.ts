/**
 * The day board's TripleSeat reads, kept per event and TripleSeat `updated_at`: a board viewed again
 * costs one search, not one read per event. An event that changed has another `updated_at` (a payment
 * or an edit updates it), so it is read again. Oldest entries go first past `capacity`. With
 * `maxAgeMs`, a read is also used for at most that long: TripleSeat's `updated_at` may carry only
 * minutes (docs/vendors/tripleseat.md), so a second save within the same minute looks unchanged.
 */
export class BoardReadCache<Read> {
  readonly #entries = new Map<string, { read: Read; at: number }>();
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(
    readonly capacity: number,
    options: { maxAgeMs?: number; now?: () => number } = {},
  ) {
    this.#maxAgeMs = options.maxAgeMs ?? Number.POSITIVE_INFINITY;
    this.#now = options.now ?? Date.now;
  }

  get(eventId: string, updatedAt: string | undefined): Read | undefined {
    if (updatedAt === undefined) return undefined;
    const kept = this.#entries.get(`${eventId}|${updatedAt}`);
    if (kept === undefined || this.#now() - kept.at > this.#maxAgeMs) return undefined;
    return kept.read;
  }

  set(eventId: string, updatedAt: string | undefined, read: Read): void {
    if (updatedAt === undefined) return;
    const key = `${eventId}|${updatedAt}`;
    this.#entries.delete(key);
    this.#entries.set(key, { read, at: this.#now() });
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
