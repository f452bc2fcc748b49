import { describe, expect, it } from 'vitest';
import { createMemoryEventReadCache } from '../../../functions/platform/event-read-cache-memory';

describe('the in-memory event read cache', () => {
  it('answers a value only for the updated_at it was kept under', () => {
    const cache = createMemoryEventReadCache();
    cache.set('invoice:1', '2026-12-07T10:00:00Z', 'v1');
    expect(cache.get('invoice:1', '2026-12-07T10:00:00Z')).toBe('v1');
    expect(cache.get('invoice:1', '2026-12-07T10:05:00Z')).toBeUndefined();
    expect(cache.get('invoice:2', '2026-12-07T10:00:00Z')).toBeUndefined();
  });

  it('forgets a value older than its age bound, for updated_at values that carry only minutes', () => {
    let now = 0;
    const cache = createMemoryEventReadCache({ maxAgeMs: 1_000, now: () => now });
    cache.set('invoice:1', '12/07/2026 10:00 AM', 'v1');
    now = 1_000;
    expect(cache.get('invoice:1', '12/07/2026 10:00 AM')).toBe('v1');
    now = 1_001;
    expect(cache.get('invoice:1', '12/07/2026 10:00 AM')).toBeUndefined();
  });

  it('keeps at most its number of entries, dropping the least recently set', () => {
    const cache = createMemoryEventReadCache({ entries: 2 });
    cache.set('a', 'u', 1);
    cache.set('b', 'u', 2);
    cache.set('a', 'u', 3);
    cache.set('c', 'u', 4);
    expect(cache.get('b', 'u')).toBeUndefined();
    expect(cache.get('a', 'u')).toBe(3);
    expect(cache.get('c', 'u')).toBe(4);
  });
});
