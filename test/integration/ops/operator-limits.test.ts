import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_LIMITS } from '#functions/core/contract/operator-limits';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';
import { operatorCall } from '../../support/operator-call';

// Operator inputs that could start unbounded work answer a precise 400 (or 404) before any vendor call.
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

const call = (method: string, path: string, body?: unknown) =>
  operatorCall(local.runtime, method, path, body);

const tripleseatRequests = () => local.runtime.sandboxes?.tripleseat.requestLog().length ?? 0;

describe('the operator API’s limits', () => {
  it('refuses a board range longer than the limit, naming it, without asking TripleSeat', async () => {
    const before = tripleseatRequests();
    const answer = await call('GET', '/api/events?from=2000-01-01&to=2099-12-31');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ parameter: 'to' });
    expect(answer.body.error).toContain(`at most ${OPERATOR_LIMITS.boardRangeDays} days`);
    expect(tripleseatRequests()).toBe(before);
  });

  it('still answers a board range of exactly the limit', async () => {
    const answer = await call('GET', '/api/events?from=2026-01-01&to=2026-01-31');
    expect(answer.status).toBe(200);
  });

  it('refuses a backfill from further back than the limit, naming since', async () => {
    const answer = await call('POST', '/api/backfill', { since: '1900-01-01', dry_run: true });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ parameter: 'since' });
    expect(answer.body.error).toContain(`at most ${OPERATOR_LIMITS.backfillSinceDays} days`);
  });

  it('answers 400 naming the id, not 500, to a run id no run can have', async () => {
    const answer = await call('GET', `/api/runs/${'x'.repeat(5_000)}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ parameter: 'id' });
  });
});
