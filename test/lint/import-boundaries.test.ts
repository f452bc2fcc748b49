import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The boundary rule lives in biome.jsonc (noRestrictedImports overrides, see docs/architecture.md).
// Each case is a one-line module written at a path inside a temporary copy of the tree shape, linted by
// the real Biome with the real configuration in one run; the test reads which files Biome flagged.

type ImportCase = { file: string; specifier: string };

const forbidden: Record<string, ImportCase> = {
  'a core use case importing the DynamoDB ledger adapter': {
    file: 'functions/core/engine/a.ts',
    specifier: '#functions/platform/ledger-dynamodb',
  },
  'a core use case importing the TripleSeat invoice parser': {
    file: 'functions/core/order/b.ts',
    specifier: '#functions/tripleseat/invoice-parser',
  },
  'a file directly in functions/core importing the Revel client': {
    file: 'functions/core/c.ts',
    specifier: '#functions/revel/client',
  },
  'a core file two folders down importing the outbound HTTP client': {
    file: 'functions/core/order/plan/d.ts',
    specifier: '#functions/outbound-http/http-client',
  },
  'a core use case importing the sync entry point': {
    file: 'functions/core/bulk/e.ts',
    specifier: '#functions/sync/build-sync-deps',
  },
  'a file directly in functions/core importing the webhook entry point': {
    file: 'functions/core/f.ts',
    specifier: '#functions/webhook/handler',
  },
  'a core use case importing the webhook entry point': {
    file: 'functions/core/events/g.ts',
    specifier: '#functions/webhook/build-webhook-deps',
  },
  'a core file two folders down importing the webhook entry point': {
    file: 'functions/core/order/plan/h.ts',
    specifier: '#functions/webhook/handler',
  },
  'the core importing an AWS SDK client': {
    file: 'functions/core/notify/i.ts',
    specifier: '@aws-sdk/client-sqs',
  },
  'the core importing the DynamoDB document client': {
    file: 'functions/core/engine/j.ts',
    specifier: '@aws-sdk/lib-dynamodb',
  },
  'the core importing Lambda event types': { file: 'functions/core/events/k.ts', specifier: 'aws-lambda' },
  'the core importing cheerio': { file: 'functions/core/engine/l.ts', specifier: 'cheerio/slim' },
  'the core importing middy': { file: 'functions/core/intake/m.ts', specifier: '@middy/core' },
  'the core importing Powertools': {
    file: 'functions/core/notify/n.ts',
    specifier: '@aws-lambda-powertools/logger',
  },
  'the core reading files': { file: 'functions/core/config/o.ts', specifier: 'node:fs' },
  'an adapter importing the sync composition root': {
    file: 'functions/platform/p.ts',
    specifier: '#functions/sync/build-sync-deps',
  },
  'an adapter importing the webhook entry point': {
    file: 'functions/revel/q.ts',
    specifier: '#functions/webhook',
  },
  'an entry point importing a vendor sandbox': {
    file: 'functions/sync/r.ts',
    specifier: '../../dev/sandbox/tripleseat-sandbox',
  },
  'an HTTP route importing a test helper': {
    file: 'functions/sync/http/s.ts',
    specifier: '../../../test/support/builders',
  },
  'an adapter importing the local runtime': {
    file: 'functions/tripleseat/t.ts',
    specifier: '../../dev/local-defaults',
  },
  'an entry point importing the CDK app': { file: 'functions/webhook/aj.ts', specifier: '../../lib/stack' },
  'a port importing a use case (the order plan)': {
    file: 'functions/core/ports/ak.ts',
    specifier: '#functions/core/order/order-plan',
  },
  'a port importing the engine': {
    file: 'functions/core/ports/al.ts',
    specifier: '#functions/core/engine/sync-event',
  },
  'a benchmark importing a test helper': {
    file: 'bench/av.ts',
    specifier: '../test/support/fake-webhook-deps',
  },
  'a benchmark helper importing a test helper': {
    file: 'bench/support/aw.ts',
    specifier: '../../test/support/builders',
  },
  'a core use case reaching another core folder by a relative path': {
    file: 'functions/core/engine/az.ts',
    specifier: '../domain/model',
  },
  'an adapter reaching the core by a relative path': {
    file: 'functions/revel/ba.ts',
    specifier: '../core/domain/model',
  },
  'a deps type importing a use case': {
    file: 'functions/core/deps/bb.ts',
    specifier: '#functions/core/engine/sync-event',
  },
  'the core importing a test helper': {
    file: 'functions/core/domain/u.ts',
    specifier: '../../../test/support/builders',
  },
};

