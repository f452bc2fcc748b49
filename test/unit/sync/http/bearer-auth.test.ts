import { describe, expect, it } from 'vitest';
import { isAuthorised } from '#functions/sync/http/bearer-auth';

const token = async () => 's3cret-token';

describe('isAuthorised', () => {
  it('accepts the configured token after "Bearer", in any case of the scheme', async () => {
    expect(await isAuthorised('Bearer s3cret-token', token)).toBe(true);
    expect(await isAuthorised('bearer s3cret-token', token)).toBe(true);
  });

  it('refuses a missing header, another scheme, and tokens of other lengths or content', async () => {
    for (const header of [
      undefined,
      '',
      'Basic s3cret-token',
      'Bearer',
      'Bearer s3cret',
      'Bearer s3cret-tokeN',
    ]) {
      expect(await isAuthorised(header, token)).toBe(false);
    }
  });

  it('refuses everyone when no token is configured', async () => {
    expect(await isAuthorised('Bearer ', async () => '')).toBe(false);
    expect(await isAuthorised('Bearer x', async () => '')).toBe(false);
  });
});
