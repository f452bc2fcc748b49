import type { SyncConfig } from '#functions/core/config/sync-config';
import { emptyProgress, type LedgerRecord } from '#functions/core/ports/ledger';
import type { Logger } from '#functions/core/ports/logger';

/**
 * An order written while the test-establishment switch was on went to the test establishment, not
 * the event's own. Once the switch is off, that record must not answer `skipped DUPLICATE` for the
 * real establishment: the engine sees the event as never written (the test order stays where it is,
 * the ledger's next outcome replaces the record). While the switch is on the record stands as it is.
 */
export function forTheRealEstablishment(
  record: LedgerRecord | null,
  config: SyncConfig,
  logger: Logger,
): LedgerRecord | null {
  if (record === null || record.testEstablishmentId === undefined) return record;
  if (config.connector.testLocation !== undefined) return record;
  if (record.status !== 'injected') return record;
  logger.info('order went to the test establishment; writing the event for its own establishment', {
    event_id: record.eventId,
    test_establishment_id: record.testEstablishmentId,
    test_revel_order_id: record.revelOrderId,
  });
  const { fingerprint: _fingerprint, testEstablishmentId: _test, ...rest } = record;
  return {
    ...rest,
    status: 'new',
    revelOrderId: undefined,
    reason: undefined,
    error: undefined,
    progress: emptyProgress(),
  };
}
