import { describe, expect, it } from 'vitest';
import { changeSettings } from '#functions/core/ops/operator-changes';
import type { OperatorDeps } from '#functions/core/ports/operator-deps';
import { DynamoDbAttemptLog, withAttemptLog } from '#functions/platform/attempt-log-dynamodb';
import { DynamoDbAuditTrail } from '#functions/platform/audit-trail-dynamodb';
import {
  createRuntimeOverridesStore,
  RUNTIME_OVERRIDES_REFRESH_MS,
} from '#functions/platform/runtime-overrides-dynamodb';
import { testConfig } from '../../support/builders';
import { manualClock, useLedgerTable } from '../../support/dynalite';
import { silentLogger } from '../../support/silent-logger';

const { table, ledgerAt } = useLedgerTable();
const by = { operator: 'maria', at: '2026-11-29T10:00:00.000Z' };

describe('the runtime settings in the ledger table', () => {
  it('reach another instance within a minute, and the instance that saved them at once', async () => {
    const clock = manualClock();
    const store = () => createRuntimeOverridesStore({ ...table(), now: clock.now, logger: silentLogger });
    const console = store();
    const engine = store();
    expect((await engine.read()).settings).toEqual({});

    const saved = await console.saveSettings({ connectorEnabled: false }, by);
    expect(saved.settings).toEqual({ connectorEnabled: false });
    expect(saved.settingsChangedBy).toEqual(by);
    expect((await engine.read()).settings).toEqual({});
    clock.advance(RUNTIME_OVERRIDES_REFRESH_MS);
    expect((await engine.read()).settings).toEqual({ connectorEnabled: false });
  });

  it('merges a partial change into the stored switches', async () => {
    const store = createRuntimeOverridesStore(table());
    await store.saveSettings({ dryRun: true }, by);
    const after = await store.saveSettings({ connectorEnabled: true, testEstablishment: undefined }, by);
    expect(after.settings).toEqual({ connectorEnabled: true, dryRun: true });
  });

  it('keeps one mapping per key, the newer replacing the older', async () => {
    const store = createRuntimeOverridesStore(table());
    const entry = { key: '4|menu:3099', menuItemId: '3099', revelProductId: 601, establishmentId: 4, ...by };
    await store.saveMapping(entry);
    const saved = await store.saveMapping({ ...entry, revelProductId: 602 });
    expect(saved.mappings).toEqual([{ ...entry, revelProductId: 602 }]);
  });
});

describe('the audit trail', () => {
  const entry = (at: string, operator: string, action: string, change: Record<string, unknown>) => ({
    at,
    operator,
    action,
    change,
  });

  it('lists the changes of recent days, newest first, each with its outcome', async () => {
    const audit = new DynamoDbAuditTrail(table());
    const first = await audit.begin(entry('2026-11-27T09:00:00.000Z', 'tom', 'mapping', { key: 'a' }));
    await audit.settle(first, 'applied');
    const second = await audit.begin(entry('2026-11-29T09:00:00.000Z', 'maria', 'settings', { dry_run: 1 }));
    await audit.settle(second, 'failed', { error: 'boom' });
    await audit.begin(entry('2026-11-29T09:05:00.000Z', 'maria', 'sync', { event_id: '1' }));
    const entries = await audit.recent(new Date('2026-11-29T12:00:00Z'), 14, 50);
    expect(entries.map((e) => [e.operator, e.action, e.outcome])).toEqual([
      ['maria', 'sync', 'pending'],
      ['maria', 'settings', 'failed'],
      ['tom', 'mapping', 'applied'],
    ]);
    expect(entries[1]?.result).toEqual({ error: 'boom' });
    expect(await audit.recent(new Date('2026-11-29T12:00:00Z'), 1, 50)).toHaveLength(2);
  });

  it('keeps one item per entry, so a busy day never fills an item (400 KB) and every entry is kept', async () => {
    const audit = new DynamoDbAuditTrail(table());
    const big = 'x'.repeat(5_000);
    for (let i = 0; i < 120; i += 1) {
      const at = new Date(Date.parse('2026-10-01T08:00:00Z') + i * 1000).toISOString();
      await audit.settle(await audit.begin(entry(at, 'maria', 'mapping', { name: big, i })), 'applied');
    }
    const entries = await audit.recent(new Date('2026-10-01T20:00:00Z'), 1, 500);
    expect(entries).toHaveLength(120);
    expect(entries[0]?.change.i).toBe(119);
    expect(entries.at(-1)?.change.i).toBe(0);
  });

  it('answers at most the asked number of entries, the newest', async () => {
    const audit = new DynamoDbAuditTrail(table());
    for (let i = 0; i < 5; i += 1)
      await audit.begin(entry(`2026-09-0${i + 1}T08:00:00.000Z`, 'tom', 'sync', { i }));
    const entries = await audit.recent(new Date('2026-09-05T20:00:00Z'), 10, 3);
    expect(entries.map((e) => e.change.i)).toEqual([4, 3, 2]);
  });
});

