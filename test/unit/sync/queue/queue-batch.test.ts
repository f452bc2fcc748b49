import { describe, expect, it } from 'vitest';
import { DELETE_EVENT } from '#functions/core/contract/triggers';
import { VendorError } from '#functions/core/domain/errors';
import type { Ledger } from '#functions/core/ports/ledger';
import { processQueueBatch } from '#functions/sync/queue/queue-batch';
import { item, tsEvent, withItem } from '../../../support/builders';
import {
  eventMessage,
  fakeSyncHandlerDeps,
  sqsEvent,
  sqsRecord,
} from '../../../support/fake-sync-handler-deps';
import { drainQueue } from '../../../support/run-to-end';

const EVENT_ID = '55521609';
const unavailable = () =>
  new VendorError('tripleseat', 'TRIPLESEAT_UNAVAILABLE', 503, true, 'TripleSeat answered 503');

function unmappedEvent() {
  return withItem(tsEvent(), item('Unicorn Cake', 1, 4500));
}

describe('the read-back shared by a queue batch', () => {
  const ids = ['55521609', '55521610', '55521611'];
  const threeEvents = () => ids.map((id) => tsEvent({ id }));
  const batchOfThree = () =>
    sqsEvent(...ids.map((id) => sqsRecord(eventMessage(id), { messageId: `msg-${id}` })));

  it("reads the batch's new orders back together: one Order list and one OrderItem list, no order alone", async () => {
    const { deps, revel } = fakeSyncHandlerDeps({ events: threeEvents() });
    const answer = await processQueueBatch(batchOfThree(), deps, 'req-1');
    expect(answer.batchItemFailures).toEqual([]);
    expect(revel.orders).toHaveLength(3);
    expect(revel.callCount('listOrdersById')).toBe(1);
    expect(revel.callCount('listItemsOfOrders')).toBe(1);
    expect(revel.callCount('getOrder')).toBe(0);
    expect(revel.callCount('listOrderItems')).toBe(0);
  });

  it('reads each order alone when the shared read fails, with the same reconciliation', async () => {
    const { deps, revel, logs } = fakeSyncHandlerDeps({ events: threeEvents() });
    revel.failNext('listItemsOfOrders', 'unavailable');
    const answer = await processQueueBatch(batchOfThree(), deps, 'req-1');
    expect(answer.batchItemFailures).toEqual([]);
    expect(revel.orders).toHaveLength(3);
    expect(revel.callCount('getOrder')).toBe(3);
    expect(revel.callCount('listOrderItems')).toBe(3);
    expect(
      logs().filter((l) => l.message === 'shared read-back failed; reading each order alone'),
    ).toHaveLength(1);
  });

  it('fails an order whose shared read-back differs from the plan, as a read alone would', async () => {
    const { deps, revel } = fakeSyncHandlerDeps({ events: threeEvents() });
    const listItemsOfOrders = revel.listItemsOfOrders.bind(revel);
    // The items of the first order written come back at another price.
    revel.listItemsOfOrders = async (orderIds) =>
      (await listItemsOfOrders(orderIds)).map((item) =>
        item.orderId === orderIds[0] ? { ...item, priceCents: (item.priceCents ?? 0) + 100 } : item,
      );
    await processQueueBatch(batchOfThree(), deps, 'req-1');
    const outcomes = await Promise.all(ids.map((id) => deps.engine.ledger.get(id)));
    expect(outcomes.map((o) => o?.status).sort()).toEqual(['failed', 'injected', 'injected']);
    expect(outcomes.find((o) => o?.status === 'failed')?.reason).toBe('RECONCILIATION_MISMATCH');
  });
});

