import type { SyncConfig } from '#functions/core/config/sync-config';
import type { DoctorReport } from '#functions/core/contract/doctor-report';
import type { Clock } from '#functions/core/ports/clock';
import type { RevelApi } from '#functions/core/ports/revel-api';
import type { TripleSeatNotesApi } from '#functions/core/ports/tripleseat-notes';
import type { RevelProbe, TripleSeatProbe } from '#functions/core/ports/vendor-probes';
import { checkRecentOrders, checkRevelReferences } from './revel-checks';
import { testLocationOf, writeTestOrder } from './test-order';
import { checkNoteWrite, checkTripleSeat } from './tripleseat-checks';

export interface DoctorDeps {
  config: SyncConfig;
  tripleseat: TripleSeatProbe;
  revel: RevelProbe;
  /** The order writer's port: used only with `writeTestOrder`. */
  revelApi: RevelApi;
  /** TripleSeat's notes: one test note written and deleted, only with `writeTestOrder`. */
  tripleseatNotes?: TripleSeatNotesApi | undefined;
  clock: Clock;
}

/**
 * `npm run doctor` (docs/doctor.md): checks every assumption the connector makes against the real
 * accounts. Reads only, unless `writeTestOrder` (then one order in the test establishment, voided).
 */
export async function runDoctor(
  deps: DoctorDeps,
  options: { writeTestOrder: boolean },
): Promise<DoctorReport> {
  const { config, clock } = deps;
  // Refused before any vendor call.
  if (options.writeTestOrder) testLocationOf(config);
  const ranAt = clock.now().toISOString();
  const today = ranAt.slice(0, 10);
  const ts = await checkTripleSeat(deps.tripleseat, config, today);
  const shapes: Record<string, string> = { ...ts.shapes };
  const notes = await checkNoteWrite(deps.tripleseatNotes, config, ts.recentEventId, options.writeTestOrder);
  const checks = [...ts.checks, ...notes, ...(await checkRevelReferences(deps.revel, config))];
  checks.push(...(await checkRecentOrders(deps.revel, config, shapes)));
  if (options.writeTestOrder) {
    checks.push(
      ...(await writeTestOrder({ config, revel: deps.revelApi, probe: deps.revel, clock }, shapes)),
    );
  }
  return {
    ran_at: ranAt,
    mode: options.writeTestOrder ? 'write-test-order' : 'read-only',
    hosts: { tripleseat: deps.tripleseat.host, revel: deps.revel.host },
    checks,
    shapes,
  };
}
