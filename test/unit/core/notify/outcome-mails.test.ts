import { describe, expect, it } from 'vitest';
import { FailReason } from '#functions/core/domain/reasons';
import { type EventResult, markIncomplete, summarise } from '#functions/core/engine/results';
import type { MoneySummary } from '#functions/core/money/money-summary';
import { deletedEventMail, poisonMessageMail } from '#functions/core/notify/alert-mails';
import { digestMail, failedMail, injectedMail } from '#functions/core/notify/outcome-mails';
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

/** Event 55521609's order: 131.00 of items, 10.97 tax, nothing paid. */
const ponderMoney = (extra: Partial<MoneySummary> = {}): MoneySummary => ({
  location: 'Downtown',
  establishmentId: 4,
  items: [
    { quantity: 8, name: 'Maple Bar', unitCents: 250, totalCents: 2000 },
    { quantity: 12, name: 'Glazed Donut', unitCents: 200, totalCents: 2400 },
    { quantity: 12, name: 'Coffee Service (per guest)', unitCents: 350, totalCents: 4200 },
    { quantity: 1, name: 'Fruit Platter', unitCents: 4500, totalCents: 4500 },
  ],
  subtotalCents: 13100,
  discounts: [],
  charges: [],
  taxCents: 1097,
  totalCents: 14197,
  paidCents: 0,
  dueCents: 14197,
  ...extra,
});

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

