import { describe, expect, it } from 'vitest';
import { DynamoDbAttemptLog, withAttemptLog } from '../../../functions/platform/attempt-log-dynamodb';
import { DynamoDbAuditTrail } from '../../../functions/platform/audit-trail-dynamodb';
import {
  createRuntimeOverridesStore,
  RUNTIME_OVERRIDES_REFRESH_MS,
} from '../../../functions/platform/runtime-overrides-dynamodb';
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
  it('lists the changes of recent days, newest first', async () => {
    const audit = new DynamoDbAuditTrail(table());
    await audit.record({
      at: '2026-11-27T09:00:00.000Z',
      operator: 'tom',
      action: 'mapping',
      change: { key: 'a' },
    });
    await audit.record({
      at: '2026-11-29T09:00:00.000Z',
      operator: 'maria',
      action: 'settings',
      change: { dry_run: 1 },
    });
    const entries = await audit.recent(new Date('2026-11-29T12:00:00Z'), 14);
    expect(entries.map((e) => [e.operator, e.action])).toEqual([
      ['maria', 'settings'],
      ['tom', 'mapping'],
    ]);
    expect(await audit.recent(new Date('2026-11-29T12:00:00Z'), 1)).toHaveLength(1);
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
