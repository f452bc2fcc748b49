import { describe, expect, it } from 'vitest';
import { ConfigError, InputError, VendorError } from '#functions/core/domain/errors';
import { WebhookUnavailableError } from '#functions/core/intake/webhook-answer';
import { DependenciesUnavailableError } from '#functions/middleware/composition';
import { httpErrorAnswer, httpStatusFor } from '#functions/middleware/http-error-answer';
import { jsonBody } from '../../support/fake-sync-handler-deps';

describe('httpErrorAnswer', () => {
  it('answers an InputError with 400, its message and the parameter it names', () => {
    const answer = httpErrorAnswer(new InputError('hours_back', 'hours_back must be 1–168'), 'c-1');
    expect(answer.statusCode).toBe(400);
    expect(jsonBody(answer)).toEqual({
      error: 'hours_back must be 1–168',
      parameter: 'hours_back',
      reason: 'BAD_INPUT',
    });
    expect(answer.headers?.['x-correlation-id']).toBe('c-1');
  });

  it('adds the machine-readable reason of an InputError that has one', () => {
    const refused = new InputError(
      'establishment_id',
      'establishment_id is required',
      'ESTABLISHMENT_REQUIRED',
    );
    expect(jsonBody(httpErrorAnswer(refused, 'c-2'))).toEqual({
      error: 'establishment_id is required',
      parameter: 'establishment_id',
      reason: 'ESTABLISHMENT_REQUIRED',
    });
  });

  it.each([
    ['a vendor error', new VendorError('revel', 'REVEL_AUTH', 401, false, 'api key abc123 rejected')],
    ['a config error', new ConfigError('locations', 'SYNC_CONFIG: token=abc123 invalid')],
    ['a retryable vendor error', new VendorError('revel', 'REVEL_UNAVAILABLE', 503, true, 'abc123 down')],
    ['a plain error', new Error('abc123 exploded')],
    ['a thrown string', 'abc123'],
  ])('hides %s behind a generic 500 with the correlation id', (_, error) => {
    const answer = httpErrorAnswer(error, 'c-2');
    expect(answer.statusCode).toBe(500);
    expect(jsonBody(answer)).toEqual({ status: 'error', message: 'internal error', correlation_id: 'c-2' });
    expect(answer.body).not.toContain('abc123');
  });

  it.each([
    ['an unreachable queue', new WebhookUnavailableError([new Error('abc123 timed out')])],
    ['dependencies that failed to build', new DependenciesUnavailableError(new Error('abc123 unreachable'))],
  ])('answers 503 with a retry hint for %s, still without its message', (_, error) => {
    const answer = httpErrorAnswer(error, 'c-3');
    expect(answer.statusCode).toBe(503);
    expect(answer.headers?.['retry-after']).toBe('5');
    expect(jsonBody(answer)).toEqual({
      status: 'unavailable',
      message: 'temporarily unavailable; retry',
      correlation_id: 'c-3',
    });
    expect(answer.body).not.toContain('abc123');
  });
});

describe('httpStatusFor', () => {
  it('answers 500 for dependencies that cannot be built because the configuration is broken', () => {
    expect(httpStatusFor(new DependenciesUnavailableError(new ConfigError('QUEUE_URL', 'missing')))).toBe(
      500,
    );
  });
});
