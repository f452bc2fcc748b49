import type { AuditEntry, AuditTrail } from '#functions/core/ports/audit-trail';
import type { Logger } from '#functions/core/ports/logger';

/**
 * Runs an operator action with its audit entry — both or neither. The entry is stored first, as
 * `pending`: if that fails the action does not run. The ledger table is one DynamoDB table written
 * by several stores, and the local DynamoDB (dynalite) has no TransactWriteItems, so the two writes
 * cannot share one transaction; recording first means no change is ever made without an entry. The
 * entry is then settled `applied` or `failed`; an entry left `pending` (settling failed, or the
 * process died) says "may have been applied" (docs/decisions/0017-audit-before-action.md).
 */
export async function audited<T>(
  audit: AuditTrail,
  entry: AuditEntry,
  action: () => Promise<T>,
  options: { logger: Logger; resultOf?: (result: T) => Record<string, unknown> },
): Promise<T> {
  const id = await audit.begin(entry);
  let result: T;
  try {
    result = await action();
  } catch (e: unknown) {
    await settleQuietly(audit, id, 'failed', { error: e instanceof Error ? e.message : String(e) }, options);
    throw e;
  }
  await settleQuietly(audit, id, 'applied', options.resultOf?.(result), options);
  return result;
}

async function settleQuietly(
  audit: AuditTrail,
  id: string,
  outcome: 'applied' | 'failed',
  result: Record<string, unknown> | undefined,
  options: { logger: Logger },
): Promise<void> {
  try {
    await audit.settle(id, outcome, result);
  } catch (e: unknown) {
    // The action's answer stands; the entry stays `pending`, which the audit page shows as such.
    options.logger.warn('audit entry could not be settled; it stays pending', {
      audit_id: id,
      outcome,
      error: e instanceof Error ? e.message : String(e),
    });
  }
}
