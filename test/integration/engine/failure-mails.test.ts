import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSingleEvent } from '#functions/core/events/sync-single-event';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { runScheduledToEnd } from '../../support/run-to-end';
import { dish, putEvent } from '../../support/sandbox-events';
import { type HandlerHarness, startHandlerHarness } from '../../support/scheduled-harness';
import { silentLogger } from '../../support/silent-logger';

/** Seeded with an item no Revel product matches: it fails UNMAPPED_ITEMS on every try. */
const UNMAPPED = '55521611';

let h: EngineHarness;
let hh: HandlerHarness;
beforeAll(async () => {
  h = await startEngineHarness();
  hh = startHandlerHarness(h);
});
afterAll(async () => {
  hh?.close();
  await h?.close();
});

const failureMails = () => hh.mails().filter((m) => m.subject.includes(`Failed to inject event ${UNMAPPED}`));
const retryNow = (deps = hh.deps()) =>
  syncSingleEvent(UNMAPPED, deps, 'operator', {
    correlationId: `retry-${Math.random()}`,
    logger: silentLogger,
    source: 'manual',
    trigger: 'operator',
  });

describe('failure mails', () => {
  it('mail a failure once, however often the event is retried for the same reason', async () => {
    for (let i = 0; i < 5; i += 1)
      expect(await retryNow()).toMatchObject({ status: 'failed', reason: 'UNMAPPED_ITEMS' });
    expect(failureMails()).toHaveLength(1);
  });

  it('mail again when the event fails for another reason', async () => {
    const noTender = {
      ...h.config,
      items: { ...h.config.items, openPriceProductId: undefined, mapping: [] },
      connector: { ...h.config.connector, enabled: false },
    };
    // Switched off, the event is skipped (no mail); switched on again, the same failure is news again.
    expect(await retryNow(hh.deps(noTender))).toMatchObject({
      status: 'skipped',
      reason: 'CONNECTOR_DISABLED',
    });
    expect(await retryNow()).toMatchObject({ status: 'failed', reason: 'UNMAPPED_ITEMS' });
    expect(failureMails()).toHaveLength(2);
  });
});

describe('scheduled-run digests', () => {
  const digests = () => hh.mails().filter((m) => m.subject.includes('Scheduled run'));
  const scheduled = async () => {
    const run = await runScheduledToEnd(hh.deps(), `sched-${Math.random()}`);
    expect(run.status).toBe('finished');
  };

  it('mail the same failures once, not every 45 minutes, and again when they change', async () => {
    await scheduled();
    const first = digests().length;
    expect(first).toBeGreaterThan(0);

    // Nothing new: the same event fails the same way.
    await scheduled();
    await scheduled();
    expect(digests()).toHaveLength(first);

    // Another event fails now: the failures changed, so the digest goes out.
    putEvent(h.sandboxes, h.instant, { id: 55529201, items: [dish('Unicorn Cake', 1, '65.00')] });
    await scheduled();
    expect(digests()).toHaveLength(first + 1);
    expect(digests().at(-1)?.text).toContain('55529201');
  });
});
