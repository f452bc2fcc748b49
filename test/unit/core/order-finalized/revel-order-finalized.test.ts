import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { eventIdFromLocalId } from '#functions/core/order/local-id';
import { receiveRevelOrderFinalized } from '#functions/core/order-finalized/revel-order-finalized';
import { revelSignatureValid } from '#functions/core/order-finalized/revel-signature';
import type { LedgerRecord } from '#functions/core/ports/ledger';
import { testConfig } from '../../../support/builders';
import { silentLogger } from '../../../support/silent-logger';

const SECRET = 'revel-webhook-secret-0123456789';
const sign = (body: string, secret = SECRET) => createHmac('sha1', secret).update(body).digest('hex');

describe('X-Revel-Signature', () => {
  it('accepts an HMAC-SHA1 of the body in hex with any configured secret, and nothing else', () => {
    const body = '{"orderInfo":{"id":5001}}';
    expect(revelSignatureValid(body, sign(body), ['another-secret-0123456789', SECRET])).toBe(true);
    expect(revelSignatureValid(body, `sha1=${sign(body).toUpperCase()}`, [SECRET])).toBe(true);
    expect(revelSignatureValid(`${body} `, sign(body), [SECRET])).toBe(false);
    expect(revelSignatureValid(body, sign(body, 'wrong-secret-0123456789'), [SECRET])).toBe(false);
    expect(revelSignatureValid(body, sign(body).slice(0, 39), [SECRET])).toBe(false);
    expect(revelSignatureValid(body, undefined, [SECRET])).toBe(false);
  });
});

describe('our event in a Revel local_id', () => {
  it('reads the event id back from the configured format, and nothing from another', () => {
    expect(eventIdFromLocalId('Triple Seat_{eventId}', 'Triple Seat_55521609')).toBe('55521609');
    expect(eventIdFromLocalId('TS-{eventId}-order', 'TS-42-order')).toBe('42');
    expect(eventIdFromLocalId('Triple Seat_{eventId}', 'Triple Seat 55521609')).toBeUndefined();
    expect(eventIdFromLocalId('Triple Seat_{eventId}', 'Triple Seat_abc')).toBeUndefined();
  });
});

describe("Revel's order.finalized", () => {
  const injected = { eventId: '55521609', status: 'injected', revelOrderId: '5001' } as LedgerRecord;
  const engine = (writeBack: boolean, record: LedgerRecord | undefined = injected) =>
    ({
      config: testConfig({ writeBack: { tripleseatNotes: writeBack } }),
      ledger: { get: async () => record },
      logger: silentLogger,
    }) as unknown as Omit<EngineDeps, 'holderId'>;
  const receive = (body: unknown, deps: Omit<EngineDeps, 'holderId'>, signature?: string) => {
    const rawBody = JSON.stringify(body);
    return receiveRevelOrderFinalized(
      { rawBody, signature: signature ?? sign(rawBody), correlationId: 'c' },
      { engine: deps, secrets: [SECRET], holderId: 'h' },
    );
  };
  const finalized = { orderInfo: { id: 5001, local_id: 'Triple Seat_55521609' }, items: [] };

  it('answers 401 to a body it cannot verify, before reading it', async () => {
    expect(await receive(finalized, engine(true), sign('other body'))).toEqual({
      statusCode: 401,
      body: { status: 'rejected', reason: 'SIGNATURE' },
    });
  });

  it('answers 400 to a signed body without an order', async () => {
    expect((await receive({ items: [] }, engine(true))).statusCode).toBe(400);
  });

  it('ignores an order that is not ours, one the ledger holds for another order, and everything with write-back off', async () => {
    const other = { orderInfo: { id: 5001, local_id: 'POS 17' } };
    expect((await receive(other, engine(true))).body).toEqual({ status: 'ignored', reason: 'NOT_OUR_ORDER' });
    const elsewhere = { ...injected, revelOrderId: '6000' } as LedgerRecord;
    expect((await receive(finalized, engine(true, elsewhere))).body).toMatchObject({
      reason: 'NOT_OUR_ORDER',
    });
    expect((await receive(finalized, engine(false))).body).toEqual({
      status: 'ignored',
      reason: 'WRITE_BACK_OFF',
    });
  });
});
