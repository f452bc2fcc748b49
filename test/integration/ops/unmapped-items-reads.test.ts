import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';

// The console's "unmapped items" (shown on every board and event page) reads each upcoming event from
// TripleSeat once per `updated_at`, not once per view.
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

const unmapped = async () => {
  const response = await fetch(`${local.runtime.url}/api/mappings/unmapped?days=7`, {
    headers: { authorization: `Bearer ${local.runtime.variables.OPERATOR_TOKEN}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { items: Array<{ name: string }> };
};

/** TripleSeat event and invoice fetches (`GET /v1/events/<id>.json`, `/doc/…`) since the log's `from`-th entry. */
const eventFetches = (from: number) =>
  (local.runtime.sandboxes?.tripleseat.requestLog() ?? [])
    .slice(from)
    .filter((r) => /^\/v1\/events\/\d+\.json$|^\/doc\//.test(r.path));
const logLength = () => local.runtime.sandboxes?.tripleseat.requestLog().length ?? 0;

describe('the unmapped items view', () => {
  it('fetches each upcoming event once, then again only after it changed in TripleSeat', async () => {
    const start = logLength();
    const first = await unmapped();
    const firstFetches = eventFetches(start).length;
    expect(firstFetches).toBeGreaterThan(1);

    const second = logLength();
    expect(await unmapped()).toEqual(first);
    expect(eventFetches(second)).toHaveLength(0);

    local.runtime.sandboxes?.tripleseat.updateEvent('55521611', { guest_count: 31 });
    const third = logLength();
    await unmapped();
    expect(eventFetches(third).map((r) => r.path)).toEqual(['/v1/events/55521611.json']);
  });
});
