import { describe, expect, it } from 'vitest';
import { readSample } from '../../../../dev/samples/sample-readers';

describe('the revel.error-body sample reader', () => {
  it("reads a Rails-style body as the client's refusal, keeping the vendor's reasons", async () => {
    const body = JSON.stringify({ errors: { contact: ['must be selected'], booking: ['is invalid'] } });
    expect(await readSample('revel.error-body', body)).toEqual({
      value: {
        code: 'REVEL_REJECTED',
        retryable: false,
        message: 'Revel create order: rejected (400): contact: must be selected; booking: is invalid',
      },
    });
  });

  it("reads Revel's own error_message as it is", async () => {
    const body = JSON.stringify({ error_message: 'final_total: This field is required.' });
    expect(await readSample('revel.error-body', body)).toMatchObject({
      value: { message: 'Revel create order: rejected (400): final_total: This field is required.' },
    });
  });
});
