import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { describeError } from '#functions/core/domain/errors';
import { preflightDigestMail } from '#functions/core/notify/preflight-mails';
import { sendMail } from '#functions/core/notify/send-mail';
import type { Logger } from '#functions/core/ports/logger';
import type { PreflightCheck, PreflightDeps, PreflightReport } from '#functions/core/ports/preflight-store';
import { checkUpcoming } from './check-upcoming';

/**
 * The digest goes out when the set of problems differs from the one last mailed, and otherwise at
 * most once per `preflight.remindAfterHours` while problems remain — never with every run.
 */
export function digestDue(
  check: PreflightCheck,
  previous: PreflightReport | undefined,
  remindAfterHours: number,
): boolean {
  if (check.problems.length === 0) return false;
  if (previous?.mailedAt === undefined || previous.mailedHash !== check.problemsHash) return true;
  const since = Date.parse(check.checkedAt) - Date.parse(previous.mailedAt);
  return since >= remindAfterHours * 3_600_000;
}

/**
 * A scheduled run's preflight: check the upcoming events, keep the report in the ledger (for the
 * console and the CLI) and mail the digest when due. Never throws: a failed preflight is logged and
 * the next run tries again; the sync it follows has already happened.
 */
export async function runPreflight(
  deps: Pick<SyncHandlerDeps, 'config' | 'engine' | 'mailer'>,
  preflight: PreflightDeps,
  run: { runId: string; shouldStop?: (() => boolean) | undefined },
  logger: Logger,
): Promise<PreflightReport | undefined> {
  const { config } = deps;
  const { runId } = run;
  try {
    const check = await checkUpcoming(
      { ...deps.engine, logger, references: preflight.references },
      config.preflight.days,
      run.shouldStop,
    );
    if (check.notChecked > 0) {
      // A partial list would look like a changed one and mail a digest: nothing is kept or sent.
      logger.warn('preflight stopped at the time limit; the next run checks', {
        not_checked: check.notChecked,
      });
      return undefined;
    }
    const previous = await preflight.store.getPreflight();
    const due = digestDue(check, previous, config.preflight.remindAfterHours);
    let mailed = false;
    if (due) {
      await sendMail(deps, logger, 'alert', (s) => preflightDigestMail(s, check, runId));
      mailed = deps.mailer !== undefined && config.notifications !== undefined;
    }
    const { notChecked: _none, ...kept } = check;
    const report: PreflightReport = {
      ...kept,
      runId,
      mailedAt: mailed ? check.checkedAt : previous?.mailedAt,
      mailedHash: mailed ? check.problemsHash : previous?.mailedHash,
    };
    await preflight.store.putPreflight(report);
    logger.info('preflight checked upcoming events', {
      events_checked: check.eventsChecked,
      problems: check.problems.length,
      tripleseat_requests: check.tripleseatRequests,
      digest_mailed: mailed,
    });
    return report;
  } catch (e: unknown) {
    logger.warn('preflight failed; the next scheduled run tries again', { error: describeError(e) });
    return undefined;
  }
}
