// `npm run sandbox`: both vendor sandboxes on fixed ports; KEY=value lines on stdout, the banner on stderr.
import { startSandboxes } from './sandbox';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`${name} must be a port number (0 picks a free one), got "${raw}"\n`);
    process.exit(2);
  }
  return port;
}

const tripleseatPort = portFromEnv('TRIPLESEAT_SANDBOX_PORT', 4010);
const revelPort = portFromEnv('REVEL_SANDBOX_PORT', 4020);

const sandboxes = await startSandboxes({ tripleseatPort, revelPort }).catch((e: unknown) => {
  const inUse = e instanceof Error && 'code' in e && e.code === 'EADDRINUSE';
  process.stderr.write(
    inUse
      ? `A sandbox port is taken (${tripleseatPort}/${revelPort}); set TRIPLESEAT_SANDBOX_PORT / REVEL_SANDBOX_PORT (0 = any).\n`
      : `Sandboxes failed to start: ${e instanceof Error ? e.message : String(e)}\n`,
  );
  process.exit(1);
});

const { env, seededEventIds, tripleseat, revel } = sandboxes;
process.stderr.write(
  [
    `TripleSeat sandbox  ${tripleseat.origin}  (${seededEventIds.all.length} sample events, eligible today: ${seededEventIds.eligible.join(', ')})`,
    `Revel sandbox       ${revel.origin}  (establishments 4 Downtown, 7 Denver Taproom)`,
    'Controls on either: POST|DELETE /__sandbox/faults, GET /__sandbox/state, POST /__sandbox/reset',
    'Ctrl-C stops.',
    '',
  ].join('\n'),
);

const variables: Record<string, string> = {
  ...env,
  SYNC_CONFIG: 'config/sync.example.json',
  SEEDED_EVENT_IDS: seededEventIds.all.join(','),
  ELIGIBLE_EVENT_IDS: seededEventIds.eligible.join(','),
};
process.stdout.write(
  `${Object.entries(variables)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`,
);

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`${signal}: closing sandboxes\n`);
  sandboxes.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
