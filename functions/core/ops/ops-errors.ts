import { AppError } from '#functions/core/domain/errors';

/** What the operator asked for does not exist (an event neither TripleSeat nor the ledger knows, a run). */
export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
  readonly retryable = false;
  override readonly httpStatus = 404;
}

/** A vendor is down and nothing else is known of what was asked: the answer names the vendor (503). */
export class VendorUnavailableError extends AppError {
  override readonly name = 'VendorUnavailableError';
  readonly code = 'VENDOR_UNAVAILABLE';
  readonly retryable = true;
  override readonly httpStatus = 503;
  constructor(readonly outages: readonly { vendor: string; code: string; message: string }[]) {
    super(`${outages.map((o) => o.message).join('; ')}: try again later`);
  }
}
