import { AppError } from '../domain/errors';

/** What the operator asked for does not exist (an event neither TripleSeat nor the ledger knows, a run). */
export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
  readonly retryable = false;
  override readonly httpStatus = 404;
}
