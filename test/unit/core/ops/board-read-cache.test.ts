import { describe, expect, it } from 'vitest';
import { BoardReadCache } from '#functions/core/ops/board-read-cache';

describe('BoardReadCache', () => {
  it('answers a read for the same updated_at, and not for another one', () => {
    const cache = new BoardReadCache<string>(10);
    cache.set('55521619', '2026-12-07T09:00:00Z', 'read 1');
    expect(cache.get('55521619', '2026-12-07T09:00:00Z')).toBe('read 1');
    expect(cache.get('55521619', '2026-12-07T09:05:00Z')).toBeUndefined();
  });

  it('keeps nothing for an event without updated_at', () => {
    const cache = new BoardReadCache<string>(10);
    cache.set('55521619', undefined, 'read');
    expect(cache.get('55521619', undefined)).toBeUndefined();
  });

  it('lets the oldest entries go past its capacity', () => {
    const cache = new BoardReadCache<number>(2);
    for (const n of [1, 2, 3]) cache.set(String(n), 'u', n);
    expect([cache.get('1', 'u'), cache.get('2', 'u'), cache.get('3', 'u')]).toEqual([undefined, 2, 3]);
  });

  it('forgets a read older than its age bound, for an updated_at that carries only minutes', () => {
    let now = 0;
    const cache = new BoardReadCache<string>(10, { maxAgeMs: 1_000, now: () => now });
    cache.set('55521619', '12/07/2026 10:00 AM', 'read');
    now = 1_000;
    expect(cache.get('55521619', '12/07/2026 10:00 AM')).toBe('read');
    now = 1_001;
    expect(cache.get('55521619', '12/07/2026 10:00 AM')).toBeUndefined();
  });
});
