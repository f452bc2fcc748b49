import { load } from 'cheerio/slim';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type PublicEvent, type Sandboxes, startSandboxes } from '../../../dev/sandbox';
import { sandboxAccessToken } from '../../support/sandbox-token';

// Noon in Los Angeles: the money events are dated today. 55521621 is paid in full: a deposit of
// 100.00 and a payment of 267.79.
const sandboxes: Sandboxes = await startSandboxes({
  now: () => new Date('2025-12-28T20:00:00Z'),
  tripleseatPerSecond: 1000,
});
const base = sandboxes.env.TRIPLESEAT_API_URL;
afterEach(() => sandboxes.reset());
afterAll(() => sandboxes.close());

const token = await sandboxAccessToken(sandboxes);

async function served(id: number): Promise<PublicEvent> {
  const response = await fetch(`${base}/v1/events/${id}.json?show_financial=true`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await response.json()) as { event: PublicEvent }).event;
}

const postBehaviour = async (body: unknown) => {
  const response = await fetch(`${base}/__sandbox/behaviour`, { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('the TripleSeat sandbox serves the public shapes by default', () => {
  it('names documents by title and lists payments in the payment set, with deposit_amount on the event', async () => {
    const event = await served(55521621);
    const [invoice] = event.documents;
    expect(invoice).toMatchObject({ title: 'Invoice' });
    expect(invoice).not.toHaveProperty('name');
    expect(event).not.toHaveProperty('payments');
    expect(event.deposit_amount).toBe('100.00');
    expect(invoice?.payment_set?.payments.map((p) => [p.billing_kind, p.amount, p.state])).toEqual([
      ['deposit', '100.00', 'paid'],
      ['payment', '267.79', 'paid'],
    ]);
  });

  it('restores the defaults on reset', async () => {
    sandboxes.tripleseat.behave({
      paymentsIn: 'event',
      documentName: 'name',
      invoicePaymentRows: true,
      updatedAtFormat: 'us-minute',
    });
    sandboxes.reset();
    expect(sandboxes.tripleseat.behaviour()).toEqual({
      paymentsIn: 'payment_set',
      documentName: 'title',
      invoicePaymentRows: false,
      notesWritable: true,
      updatedAtFormat: 'iso',
    });
  });
});

describe('TripleSeatSandbox.behave', () => {
  it("paymentsIn 'event' lists payments on the event, as first guessed, and no payment set", async () => {
    sandboxes.tripleseat.behave({ paymentsIn: 'event' });
    const event = await served(55521621);
    expect(event.payments?.map((p) => [p.kind, p.amount, p.date])).toEqual([
      ['deposit', '100.00', '12/18/2025'],
      ['payment', '267.79', '12/27/2025'],
    ]);
    expect(event.documents[0]).not.toHaveProperty('payment_set');
  });

  it("paymentsIn 'deposit_amount' itemises nothing: only the event's deposit_amount", async () => {
    sandboxes.tripleseat.behave({ paymentsIn: 'deposit_amount' });
    const event = await served(55521621);
    expect(event).not.toHaveProperty('payments');
    expect(event.documents[0]).not.toHaveProperty('payment_set');
    expect(event).toMatchObject({ deposit_amount: '100.00', amount_due: '0.00' });
  });

  it("documentName 'name' names documents by name instead of title", async () => {
    sandboxes.tripleseat.behave({ documentName: 'name' });
    const [proposal, invoice] = (await served(55521623)).documents;
    expect([proposal?.name, invoice?.name]).toEqual(['Proposal', 'Invoice']);
    expect(invoice).not.toHaveProperty('title');
  });

  it('invoicePaymentRows lists each payment on the invoice page, then their total', async () => {
    sandboxes.tripleseat.behave({ invoicePaymentRows: true });
    const url = (await served(55521621)).documents[0]?.views[0]?.url ?? '';
    const $ = load(await (await fetch(url)).text());
    const rows = $('table.totals tr')
      .toArray()
      .map((row) =>
        $(row)
          .find('td')
          .toArray()
          .map((td) => $(td).text().trim()),
      );
    expect(rows.slice(-4)).toEqual([
      ['Deposit received 12/18/2025', '-$100.00'],
      ['Payment received 12/27/2025', '-$267.79'],
      ['Total Payments', '-$367.79'],
      ['Balance Due', '$0.00'],
    ]);
  });
});

describe('POST /__sandbox/behaviour', () => {
  it('switches the TripleSeat sandbox on a running npm start and answers the switches now', async () => {
    const answer = await postBehaviour({ tripleseat: { paymentsIn: 'event' } });
    expect(answer.status).toBe(200);
    expect(answer.body.tripleseat).toEqual({
      paymentsIn: 'event',
      documentName: 'title',
      invoicePaymentRows: false,
      notesWritable: true,
      updatedAtFormat: 'iso',
    });
    // Every vendor's switches in force come back, so one answer shows the whole set-up.
    expect(answer.body.revel).toMatchObject({ closeFlipsOrder: false });
    expect((await served(55521621)).payments).toHaveLength(2);
  });

  it('refuses a switch it does not know, naming it, and changes nothing', async () => {
    const answer = await postBehaviour({ tripleseat: { paymentsIn: 'somewhere' } });
    expect(answer.status).toBe(400);
    expect(String(answer.body.error)).toContain('tripleseat.paymentsIn');
    expect(sandboxes.tripleseat.behaviour().paymentsIn).toBe('payment_set');
  });
});
