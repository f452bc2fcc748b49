import { describe, expect, it } from 'vitest';
import { parseWebhookPayload, WebhookPayloadError } from '#functions/core/intake/webhook-payload';

const parse = (body: unknown) => parseWebhookPayload(typeof body === 'string' ? body : JSON.stringify(body));

function failure(body: unknown): WebhookPayloadError {
  const result = parse(body);
  if (!(result instanceof WebhookPayloadError))
    throw new Error(`expected a parse failure, got ${JSON.stringify(result)}`);
  return result;
}

describe('parseWebhookPayload', () => {
  it('reads the trigger, event id and updated_at of an event delivery', () => {
    expect(
      parse({
        webhook_trigger_type: 'UPDATE_EVENT',
        event: { id: 55521609, updated_at: '2025-06-12T10:00:00-04:00' },
      }),
    ).toEqual({ trigger: 'UPDATE_EVENT', eventIds: ['55521609'], updatedAt: '2025-06-12T10:00:00-04:00' });
  });

  it('falls back to trigger_type, then type, when webhook_trigger_type is absent', () => {
    expect(parse({ trigger_type: 'CREATE_EVENT', event: { id: 1 } })).toMatchObject({
      trigger: 'CREATE_EVENT',
    });
    expect(parse({ type: 'DELETE_EVENT', event: { id: 1 } })).toMatchObject({ trigger: 'DELETE_EVENT' });
    expect(parse({ webhook_trigger_type: '', type: 'UPDATE_EVENT', event: { id: 1 } })).toMatchObject({
      trigger: 'UPDATE_EVENT',
    });
  });

  it('normalises the trigger name to upper case', () => {
    expect(parse({ webhook_trigger_type: ' update_event ', event: { id: 1 } })).toMatchObject({
      trigger: 'UPDATE_EVENT',
    });
  });

  it('accepts event ids sent as numeric strings', () => {
    expect(parse({ type: 'UPDATE_EVENT', event: { id: '55521609' } })).toMatchObject({
      eventIds: ['55521609'],
    });
  });

  it('fans a booking delivery out to every one of its event ids, once each', () => {
    const body = { webhook_trigger_type: 'CREATE_BOOKING', booking: { id: 9, event_ids: [11, '12', 11] } };
    expect(parse(body)).toEqual({ trigger: 'CREATE_BOOKING', eventIds: ['11', '12'], updatedAt: undefined });
  });

  it('reads the event id of a document delivery from document_layout or document', () => {
    expect(parse({ type: 'DOCUMENT_SIGNED', document_layout: { event_id: 21 } })).toMatchObject({
      eventIds: ['21'],
    });
    expect(parse({ type: 'SHARED_DOCUMENT', document: { event_id: '22' } })).toMatchObject({
      eventIds: ['22'],
    });
  });

  it('leaves updated_at undefined when the payload does not carry the event', () => {
    expect(parse({ type: 'DOCUMENT_SIGNED', document: { event_id: 22 } })).toMatchObject({
      updatedAt: undefined,
    });
  });

  it('tolerates null parts and fields it does not know', () => {
    const body = {
      type: 'UPDATE_EVENT',
      event: { id: 5, updated_at: null, name: 'Gala' },
      booking: null,
      extra: [1],
    };
    expect(parse(body)).toEqual({ trigger: 'UPDATE_EVENT', eventIds: ['5'], updatedAt: undefined });
  });

  it("reads the event id and updated_at from TripleSeat's published {message, object} envelope", () => {
    const body = {
      webhook_trigger_type: 'UPDATE_EVENT',
      message: 'Event was updated',
      object: { id: 55521610, status: 'DEFINITE', updated_at: '2026-07-01T10:30:00-07:00' },
    };
    expect(parse(body)).toEqual({
      trigger: 'UPDATE_EVENT',
      eventIds: ['55521610'],
      updatedAt: '2026-07-01T10:30:00-07:00',
    });
  });

  it('reads the event id and updated_at of a flat body for an event trigger', () => {
    const body = {
      webhook_trigger_type: 'STATUS_CHANGE_EVENT',
      id: '55521610',
      updated_at: '07/01/2026 10:30 AM',
    };
    expect(parse(body)).toEqual({
      trigger: 'STATUS_CHANGE_EVENT',
      eventIds: ['55521610'],
      updatedAt: '07/01/2026 10:30 AM',
    });
  });

  it('never reads the object id of a lead, a booking or a document as an event id', () => {
    for (const trigger of ['CREATE_LEAD', 'CREATE_BOOKING', 'UPDATE_EVENT_DOCUMENT']) {
      expect(failure({ webhook_trigger_type: trigger, message: 'x', object: { id: 793696 } })).toMatchObject({
        problem: 'NO_EVENT_ID',
        trigger,
      });
      expect(failure({ webhook_trigger_type: trigger, id: 793696 }).problem).toBe('NO_EVENT_ID');
    }
  });

  it('reads the events a booking or document object names, in the object envelope or flat', () => {
    expect(
      parse({ webhook_trigger_type: 'CHANGE_BOOKING_DATES', object: { id: 9, event_ids: [11, '12'] } }),
    ).toEqual({ trigger: 'CHANGE_BOOKING_DATES', eventIds: ['11', '12'], updatedAt: undefined });
    expect(
      parse({ webhook_trigger_type: 'DOCUMENT_SIGNED', object: { id: 296467, event_id: 21 } }),
    ).toMatchObject({ eventIds: ['21'] });
    expect(parse({ webhook_trigger_type: 'SHARED_DOCUMENT', id: 296467, event_id: '22' })).toMatchObject({
      eventIds: ['22'],
    });
  });

  it('names object.id when an event object carries an id that is not digits', () => {
    expect(failure({ webhook_trigger_type: 'UPDATE_EVENT', object: { id: 'gala' } }).message).toBe(
      'object.id must be a numeric TripleSeat id',
    );
  });

  it('fails with NOT_JSON, without quoting the body, when the body is not JSON', () => {
    const error = failure('{"guest_email": "ann@example.com"');
    expect(error.problem).toBe('NOT_JSON');
    expect(error.message).toBe('body is not valid JSON');
  });

  it('fails with NO_TRIGGER naming the trigger fields when none is present', () => {
    const error = failure({ event: { id: 1 } });
    expect(error.problem).toBe('NO_TRIGGER');
    expect(error.message).toContain('webhook_trigger_type');
    expect(failure([1, 2]).problem).toBe('NO_TRIGGER');
  });

  it('fails with NO_EVENT_ID naming where an id was expected, and keeps the trigger', () => {
    const error = failure({ webhook_trigger_type: 'UPDATE_EVENT', event: { name: 'Gala' } });
    expect(error).toMatchObject({ problem: 'NO_EVENT_ID', trigger: 'UPDATE_EVENT' });
    expect(error.message).toContain('event.id');
    expect(error.message).toContain('booking.event_ids');
  });

  it('fails with BAD_FIELD naming the field when an id is not digits', () => {
    for (const id of ['55-1', -3, 1.5, true, '1234567890123456']) {
      const error = failure({ type: 'UPDATE_EVENT', event: { id } });
      expect(error.problem, String(id)).toBe('BAD_FIELD');
      expect(error.message).toBe('event.id must be a numeric TripleSeat id');
    }
    expect(failure({ type: 'CREATE_BOOKING', booking: { event_ids: [1, 'x'] } }).message).toBe(
      'booking.event_ids.1 must be a numeric TripleSeat id',
    );
  });

  it('fails with BAD_FIELD naming the part whose shape is wrong', () => {
    expect(failure({ type: 'UPDATE_EVENT', event: 'gala' }).message).toBe('event has an unexpected shape');
  });
});
