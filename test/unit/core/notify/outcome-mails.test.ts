import { describe, expect, it } from 'vitest';
import { type EventResult, markIncomplete, summarise } from '../../../../functions/core/engine/results';
import { deletedEventMail, poisonMessageMail } from '../../../../functions/core/notify/alert-mails';
import { digestMail, failedMail, injectedMail } from '../../../../functions/core/notify/outcome-mails';
import { testConfig } from '../../../support/builders';
import { NOTIFICATIONS } from '../../../support/fake-sync-handler-deps';

const settings = testConfig({ notifications: NOTIFICATIONS }).notifications as NonNullable<
  ReturnType<typeof testConfig>['notifications']
>;

const HOSTILE = '<script>alert("x")</script> & Co\'s party';

function result(extra: Partial<EventResult> = {}): EventResult {
  return {
    id: '55521609',
    name: 'Jon Ponder - Birthday',
    date: '2026-11-27T18:00:00',
    status: 'injected',
    revel_order_id: '10684118',
    reason: null,
    error: null,
    ...extra,
  };
}

const failure = (extra: Partial<EventResult> = {}) =>
  result({
    status: 'failed',
    revel_order_id: null,
    reason: 'UNMAPPED_ITEMS',
    error: 'no Revel product for: Unicorn Cake',
    retryable: false,
    ...extra,
  });

describe('injectedMail', () => {
  it('names the event and its Revel order, from and to the configured addresses', () => {
    const mail = injectedMail(settings, result(), 'corr-1');
    expect(mail).toMatchObject({
      from: 'sync@example.com',
      to: ['ops@example.com'],
      subject: '[TripleSeat→Revel] Injected event 55521609 as Revel order 10684118',
      correlationId: 'corr-1',
    });
    expect(mail.text).toContain('"Jon Ponder - Birthday" on 2026-11-27T18:00:00');
    expect(mail.text).toContain('Correlation id: corr-1');
    expect(mail.html).toContain('10684118');
  });

  it('escapes an event name full of markup in the HTML, and keeps it readable in the text', () => {
    const mail = injectedMail(settings, result({ name: HOSTILE }), 'corr-1');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&#39;s party');
    expect(mail.text).toContain(HOSTILE);
  });
});

describe('failedMail', () => {
  it('gives the reason, the error, that no retry will come, and what to do about unmapped items', () => {
    const mail = failedMail(settings, failure(), 'corr-2', 'queue');
    expect(mail.subject).toBe('[TripleSeat→Revel] Failed to inject event 55521609: UNMAPPED_ITEMS');
    expect(mail.text).toContain('Error: no Revel product for: Unicorn Cake');
    expect(mail.text).toContain('will not be retried');
    expect(mail.text).toContain('items.mapping');
  });

  it('says the retries are used up for a retryable queue failure, and that nothing retries a manual one', () => {
    const transient = failure({ reason: 'REVEL_UNAVAILABLE', error: 'Revel answered 503', retryable: true });
    expect(failedMail(settings, transient, 'c', 'queue').text).toContain('dead-letter queue');
    expect(failedMail(settings, transient, 'c', 'manual').text).toContain('started by hand');
  });

  it('escapes vendor text in the HTML', () => {
    const mail = failedMail(
      settings,
      failure({ error: 'no Revel product for: <img src=x onerror=1>' }),
      'c',
      'manual',
    );
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=1&gt;');
  });
});

describe('digestMail', () => {
  it('counts the run and lists only the injected and failed events, escaped', () => {
    const events = [
      result({ name: HOSTILE }),
      failure({ id: '700' }),
      result({ id: '600', status: 'skipped', revel_order_id: null, reason: 'TOO_EARLY' }),
    ];
    const summary = summarise('bulk', 'corr-run', false, events);
    const mail = digestMail(settings, { runId: 'sched-1', trigger: 'schedule', hoursBack: 48 }, summary);
    expect(mail.subject).toBe('[TripleSeat→Revel] Scheduled run sched-1: 1 injected, 1 failed');
    expect(mail.text).toContain('Queried 3: 1 injected, 1 skipped, 1 failed, 0 in progress.');
    expect(mail.text).toContain('- 700 | Jon Ponder - Birthday');
    expect(mail.text).not.toContain('TOO_EARLY');
    expect(mail.html).toContain('<table');
    expect(mail.html).not.toContain('<script>');
    expect(mail.correlationId).toBe('corr-run');
  });

  it('says how many events the time limit left unreached, and that the next run continues', () => {
    const summary = markIncomplete(summarise('bulk', 'corr-run', false, [result()]), 1);
    const mail = digestMail(settings, { runId: 'sched-1', trigger: 'schedule', hoursBack: 168 }, summary);
    expect(mail.subject).toBe(
      '[TripleSeat→Revel] Scheduled run sched-1: 1 injected, 0 failed, 1 not reached',
    );
    expect(mail.text).toContain(
      '1 event was not reached before the time limit; the next scheduled run (or a new manual run) continues.',
    );
  });
});

describe('alert mails', () => {
  it('asks a person to review the order of a deleted event, promising no automatic void', () => {
    const mail = deletedEventMail(settings, { eventId: '55521609', revelOrderId: '10684118' }, 'corr-d');
    expect(mail.subject).toBe(
      '[TripleSeat→Revel] Event 55521609 deleted in TripleSeat; Revel order 10684118 still exists',
    );
    expect(mail.text).toContain('We never void orders automatically');
  });

  it('reports a dropped poison message by id and keeps its subject on one line', () => {
    const mail = poisonMessageMail(settings, {
      messageId: 'm-1\r\nBcc: evil@example.com',
      problem: 'not JSON',
    });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain('not JSON');
  });
});
