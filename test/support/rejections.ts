import { VendorError } from '#functions/core/domain/errors';

/** The value a promise rejects with; fails the test if it resolves. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e: unknown) {
    return e;
  }
  throw new Error('expected a rejection');
}

/** The VendorError a promise rejects with (e.g. TRIPLESEAT_AUTH); fails the test on anything else. */
export async function authFailure(promise: Promise<unknown>): Promise<VendorError> {
  const error = await caught(promise);
  if (!(error instanceof VendorError)) throw new Error(`expected a VendorError, got ${String(error)}`);
  return error;
}
