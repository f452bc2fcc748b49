import { describe, expect, it } from 'vitest';
import type { SyncMessage } from '#functions/core/contract/queue-message';
import { receiveWebhook } from '#functions/core/intake/receive-webhook';
import type { DeliveryLog } from '#functions/core/ports/delivery-log';
import { signWebhook } from '../../../../dev/webhook-signing';
import { fakeWebhookDeps, NOW_SECONDS, SIGNING_SECRET } from '../../../support/fake-webhook-deps';

/** A call held open until the test settles it, as an AWS call in flight is. */
interface HeldCall {
  name: 'remember' | 'forget' | 'send';
  settle(outcome: { fails: boolean; value?: boolean }): void;
}

/** Delivery log and queue whose calls stay in flight until settled: their latency is the test's to choose. */
function heldPorts() {
  const calls: HeldCall[] = [];
  const sent: SyncMessage[] = [];
  const remembered = new Set<string>();
  const hold = <T>(name: HeldCall['name'], onSuccess: (value?: boolean) => T) =>
    new Promise<T>((resolve, reject) => {
      calls.push({
        name,
        settle: ({ fails, value }) =>
          fails ? reject(new Error(`${name} failed`)) : resolve(onSuccess(value)),
      });
    });
  const deliveries: DeliveryLog = {
    rememberDelivery: (key) =>
      hold('remember', (isNew = true) => {
        if (isNew) remembered.add(key);
        return isNew;
      }),
    forgetDelivery: (key) => hold('forget', () => void remembered.delete(key)),
  };
  const queue = { send: (message: SyncMessage) => hold('send', () => void sent.push(message)) };
  const call = (name: HeldCall['name']): HeldCall => {
    const found = calls.find((c) => c.name === name);
    if (!found) throw new Error(`no ${name} call in flight`);
    return found;
  };
  return { deliveries, queue, calls, call, sent, remembered };
}

const body = JSON.stringify({
  webhook_trigger_type: 'UPDATE_EVENT',
  event: { id: 55521609, updated_at: '2025-06-12T09:00:00-04:00' },
});
const request = { rawBody: body, headers: { 'x-signature': signWebhook(body, SIGNING_SECRET, NOW_SECONDS) } };

/** Lets every promise chain that can advance advance (no timers involved). */
const inFlight = () => new Promise<void>((resolve) => setImmediate(resolve));

function received() {
  const { deps } = fakeWebhookDeps();
  const ports = heldPorts();
  deps.deliveries = ports.deliveries;
  deps.queue = ports.queue;
  return { answer: receiveWebhook(request, deps), ...ports };
}

describe('acknowledging a delivery in one round trip', () => {
  it('starts the delivery-log write and the queue send before either has answered', async () => {
    const { answer, calls, call, sent } = received();
    await inFlight();
    expect(calls.map((c) => c.name).sort()).toEqual(['remember', 'send']);

    call('send').settle({ fails: false });
    call('remember').settle({ fails: false, value: true });
    expect((await answer).body).toMatchObject({ status: 'queued' });
    expect(sent).toMatchObject([{ eventId: '55521609', trigger: 'UPDATE_EVENT' }]);
  });

  it('answers 503 and forgets the delivery when the send fails, so TripleSeat’s retry is queued', async () => {
    const { answer, call, remembered, sent } = received();
    await inFlight();
    call('remember').settle({ fails: false, value: true });
    call('send').settle({ fails: true });
    await inFlight();
    call('forget').settle({ fails: false });

    expect((await answer).statusCode).toBe(503);
    expect(remembered.size).toBe(0);
    expect(sent).toEqual([]);
  });

  it('forgets the delivery also when the send fails before the log has answered', async () => {
    const { answer, call, remembered } = received();
    await inFlight();
    call('send').settle({ fails: true });
    await inFlight();
    call('remember').settle({ fails: false, value: true });
    await inFlight();
    call('forget').settle({ fails: false });

    expect((await answer).statusCode).toBe(503);
    expect(remembered.size).toBe(0);
  });

  it('forgets the delivery too when both calls fail, in case the failed write was stored after all', async () => {
    const { answer, call, calls } = received();
    await inFlight();
    call('remember').settle({ fails: true });
    call('send').settle({ fails: true });
    await inFlight();
    call('forget').settle({ fails: false });

    expect((await answer).statusCode).toBe(503);
    expect(calls.map((c) => c.name).sort()).toEqual(['forget', 'remember', 'send']);
  });

  it('answers duplicate when the log knew the delivery; the message already sent is one the sync side skips', async () => {
    const { answer, call, calls, sent } = received();
    await inFlight();
    call('send').settle({ fails: false });
    call('remember').settle({ fails: false, value: false });

    expect((await answer).body).toMatchObject({
      status: 'duplicate',
      events: [{ id: '55521609', status: 'duplicate' }],
    });
    // On the queue once more: the ledger fast path answers it without a vendor call
    // (test/integration/engine/request-budget.test.ts, "already injected and unchanged").
    expect(sent).toHaveLength(1);
    expect(calls.map((c) => c.name)).not.toContain('forget');
  });

  it('answers duplicate without forgetting when the send fails for a delivery the log knew', async () => {
    // The key is the earlier delivery's: it queued the event, or it forgets the key and answers 503 itself.
    const { answer, call, calls } = received();
    await inFlight();
    call('send').settle({ fails: true });
    call('remember').settle({ fails: false, value: false });

    expect((await answer).body).toMatchObject({ status: 'duplicate' });
    expect(calls.map((c) => c.name)).not.toContain('forget');
  });
});