describe('processQueueBatch', () => {
  it('injects a queued event and mails the injection under the message’s correlation id', async () => {
    const { deps, revel, mailer } = fakeSyncHandlerDeps();
    const answer = await processQueueBatch(sqsEvent(sqsRecord(eventMessage(EVENT_ID))), deps, 'req-1');
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(revel.orders).toHaveLength(1);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.subject).toBe(
      `[TripleSeat→Revel] Injected event ${EVENT_ID} as Revel order ${revel.orders[0]?.id}`,
    );
    expect(mailer.sent[0]?.correlationId).toBe(`corr-${EVENT_ID}`);
  });

  it('drops poison messages with an alert while the good message of the same batch succeeds', async () => {
    const { deps, revel, mailer, logs } = fakeSyncHandlerDeps();
    const batch = sqsEvent(
      sqsRecord('{not json', { messageId: 'poison-1' }),
      sqsRecord({ kind: 'event', eventId: 'abc', trigger: 'UPDATE_EVENT' }, { messageId: 'poison-2' }),
      sqsRecord(eventMessage(EVENT_ID), { messageId: 'good' }),
    );
    const answer = await processQueueBatch(batch, deps, 'req-1');
    expect(answer.batchItemFailures).toEqual([]);
    expect(revel.orders).toHaveLength(1);
    const subjects = mailer.sent.map((m) => m.subject);
    expect(subjects).toContain('[TripleSeat→Revel] Unreadable sync queue message poison-1 dropped');
    expect(subjects).toContain('[TripleSeat→Revel] Unreadable sync queue message poison-2 dropped');
    const dropped = logs().filter((l) => l.message === 'poison queue message dropped');
    expect(dropped.map((l) => l.message_id)).toEqual(['poison-1', 'poison-2']);
  });

  it('drops an event message whose trigger the verifier never enqueues, syncing nothing', async () => {
    const { deps, revel, tripleseat, logs } = fakeSyncHandlerDeps();
    const lead = { ...eventMessage(EVENT_ID), trigger: 'CREATE_LEAD' };
    const answer = await processQueueBatch(sqsEvent(sqsRecord(lead, { messageId: 'lead' })), deps, 'req-1');
    expect(answer.batchItemFailures).toEqual([]);
    expect(tripleseat.calls).toBe(0);
    expect(revel.orders).toHaveLength(0);
    const dropped = logs().find((l) => l.message === 'poison queue message dropped');
    expect(dropped).toMatchObject({ message_id: 'lead', problem: expect.stringContaining('"trigger"') });
  });

  it('reports a retryable failure so SQS retries it, and mails nobody before the last receive', async () => {
    const { deps, tripleseat, mailer, queue } = fakeSyncHandlerDeps();
    tripleseat.failures.set(EVENT_ID, unavailable());
    const answer = await processQueueBatch(
      sqsEvent(sqsRecord(eventMessage(EVENT_ID), { receiveCount: 2 })),
      deps,
      'req-1',
    );
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    expect(mailer.sent).toHaveLength(0);
    // The queue's visibility timeout is the back-off: the message is not shown again early.
    expect(queue.shownAgain).toEqual([]);
  });

  it('mails a retryable failure on the last receive and still reports it, so it reaches the DLQ', async () => {
    const { deps, tripleseat, mailer } = fakeSyncHandlerDeps();
    tripleseat.failures.set(EVENT_ID, unavailable());
    const answer = await processQueueBatch(
      sqsEvent(sqsRecord(eventMessage(EVENT_ID), { receiveCount: 5 })),
      deps,
      'req-1',
    );
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.subject).toContain('Failed to inject event 55521609: TRIPLESEAT_UNAVAILABLE');
    expect(mailer.sent[0]?.text).toContain('dead-letter queue');
  });

  it('acknowledges a failure no retry can fix, recorded in the ledger and mailed with what to do', async () => {
    const { deps, ledger, mailer } = fakeSyncHandlerDeps({ events: [unmappedEvent()] });
    const answer = await processQueueBatch(sqsEvent(sqsRecord(eventMessage(EVENT_ID))), deps, 'req-1');
    expect(answer.batchItemFailures).toEqual([]);
    expect(await ledger.get(EVENT_ID)).toMatchObject({ status: 'failed', reason: 'UNMAPPED_ITEMS' });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.text).toContain('Unicorn Cake');
    expect(mailer.sent[0]?.text).toContain('items.mapping');
  });

  it('retries an event whose lease another sync holds, writing nothing now', async () => {
    const { deps, ledger, revel } = fakeSyncHandlerDeps();
    await ledger.acquireLease(EVENT_ID, 'webhook-sync', 60_000);
    const answer = await processQueueBatch(sqsEvent(sqsRecord(eventMessage(EVENT_ID))), deps, 'req-1');
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    expect(revel.orders).toHaveLength(0);
  });

  it('leaves an event still held elsewhere to that sync on the last receive instead of dead-lettering it', async () => {
    const { deps, ledger } = fakeSyncHandlerDeps();
    await ledger.acquireLease(EVENT_ID, 'webhook-sync', 60_000);
    const answer = await processQueueBatch(
      sqsEvent(sqsRecord(eventMessage(EVENT_ID), { receiveCount: 5 })),
      deps,
      'req-1',
    );
    expect(answer.batchItemFailures).toEqual([]);
  });

  it('hands a settling Revel create back to SQS: not mailed as failed, no failure streak, nothing re-sent', async () => {
    const { deps, revel, mailer, failureStreak } = fakeSyncHandlerDeps();
    revel.failNext('createOrder', 'unavailable');
    const first = await processQueueBatch(sqsEvent(sqsRecord(eventMessage(EVENT_ID))), deps, 'req-1');
    const again = await processQueueBatch(
      sqsEvent(sqsRecord(eventMessage(EVENT_ID), { receiveCount: 2 })),
      deps,
      'req-2',
    );
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    expect(again.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    expect(revel.callCount('createOrder')).toBe(1);
    expect(mailer.sent).toHaveLength(0);
    expect(failureStreak.streak).toBe(0);
  });

  it('answers a redelivered event from the ledger with no second order and no second mail', async () => {
    const { deps, revel, mailer } = fakeSyncHandlerDeps();
    await processQueueBatch(sqsEvent(sqsRecord(eventMessage(EVENT_ID))), deps, 'req-1');
    const again = await processQueueBatch(sqsEvent(sqsRecord(eventMessage(EVENT_ID))), deps, 'req-2');
    expect(again.batchItemFailures).toEqual([]);
    expect(revel.orders).toHaveLength(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('alerts about a deleted event that was injected, and never touches its Revel order', async () => {
    const { deps, revel, tripleseat, mailer, logs } = fakeSyncHandlerDeps();
    await processQueueBatch(sqsEvent(sqsRecord(eventMessage(EVENT_ID))), deps, 'req-1');
    const orderId = revel.orders[0]?.id;
    const revelCalls = revel.calls.length;
    const tripleseatCalls = tripleseat.calls;
    const deleted = eventMessage(EVENT_ID, { trigger: DELETE_EVENT, correlationId: 'corr-del' });
    const answer = await processQueueBatch(sqsEvent(sqsRecord(deleted)), deps, 'req-2');
    expect(answer.batchItemFailures).toEqual([]);
    expect(revel.calls.length).toBe(revelCalls);
    expect(tripleseat.calls).toBe(tripleseatCalls);
    const alert = mailer.sent.at(-1);
    expect(alert?.subject).toBe(
      `[TripleSeat→Revel] Event ${EVENT_ID} deleted in TripleSeat; Revel order ${orderId} still exists`,
    );
    expect(alert?.text).toContain('We never void orders');
    expect(alert?.correlationId).toBe('corr-del');
    expect(logs().some((l) => l.level === 'warn' && l.correlation_id === 'corr-del')).toBe(true);
  });

  it('alerts about a deleted event whose order was left half-written by a failed sync', async () => {
    const { deps, revel, mailer } = fakeSyncHandlerDeps();
    revel.failNext('createOrderItem', 'rejected');
    await processQueueBatch(sqsEvent(sqsRecord(eventMessage(EVENT_ID))), deps, 'req-1');
    const orderId = revel.orders[0]?.id;
    const deleted = eventMessage(EVENT_ID, { trigger: DELETE_EVENT });
    await processQueueBatch(sqsEvent(sqsRecord(deleted)), deps, 'req-2');
    expect(mailer.sent.at(-1)?.subject).toContain(`Revel order ${orderId} still exists`);
  });

  it('alerts about a deleted event whose Revel order the old connector made, saying whose it is', async () => {
    const { deps, revel, mailer, logs } = fakeSyncHandlerDeps();
    const legacy = revel.seedOrder({
      local_id: `Triple Seat ${EVENT_ID}`,
      establishment: '/enterprise/Establishment/4/',
    });
    await processQueueBatch(sqsEvent(sqsRecord(eventMessage(EVENT_ID))), deps, 'req-1');
    const deleted = eventMessage(EVENT_ID, { trigger: DELETE_EVENT });

    await processQueueBatch(sqsEvent(sqsRecord(deleted)), deps, 'req-2');

    expect(revel.orders).toHaveLength(1);
    expect(mailer.sent.at(-1)?.subject).toContain(`Revel order ${legacy.id} still exists`);
    expect(logs()).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'event deleted in TripleSeat with an order someone else made; Revel order left for review',
        revel_order_id: String(legacy.id),
      }),
    );
  });

  it('records the deletion of an event never injected, without syncing it or mailing anyone', async () => {
    const { deps, tripleseat, ledger, mailer } = fakeSyncHandlerDeps();
    const deleted = eventMessage(EVENT_ID, { trigger: DELETE_EVENT });
    const answer = await processQueueBatch(sqsEvent(sqsRecord(deleted)), deps, 'req-1');
    expect(answer.batchItemFailures).toEqual([]);
    expect(tripleseat.calls).toBe(0);
    expect(mailer.sent).toHaveLength(0);
    expect(await ledger.get(EVENT_ID)).toMatchObject({ status: 'skipped', reason: 'EVENT_DELETED' });
  });

  it('reports a message whose handling throws unexpectedly, and only that one', async () => {
    const { deps, ledger } = fakeSyncHandlerDeps({ events: [tsEvent(), tsEvent({ id: '777' })] });
    const flaky: Ledger = Object.create(ledger);
    flaky.acquireLease = async (eventId, holder, ttlMs) => {
      if (eventId === '777') throw new Error('ledger unreachable');
      return ledger.acquireLease(eventId, holder, ttlMs);
    };
    deps.engine = { ...deps.engine, ledger: flaky };
    const batch = sqsEvent(
      sqsRecord(eventMessage('777'), { messageId: 'broken' }),
      sqsRecord(eventMessage(EVENT_ID), { messageId: 'fine' }),
    );
    const answer = await processQueueBatch(batch, deps, 'req-1');
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'broken' }]);
  });

  it('still acknowledges the message when its mail cannot be sent, logging no address', async () => {
    const { deps, revel, mailer, logLines } = fakeSyncHandlerDeps();
    mailer.failure = new Error('Email address is not verified: ops@example.com');
    const answer = await processQueueBatch(sqsEvent(sqsRecord(eventMessage(EVENT_ID))), deps, 'req-1');
    expect(answer.batchItemFailures).toEqual([]);
    expect(revel.orders).toHaveLength(1);
    const notSent = logLines.find((l) => l.includes('mail not sent'));
    expect(notSent).toBeDefined();
    expect(notSent).not.toContain('@');
  });

  it('still acknowledges the message when the failure streak cannot be recorded, logging why', async () => {
    const { deps, revel, failureStreak, logs } = fakeSyncHandlerDeps();
    failureStreak.failure = new Error('DynamoDB throttled');
    const answer = await processQueueBatch(sqsEvent(sqsRecord(eventMessage(EVENT_ID))), deps, 'req-1');
    expect(answer.batchItemFailures).toEqual([]);
    expect(revel.orders).toHaveLength(1);
    expect(logs()).toContainEqual(
      expect.objectContaining({
        message: 'outcome metrics not recorded',
        correlation_id: `corr-${EVENT_ID}`,
        error: 'DynamoDB throttled',
      }),
    );
  });

  it('logs every line of an event under its correlation id, with no guest email or phone', async () => {
    const { deps, logs, logLines } = fakeSyncHandlerDeps();
    await processQueueBatch(sqsEvent(sqsRecord(eventMessage(EVENT_ID))), deps, 'req-1');
    const eventLines = logs().filter((l) => l.event_id === EVENT_ID);
    expect(eventLines.length).toBeGreaterThan(0);
    for (const line of eventLines) expect(line.correlation_id).toBe(`corr-${EVENT_ID}`);
    const all = logLines.join('\n');
    expect(all).not.toContain('jon@example.com');
    expect(all).not.toContain('555-0100');
  });

  it('plans a queued manual bulk run once, even when SQS delivers it twice', async () => {
    const { deps, runs, revel, queue } = fakeSyncHandlerDeps();
    const message = {
      kind: 'bulk-run',
      runId: 'manual-1',
      hoursBack: 24,
      dryRun: false,
      correlationId: 'c-b',
    };
    await processQueueBatch(sqsEvent(sqsRecord(message)), deps, 'req-1');
    const writes = runs.writes.length;
    const again = await processQueueBatch(sqsEvent(sqsRecord(message)), deps, 'req-2');
    expect(again.batchItemFailures).toEqual([]);
    expect(runs.writes.length).toBe(writes);
    expect(queue.sent.filter((m) => m.kind === 'run-event')).toHaveLength(1);
    await drainQueue(deps);
    expect(await runs.getRun('manual-1')).toMatchObject({
      state: 'finished',
      trigger: 'manual',
      hoursBack: 24,
    });
    expect(revel.orders).toHaveLength(1);
  });

  it('acknowledges a queued bulk run that failed: the failure is in its run record for the operator', async () => {
    const { deps, runs, tripleseat } = fakeSyncHandlerDeps();
    tripleseat.searchFailure = new VendorError('tripleseat', 'TRIPLESEAT_AUTH', 401, false, 'token rejected');
    const message = {
      kind: 'bulk-run',
      runId: 'manual-2',
      hoursBack: 48,
      dryRun: false,
      correlationId: 'c-f',
    };
    const answer = await processQueueBatch(sqsEvent(sqsRecord(message)), deps, 'req-1');
    expect(answer.batchItemFailures).toEqual([]);
    expect(await runs.getRun('manual-2')).toMatchObject({ state: 'failed', error: 'token rejected' });
  });
});
