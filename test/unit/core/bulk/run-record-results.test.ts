import { describe, expect, it } from 'vitest';
import { listedResults } from '#functions/core/bulk/run-record-results';

const line = (i: number, status: string) => ({ id: String(100_000 + i), status });
const bytesOf = (lines: readonly object[]) => lines.reduce((n, l) => n + JSON.stringify(l).length + 1, 0);

describe("a run's listing", () => {
  it('lists every line of a run that fits, by event id', () => {
    const lines = [line(3, 'injected'), line(1, 'failed'), line(2, 'skipped')];
    expect(listedResults(lines, 10_000).map((l) => l.id)).toEqual(['100001', '100002', '100003']);
  });

  it('keeps failures and events still in progress before injected ones when the lines outgrow the budget', () => {
    const injected = Array.from({ length: 500 }, (_, i) => line(i, 'injected'));
    const urgent = [line(501, 'failed'), line(502, 'in_progress')];
    const budget = bytesOf([...urgent, ...injected.slice(0, 98)]);

    const listed = listedResults([...injected, ...urgent], budget);

    expect(bytesOf(listed)).toBeLessThanOrEqual(budget);
    expect(listed).toHaveLength(100);
    expect(listed).toEqual(expect.arrayContaining(urgent));
    expect(listed.map((l) => l.id)).toEqual([...listed.map((l) => l.id)].sort());
  });
});
