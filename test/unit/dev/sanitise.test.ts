import { describe, expect, it } from 'vitest';
import { sanitiseJson } from '../../../dev/samples/sanitise';

describe('sanitiseJson', () => {
  it('removes the guest’s name, e-mail and phone from a TripleSeat event, keeping every field and its type', () => {
    const event = {
      event: {
        id: 55521609,
        name: 'Reed rehearsal dinner',
        event_date: '12/28/2025',
        contact: {
          first_name: 'Marcus',
          last_name: 'Reed',
          email_addresses: [{ address: 'marcus@example.com' }],
          phone_numbers: [{ number: '(555) 010-1617' }],
        },
        location: { id: 101, name: 'Downtown' },
        grand_total: '108.80',
        custom_fields: [{ custom_field_name: 'Allergies', value: 'Marcus: nuts' }],
      },
    };
    expect(sanitiseJson(event, [])).toEqual({
      event: {
        id: 55521609,
        name: '(redacted)',
        event_date: '12/28/2025',
        contact: {
          first_name: '(redacted)',
          last_name: '(redacted)',
          email_addresses: [{ address: '(redacted)' }],
          phone_numbers: [{ number: '(redacted)' }],
        },
        location: { id: 101, name: 'Downtown' },
        grand_total: '108.80',
        custom_fields: [{ custom_field_name: '(redacted)', value: '(redacted)' }],
      },
    });
  });

  it('removes tokens, configured secrets, call names and invoice portal keys', () => {
    const key = 'a'.repeat(40);
    const cleaned = sanitiseJson(
      {
        access_token: 'tok-123456',
        refresh_token: 'ref-123456',
        call_name: 'Marcus Reed | (555) 010-1617',
        notes: 'call marcus@example.com',
        views: [{ name: 'Invoice', url: `https://portal.tripleseat.com/doc/${key}/7` }],
        echo: 'key sandbox-api-key used',
      },
      ['sandbox-api-key'],
    );
    expect(JSON.stringify(cleaned)).not.toMatch(/tok-|ref-|Marcus|555|example\.com|sandbox-api-key|aaaa/);
    expect(cleaned).toMatchObject({
      views: [{ url: `https://portal.tripleseat.com/doc/${'0'.repeat(40)}/7` }],
    });
  });
});
