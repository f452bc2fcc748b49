/**
 * Every error the engine can meet says whether retrying can help. Callers narrow with
 * `instanceof`, never by name strings; one place (the HTTP mapper) decides what a caller sees.
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;
  /** HTTP status a caller of the manual route should get; messages are exposed only below 500. */
  readonly httpStatus: number = 500;
}

export type Vendor = 'tripleseat' | 'revel';

export type VendorErrorCode =
  | 'TRIPLESEAT_AUTH'
  | 'TRIPLESEAT_NOT_FOUND'
  | 'TRIPLESEAT_BAD_RESPONSE'
  | 'TRIPLESEAT_UNAVAILABLE'
  | 'REVEL_AUTH'
  | 'REVEL_REJECTED'
  | 'REVEL_NOT_FOUND'
  | 'REVEL_BAD_RESPONSE'
  | 'REVEL_UNAVAILABLE';

export class VendorError extends AppError {
  override readonly name = 'VendorError';
  constructor(
    readonly vendor: Vendor,
    readonly code: VendorErrorCode,
    /** HTTP status the vendor answered, 0 when no answer came (timeout, connection refused). */
    readonly status: number,
    readonly retryable: boolean,
    message: string,
    /**
     * True when a write may have been committed although we saw no success (timeout, 5xx after
     * the request was sent). The caller must re-check before writing again.
     */
    readonly outcomeUnknown = false,
  ) {
    super(message);
  }
}

export class ConfigError extends AppError {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  readonly retryable = false;
  constructor(
    /** Dotted path of the offending field, e.g. `locations.0.timeZone`, or the env var name. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Bad input from a caller (manual route parameters, CLI flags). */
export class InputError extends AppError {
  override readonly name = 'InputError';
  readonly code = 'BAD_INPUT';
  readonly retryable = false;
  override readonly httpStatus = 400;
  constructor(
    readonly field: string,
    message: string,
    /** A machine-readable reason (`ESTABLISHMENT_REQUIRED`), answered beside the message when set. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** The ledger lost our lease (it expired and another holder took over): stop writing at once. */
export class LeaseLostError extends AppError {
  override readonly name = 'LeaseLostError';
  readonly code = 'LEASE_LOST';
  readonly retryable = true;
  constructor(readonly eventId: string) {
    super(`lease on event ${eventId} was lost to another holder`);
  }
}

/** Renders any thrown value as a short message, without leaking stack traces to callers. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * A half-written Revel order exists, but the event now plans different items or another
 * establishment: appending would give the kitchen a wrong order, so a person must look at it.
 */
export class OrderPlanChangedError extends AppError {
  override readonly name = 'OrderPlanChangedError';
  readonly code = 'HALF_WRITTEN_ORDER';
  readonly retryable = false;
  constructor(
    readonly orderId: number | undefined,
    readonly eventId: string,
    /** What the changed event now says, when that is why (e.g. "TOTALS_DO_NOT_ADD_UP: …"). */
    readonly change?: string,
    /** Someone changed the order in Revel: the sync never touches it again. */
    readonly changedInRevel = false,
  ) {
    super(
      changedInRevel
        ? `Revel order ${orderId ?? '?'} for event ${eventId} was left half-written and has since been changed in ` +
            'Revel by hand (it holds items this sync did not write); the sync will not add to it: finish or void ' +
            'it in Revel'
        : `Revel order ${orderId ?? '?'} for event ${eventId} was left half-written and the event has changed since` +
            `${change ? ` (${change})` : ''}; finish or void that order in Revel by hand. The sync finishes it ` +
            'automatically only if the event becomes eligible again unchanged and nobody changes the order in ' +
            'Revel meanwhile',
    );
  }
}

/**
 * A create sent to Revel has no known outcome yet (timeout, 5xx, dropped socket) and was not found:
 * Revel may still be committing it, so nobody re-sends it before `settledAt`. Reported as
 * `in_progress` WRITE_SETTLING; a later attempt adopts what landed or creates it then.
 */
export class WriteSettlingError extends AppError {
  override readonly name = 'WriteSettlingError';
  readonly code = 'WRITE_SETTLING';
  readonly retryable = true;
  constructor(
    readonly step: string,
    readonly settledAt: Date,
  ) {
    super(
      `a Revel ${step} create has no known outcome yet; it is looked up again and re-sent only if ` +
        `still missing after ${settledAt.toISOString()}`,
    );
  }
}