const allowed: Record<string, ImportCase> = {
  'a core use case importing the domain': {
    file: 'functions/core/engine/v.ts',
    specifier: '#functions/core/domain/model',
  },
  'a core use case importing a port': {
    file: 'functions/core/order/w.ts',
    specifier: '#functions/core/ports/revel-api',
  },
  'a port importing a domain type': {
    file: 'functions/core/ports/am.ts',
    specifier: '#functions/core/domain/planned-order',
  },
  'a port importing a contract': {
    file: 'functions/core/ports/an.ts',
    specifier: '#functions/core/contract/doctor-report',
  },
  'a port importing the config': {
    file: 'functions/core/ports/ao.ts',
    specifier: '#functions/core/config/sync-config',
  },
  'a port importing another port': { file: 'functions/core/ports/ap.ts', specifier: './ledger' },
  'a core use case importing the core intake use case': {
    file: 'functions/core/bulk/x.ts',
    specifier: '#functions/core/intake/signature',
  },
  'a core file two folders down importing the core intake use case': {
    file: 'functions/core/order/plan/y.ts',
    specifier: '#functions/core/intake/webhook-answer',
  },
  'a file directly in functions/core importing the core intake use case': {
    file: 'functions/core/z.ts',
    specifier: './intake/receive-webhook',
  },
  'the core importing zod': {
    file: 'functions/core/engine/aa.ts',
    specifier: 'zod/mini',
  },
  'the core importing luxon': { file: 'functions/core/engine/ab.ts', specifier: 'luxon' },
  'the core importing node:crypto': { file: 'functions/core/order/ac.ts', specifier: 'node:crypto' },
  'an adapter importing the core intake use case': {
    file: 'functions/platform/ad.ts',
    specifier: '#functions/core/intake/webhook-deps',
  },
  'an adapter importing another adapter': {
    file: 'functions/tripleseat/ae.ts',
    specifier: '#functions/outbound-http/http-client',
  },
  'an adapter importing the AWS SDK': { file: 'functions/platform/af.ts', specifier: '@aws-sdk/client-sqs' },
  'the webhook entry point importing its use case': {
    file: 'functions/webhook/ag.ts',
    specifier: '#functions/core/intake/receive-webhook',
  },
  'an HTTP route importing an adapter': {
    file: 'functions/sync/http/ah.ts',
    specifier: '#functions/platform/logger',
  },
  'the sync entry point importing middy': { file: 'functions/sync/ai.ts', specifier: '@middy/core' },
  'a deps type importing a port': {
    file: 'functions/core/deps/bc.ts',
    specifier: '#functions/core/ports/ledger',
  },
  'a core use case importing a file of its own folder': {
    file: 'functions/core/engine/bd.ts',
    specifier: './sync-event',
  },
  'a benchmark importing its own support': {
    file: 'bench/ax.ts',
    specifier: './support/memory-webhook-deps',
  },
  'a benchmark importing a use case': {
    file: 'bench/ay.ts',
    specifier: '../functions/core/intake/receive-webhook',
  },
};

const repoRoot = resolve(import.meta.dirname, '../..');
let workDir = '';
let flagged = new Set<string>();

type BiomeReport = { diagnostics: { category?: string; location?: { path?: string } }[] };

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'import-boundaries-'));
  copyFileSync(join(repoRoot, 'biome.jsonc'), join(workDir, 'biome.jsonc'));
  for (const { file, specifier } of [...Object.values(forbidden), ...Object.values(allowed)]) {
    mkdirSync(dirname(join(workDir, file)), { recursive: true });
    writeFileSync(join(workDir, file), `import { x } from '${specifier}';\n\nexport const y = x;\n`);
  }
  const run = spawnSync(
    join(repoRoot, 'node_modules/.bin/biome'),
    [
      'lint',
      '--vcs-enabled=false',
      '--only=style/noRestrictedImports',
      '--reporter=json',
      '--max-diagnostics=none',
      'functions',
      'bench',
    ],
    { cwd: workDir, encoding: 'utf8' },
  );
  const report = JSON.parse(run.stdout) as BiomeReport;
  flagged = new Set(
    report.diagnostics
      .filter((d) => d.category === 'lint/style/noRestrictedImports')
      .map((d) => d.location?.path ?? ''),
  );
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the import boundaries in biome.jsonc', () => {
  it.each(Object.entries(forbidden))('fail the lint for %s', (_name, { file }) => {
    expect(flagged.has(file)).toBe(true);
  });

  it.each(Object.entries(allowed))('let the lint pass %s', (_name, { file }) => {
    expect(flagged.has(file)).toBe(false);
  });

  it('name the broken rule and the way out in the message', () => {
    const run = spawnSync(
      join(repoRoot, 'node_modules/.bin/biome'),
      ['lint', '--vcs-enabled=false', '--only=style/noRestrictedImports', 'functions/core/engine/a.ts'],
      { cwd: workDir, encoding: 'utf8' },
    );
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toContain('declare a port in functions/core/ports/');
  });
});
