import { describe, expect, it } from 'vitest';
import { VendorError } from '#functions/core/domain/errors';
import { readJsonBody } from '#functions/tripleseat/vendor-errors';

const answer = (status: number, body: unknown) => ({
  status,
  headers: new Headers({ 'content-type': 'application/json' }),
  text: JSON.stringify(body),
});

function refusal(status: number, body: unknown): VendorError {
  try {
    readJsonBody(answer(status, body), 'create event');
  } catch (e: unknown) {
    if (e instanceof VendorError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe("TripleSeat's error bodies", () => {
  it('keeps the message of an {"error": …} body', () => {
    expect(refusal(401, { error: 'Token resource owner not found' }).message).toBe(
      'create event: TripleSeat refused the credentials (401: Token resource owner not found)',
    );
  });

  it('keeps every reason of a Rails-style {"errors": {field: [messages]}} body', () => {
    const error = refusal(422, { errors: { contact: ['must be selected'], booking: ['is invalid'] } });
    expect(error).toMatchObject({ code: 'TRIPLESEAT_BAD_RESPONSE', retryable: false });
    expect(error.message).toBe(
      'create event: request rejected (422: contact must be selected; booking is invalid)',
    );
  });

  it('keeps the reasons of an {"errors": [messages]} body', () => {
    expect(refusal(422, { errors: ['Name is required'] }).message).toContain('(422: Name is required)');
  });

  it("never repeats a guest's email address or phone number a reason quotes", () => {
    const error = refusal(422, {
      errors: { email: ['ann.lee@example.com is taken'], phone: ['(555) 010-1234 is invalid'] },
    });
    expect(error.message).toBe(
      'create event: request rejected (422: email [email] is taken; phone [phone] is invalid)',
    );
  });

  it('keeps the reasons short', () => {
    const error = refusal(422, { errors: { name: ['x'.repeat(500)] } });
    expect(error.message.length).toBeLessThan(260);
  });
});