describe('an operator change and its audit entry', () => {
  const operator = {
    name: 'maria',
    clock: { now: () => new Date('2026-11-30T10:00:00Z') },
    logger: silentLogger,
  };

  it('is not applied when its audit entry cannot be stored', async () => {
    const overrides = createRuntimeOverridesStore(table());
    const brokenAudit = new DynamoDbAuditTrail({ client: table().client, tableName: 'no-such-table' });
    const ops = { overrides, audit: brokenAudit } as unknown as OperatorDeps;
    const before = (await overrides.read()).settings;
    await expect(
      changeSettings({ dry_run: before.dryRun !== true }, testConfig(), ops, operator),
    ).rejects.toThrow();
    expect((await createRuntimeOverridesStore(table()).read()).settings).toEqual(before);
  });

  it('is applied with its entry settled as applied, from → to', async () => {
    const overrides = createRuntimeOverridesStore(table());
    const audit = new DynamoDbAuditTrail(table());
    const ops = { overrides, audit } as unknown as OperatorDeps;
    await changeSettings({ connector_enabled: false }, testConfig(), ops, operator);
    const [latest] = await audit.recent(operator.clock.now(), 1, 1);
    expect(latest).toMatchObject({
      action: 'settings',
      outcome: 'applied',
      change: { connector_enabled: { from: true, to: false } },
    });
    await changeSettings({ connector_enabled: true }, testConfig(), ops, operator);
  });
});

describe('the attempt log', () => {
  it('keeps every final outcome the ledger records for an event with its trigger, not the writing mark', async () => {
    const clock = manualClock(Date.parse('2026-11-29T10:00:00Z'));
    const log = new DynamoDbAttemptLog(table());
    const ledger = withAttemptLog(ledgerAt(clock), log, { now: clock.now });
    await ledger.acquireLease('7001', 'h', 60_000);
    await ledger.recordOutcome('7001', 'h', {
      status: 'failed',
      reason: 'UNMAPPED_ITEMS',
      correlationId: 'c1',
      trigger: 'webhook',
    });
    await ledger.recordOutcome('7001', 'h', { status: 'writing' });
    clock.advance(1000);
    await ledger.recordOutcome('7001', 'h', {
      status: 'injected',
      revelOrderId: '55',
      correlationId: 'c2',
      trigger: 'queue',
    });
    expect(await log.list('7001')).toEqual([
      {
        at: '2026-11-29T10:00:00.000Z',
        outcome: 'failed',
        reason: 'UNMAPPED_ITEMS',
        correlationId: 'c1',
        revelOrderId: undefined,
        trigger: 'webhook',
      },
      {
        at: '2026-11-29T10:00:01.000Z',
        outcome: 'injected',
        reason: undefined,
        correlationId: 'c2',
        revelOrderId: '55',
        trigger: 'queue',
      },
    ]);
    expect((await ledger.get('7001'))?.status).toBe('injected');
  });
});
