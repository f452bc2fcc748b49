import { describe, expect, it } from 'vitest';
import { ConfigError, InputError, VendorError } from '../../../../functions/core/domain/errors';
import { errorResponse } from '../../../../functions/sync/http/http-response';
import { jsonBody } from '../../../support/fake-sync-handler-deps';
import { silentLogger } from '../../../support/silent-logger';

describe('errorResponse', () => {
  it('answers an InputError with 400, its message and the parameter it names', () => {
    const answer = errorResponse(
      new InputError('hours_back', 'hours_back must be 1–168'),
      'c-1',
      silentLogger,
    );
    expect(answer.statusCode).toBe(400);
    expect(jsonBody(answer)).toEqual({ error: 'hours_back must be 1–168', parameter: 'hours_back' });
    expect(answer.headers?.['x-correlation-id']).toBe('c-1');
  });

  it.each([
    ['a vendor error', new VendorError('revel', 'REVEL_AUTH', 401, false, 'api key abc123 rejected')],
    ['a config error', new ConfigError('locations', 'SYNC_CONFIG: token=abc123 invalid')],
    ['a plain error', new Error('abc123 exploded')],
    ['a thrown string', 'abc123'],
  ])('hides %s behind a generic 500 with the correlation id', (_, error) => {
    const answer = errorResponse(error, 'c-2', silentLogger);
    expect(answer.statusCode).toBe(500);
    expect(jsonBody(answer)).toEqual({ error: 'internal error', correlation_id: 'c-2' });
    expect(answer.body).not.toContain('abc123');
  });
});
