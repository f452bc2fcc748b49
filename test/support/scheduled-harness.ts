import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { SyncConfig } from '#functions/core/config/sync-config';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { DynamoDbDigestMarks } from '#functions/platform/digest-marks-dynamodb';
import { OutboxMailer } from '#functions/platform/mailer-outbox';
import { createMetrics } from '#functions/platform/metrics-emf';
import { DynamoDbPreflightStore } from '#functions/platform/preflight-store-dynamodb';
import { buildDriftDeps } from '#functions/sync/build-drift-deps';
import { createVendorClients } from '#functions/sync/build-vendor-clients';
import { parseVendorEnv } from '../../dev/vendor-env';
import type { EngineHarness } from './engine-harness';
import { MemorySyncQueue } from './fake-sync-handler-deps';
import { type ParsedEml, parseEml } from './parse-eml';
import { silentLogger } from './silent-logger';

export const NOTIFY = { from: 'sync@restaurant.example', to: ['ops@restaurant.example'] };

/** A clock the test moves by hand (the engine's, the ledger records' and the mails' "now"). */
export interface MovableClock {
  now(): Date;
  set(instant: Date): void;
  plusHours(hours: number): void;
}

export function movableClock(start: Date): MovableClock {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    set: (instant) => {
      at = instant.getTime();
    },
    plusHours: (hours) => {
      at += hours * 3_600_000;
    },
  };
}

/** The harness's "now" as the engine sees it: the sandbox seed instant, in Los Angeles. */
export const engineNow = (h: EngineHarness): Date =>
  DateTime.fromJSDate(h.instant).setZone('America/Los_Angeles').toJSDate();

/**
 * 09:00 in Los Angeles on the seed instant's day: a start for tests that move the clock through a
 * day's scheduled runs, so hours of runs never cross into tomorrow whatever time the suite runs.
 */
export const morningOf = (h: EngineHarness): Date =>
  DateTime.fromJSDate(h.instant)
    .setZone('America/Los_Angeles')
    .set({ hour: 9, minute: 0, second: 0 })
    .toJSDate();

export interface HandlerHarness {
  /** Fresh deps (own clients) with the same ledger, outbox and clock; `config` overrides the harness's. */
  deps(config?: SyncConfig): SyncHandlerDeps;
  clock: MovableClock;
  /** Every mail written to the outbox so far, oldest first. */
  mails(): ParsedEml[];
  close(): void;
}

/**
 * SyncHandlerDeps as build-sync-deps.ts wires them, over the engine harness: real vendor clients
 * against the sandboxes, the DynamoDB ledger (dynalite) as ledger, run store, run lock and drift
 * log, and the outbox mailer into a private folder.
 */
export function startHandlerHarness(h: EngineHarness, base?: SyncConfig): HandlerHarness {
  const dir = mkdtempSync(join(tmpdir(), 'handler-harness-'));
  const clock = movableClock(engineNow(h));
  const mailer = new OutboxMailer({ dir });
  // One queue for every deps() of the harness: drainQueue (run-to-end.ts) plays its consumer.
  const queue = new MemorySyncQueue();
  return {
    clock,
    deps: (override) => {
      const config = {
        ...(override ?? base ?? h.config),
        notifications: { ...NOTIFY, onInjected: false, onFailed: true, digest: true },
      };
      const engine = { ...h.deps({ config, clock }), logger: silentLogger };
      const { holderId: _holder, ...withoutHolder } = engine;
      const drift = buildDriftDeps({
        config,
        client: h.table.client,
        tableName: h.table.tableName,
        mailer,
        logger: silentLogger,
        engine,
      });
      return {
        config,
        engine: { ...withoutHolder, drift },
        runs: h.ledger,
        runLock: h.ledger,
        queue,
        mailer,
        syncApiToken: async () => 'token',
        metrics: createMetrics({ namespace: 'test', service: 'sync', write: () => undefined }),
        failureStreak: h.ledger,
        digestMarks: new DynamoDbDigestMarks({ client: h.table.client, tableName: h.table.tableName }),
        preflight: {
          store: new DynamoDbPreflightStore({ client: h.table.client, tableName: h.table.tableName }),
          references: createVendorClients(parseVendorEnv(h.sandboxes.env), config).revel,
        },
      };
    },
    mails: () =>
      readdirSync(dir)
        .filter((name) => name.endsWith('.eml'))
        .sort()
        .map((name) => parseEml(readFileSync(join(dir, name), 'utf8'))),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
