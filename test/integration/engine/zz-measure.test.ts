import { afterEach, beforeEach, it } from 'vitest';
import { syncEvent } from '../../../functions/core/engine/sync-event';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness;
beforeEach(async () => { h = await startEngineHarness(); });
afterEach(async () => { await h.close(); });
it('measures', async () => {
  const deps = h.deps();
  const r = await syncEvent('55521609', deps, { correlationId: 'm' });
  const log = h.sandboxes.revel.requestLog();
  console.log('FIRST', r.status, log.length, JSON.stringify(log.map((x) => `${x.method} ${x.path}${x.query ?? ''}`)));
  console.log('TS', h.sandboxes.tripleseat.requestLog().length);
  const n = log.length; const t = h.sandboxes.tripleseat.requestLog().length;
  const r2 = await syncEvent('55521609', h.deps(), { correlationId: 'm' });
  console.log('SECOND', r2.status, h.sandboxes.revel.requestLog().length - n, h.sandboxes.tripleseat.requestLog().length - t);
});