describe('injectedMail with the money', () => {
  it('shows the location, an items table and the totals of event 55521609, in both parts', () => {
    const mail = injectedMail(settings, result({ money: ponderMoney() }), 'corr-1');
    expect(mail.text).toContain('Location: Downtown (Revel establishment 4).');
    expect(mail.text).toContain(
      [
        'Items:',
        'Qty  Item                         Unit  Total',
        '  8  Maple Bar                    2.50  20.00',
        ' 12  Glazed Donut                 2.00  24.00',
        ' 12  Coffee Service (per guest)   3.50  42.00',
        '  1  Fruit Platter               45.00  45.00',
      ].join('\n'),
    );
    expect(mail.text).toContain(
      [
        'Totals:',
        'Subtotal  131.00',
        'Tax        10.97',
        'Total     141.97',
        'Paid        0.00',
        'Due       141.97',
      ].join('\n'),
    );
    expect(mail.html).toContain(
      '<th style="border:1px solid #ccc;padding:4px 8px;text-align:left">Item</th>',
    );
    expect(mail.html).toContain('text-align:right">141.97</td>');
    expect(mail.text.indexOf('Totals:')).toBeLessThan(mail.text.indexOf('Correlation id: corr-1'));
  });

  it('shows each discount and charge, what was paid with which tender, and what is due', () => {
    const money = ponderMoney({
      items: [
        { quantity: 40, name: 'Bagel Platter', unitCents: 5000, totalCents: 199000, lineDiscountCents: 1000 },
      ],
      subtotalCents: 199000,
      discounts: [{ name: 'Loyalty', cents: 2000 }],
      charges: [{ name: 'Service Charge (20%)', cents: 39400 }],
      taxCents: 0,
      totalCents: 236400,
      paidCents: 50000,
      dueCents: 186400,
      tender: 'Revel payment type 7',
    });
    const mail = injectedMail(settings, result({ money }), 'corr-1');
    expect(mail.text).toContain('Bagel Platter (line discount 10.00)  50.00  1,990.00');
    expect(mail.text).toMatch(/Discount: Loyalty +-20\.00/);
    expect(mail.text).toMatch(/Service Charge \(20%\) +394\.00/);
    expect(mail.text).toMatch(/Paid \(Revel payment type 7\) +500\.00/);
    expect(mail.text).toMatch(/Due +1,864\.00/);
  });

  it('escapes an item name full of markup in the HTML', () => {
    const money = ponderMoney({ items: [{ quantity: 1, name: HOSTILE, unitCents: 100, totalCents: 100 }] });
    const mail = injectedMail(settings, result({ money }), 'corr-1');
    expect(mail.html).not.toContain('<script>');
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

describe('failedMail for the money reasons', () => {
  it.each([
    [FailReason.DISCOUNT_NOT_CONFIGURED, '`discountId`'],
    [FailReason.UNMAPPED_CHARGES, '`charges.mapping`'],
    [FailReason.PAYMENT_NOT_CONFIGURED, '`tenderId`'],
  ])('tells what to add to the location’s settings for %s, and that nothing reached Revel', (reason, key) => {
    const text = failedMail(settings, failure({ reason }), 'c', 'queue').text;
    expect(text).toContain(key);
    expect(text).toContain("that location's `locations[].revel` in the sync config");
    expect(text).toContain('Nothing was written to Revel.');
  });

  it('tells what to check in Revel on a reconciliation mismatch, and that it is not retried', () => {
    const mail = failedMail(settings, failure({ reason: FailReason.RECONCILIATION_MISMATCH }), 'c', 'queue');
    expect(mail.text).toContain(
      'open the order in Revel and check its items, discount, service charges, tax',
    );
    expect(mail.text).toContain('It is not retried');
  });

  it('says "not checked" beside a figure Revel did not return, rather than leaving it blank', () => {
    const details = {
      figures: [
        { label: 'final total', tripleseatCents: 14197, revelCents: 13100 },
        { label: 'tax', tripleseatCents: 1097, notChecked: true },
      ],
    };
    const mail = failedMail(
      settings,
      failure({ reason: FailReason.RECONCILIATION_MISMATCH, details }),
      'c',
      'queue',
    );
    expect(mail.text).toMatch(/tax +10\.97 +not checked/);
    expect(mail.html).toContain('not checked');
  });

  it('shows TripleSeat and Revel figures side by side when the outcome carries both', () => {
    const details = {
      figures: [
        { label: 'Final total', tripleseatCents: 14197, revelCents: 13100 },
        { label: 'Tax', tripleseatCents: 1097, revelCents: 0 },
        { label: 'Payments', tripleseatCents: 0 },
      ],
    };
    const mail = failedMail(
      settings,
      failure({ reason: FailReason.RECONCILIATION_MISMATCH, details }),
      'c',
      'queue',
    );
    expect(mail.text).toContain(
      [
        'Figures:',
        '             TripleSeat   Revel',
        'Final total      141.97  131.00',
        'Tax               10.97    0.00',
        'Payments           0.00',
      ].join('\n'),
    );
    expect(mail.html).toContain('>TripleSeat</th>');
    expect(mail.html).toContain('>Revel</th>');
  });

  it('shows a TripleSeat column alone for totals that do not add up', () => {
    const details = {
      figures: [
        { label: 'Parts add up to', tripleseatCents: 23108 },
        { label: 'Grand total', tripleseatCents: 24108 },
      ],
    };
    const mail = failedMail(settings, failure({ reason: 'TOTALS_DO_NOT_ADD_UP', details }), 'c', 'manual');
    expect(mail.text).toContain('Grand total          241.08');
    expect(mail.html).not.toContain('>Revel</th>');
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

  it('says how many injected and failed events a run too big to list left out, and totals only those listed', () => {
    const listed = [result({ money: ponderMoney() }), failure({ id: '700' })];
    const counted = summarise('bulk', 'corr-run', false, listed);
    const summary = {
      ...counted,
      summary: { ...counted.summary, queried: 302, injected: 301 },
      events_omitted: 300,
    };
    const mail = digestMail(settings, { runId: 'sched-2', trigger: 'schedule', hoursBack: 48 }, summary);
    expect(mail.subject).toBe('[TripleSeat→Revel] Scheduled run sched-2: 301 injected, 1 failed');
    expect(mail.text).toContain('300 of the injected and failed events are counted but not listed below');
    expect(mail.text).toContain('Injected orders listed below (1): total 141.97');
  });

  it('lists each injected event with its location, Revel order, total, paid and due', () => {
    const events = [
      result({ money: ponderMoney() }),
      result({
        id: '55521610',
        name: 'Alvarez Sales Kickoff',
        revel_order_id: '10684119',
        money: ponderMoney({ totalCents: 203745, paidCents: 50000, dueCents: 153745 }),
      }),
      failure({ id: '700' }),
    ];
    const summary = summarise('bulk', 'corr-run', false, events);
    const mail = digestMail(settings, { runId: 'sched-1', trigger: 'schedule', hoursBack: 48 }, summary);
    expect(mail.text).toContain(
      '- 55521609 | Jon Ponder - Birthday | 2026-11-27T18:00:00 | injected | Downtown | 10684118 | Total 141.97 | Paid 0.00 | Due 141.97',
    );
    expect(mail.text).toContain('| 10684119 | Total 2,037.45 | Paid 500.00 | Due 1,537.45');
    expect(mail.text).toContain('Injected orders: total 2,179.42, paid 500.00, due 1,679.42.');
    expect(mail.text).not.toContain('Maple Bar');
    expect(mail.html).toContain('>Revel order</th>');
  });

  it('keeps the run summary free of items tables, and one line per event for a run of 60', () => {
    const events = Array.from({ length: 60 }, (_, i) =>
      result({ id: String(55_600_000 + i), revel_order_id: String(10_700_000 + i), money: ponderMoney() }),
    );
    const summary = summarise('bulk', 'corr-run', false, events);
    expect(summary.events.every((e) => e.money !== undefined && e.money.items === undefined)).toBe(true);
    const mail = digestMail(settings, { runId: 'sched-1', trigger: 'schedule', hoursBack: 48 }, summary);
    expect(mail.text.split('\n').filter((line) => line.startsWith('- 556'))).toHaveLength(60);
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

describe('digestMail, with events that will not reach Revel today', () => {
  it('lists them apart with their reason, and says what to do', () => {
    const tentative = result({
      id: '55521614',
      name: "O'Brien Rehearsal Dinner",
      date: '2026-12-07T19:00:00',
      status: 'skipped',
      revel_order_id: null,
      reason: 'STATUS_NOT_ELIGIBLE',
      error: 'status TENTATIVE is not one of DEFINITE, CLOSED',
    });
    const summary = summarise('bulk', 'corr-run', false, [result(), tentative]);
    const mail = digestMail(
      settings,
      { runId: 'sched-1', trigger: 'schedule', hoursBack: 48, notWrittenToday: [tentative] },
      summary,
    );
    expect(mail.text).toContain('1 event today is not going to Revel as it stands');
    expect(mail.text).toContain('Not going to Revel today:');
    expect(mail.text).toContain(
      "- 55521614 | O'Brien Rehearsal Dinner | 2026-12-07T19:00:00 | STATUS_NOT_ELIGIBLE | status TENTATIVE is not one of DEFINITE, CLOSED",
    );
    expect(mail.html).toContain('Not going to Revel today');
  });
});
