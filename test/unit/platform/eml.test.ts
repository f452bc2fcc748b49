import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MailMessage } from '#functions/core/ports/mailer';
import { buildEml, rfc5322Date } from '#functions/platform/eml';
import { parseEml } from '../../support/parse-eml';

const message: MailMessage = {
  from: 'sync@restaurant.example',
  to: ['ops@restaurant.example', 'kitchen@restaurant.example'],
  subject: 'Injected: Smith wedding (event 55521001)',
  text: 'Order 1234 was created in Revel.\nGuests: 40\n',
  html: '<p>Order <b>1234</b> was created in Revel.</p>',
  correlationId: 'c0ffee00-1111-4222-8333-444455556666',
};
const date = new Date('2025-06-01T12:34:56.000Z');

const headerLines = (eml: string) => eml.slice(0, eml.indexOf('\r\n\r\n')).split('\r\n');

describe('buildEml', () => {
  it('writes the headers a mail client needs, the correlation id among them', () => {
    const eml = buildEml(message, { date, messageId: 'fixed@restaurant.example', boundary: '=_alt_test' });

    expect(headerLines(eml)).toEqual([
      'From: sync@restaurant.example',
      'To: ops@restaurant.example,',
      ' kitchen@restaurant.example',
      'Subject: Injected: Smith wedding (event 55521001)',
      'Date: Sun, 01 Jun 2025 12:34:56 +0000',
      'Message-ID: <fixed@restaurant.example>',
      'X-Correlation-Id: c0ffee00-1111-4222-8333-444455556666',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="=_alt_test"',
    ]);
  });

  it('makes a unique Message-ID on the sender domain by default', () => {
    const first = parseEml(buildEml(message, { date })).headers['message-id'];
    const second = parseEml(buildEml(message, { date })).headers['message-id'];

    expect(first).toMatch(/^<[0-9a-f-]{36}@restaurant\.example>$/);
    expect(first).not.toBe(second);
  });

  it('reads back to the same subject, text and HTML', () => {
    const parsed = parseEml(buildEml(message, { date }));

    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text).toBe(message.text);
    expect(parsed.html).toBe(message.html);
    expect(parsed.headers['x-correlation-id']).toBe(message.correlationId);
  });

  it('encodes a non-ASCII subject as RFC 2047 encoded-words that decode back', () => {
    const subject = 'Échec : mariage Müller — 12 plats 🍰 pour la soirée du samedi soir au château';
    const eml = buildEml({ ...message, subject }, { date });

    expect(eml).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(parseEml(eml).subject).toBe(subject);
  });

  it('keeps every line within 78 characters, as RFC 5322 recommends', () => {
    const long = {
      ...message,
      subject: `Failed: ${'very long subject words '.repeat(8)}`,
      text: `${'x'.repeat(300)}\n${'é'.repeat(100)}`,
      html: `<p>${'<b>bold</b> '.repeat(40)}</p>`,
    };

    for (const line of buildEml(long, { date }).split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('flattens line breaks in the subject so no header can be injected', () => {
    const eml = buildEml({ ...message, subject: 'Hello\r\nBcc: victim@example.com' }, { date });

    expect(headerLines(eml).some((line) => line.startsWith('Bcc:'))).toBe(false);
    expect(parseEml(eml).subject).toBe('Hello Bcc: victim@example.com');
  });

  it('escapes trailing whitespace and "=" in quoted-printable bodies', () => {
    const eml = buildEml({ ...message, text: 'total = 12 \nnext' }, { date });

    expect(eml).toContain('total =3D 12=20\r\nnext');
    expect(parseEml(eml).text).toBe('total = 12 \nnext');
  });

  it('round-trips any text body and any subject', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 120 }),
        (text, subject) => {
          const parsed = parseEml(buildEml({ ...message, text, subject }, { date }));
          expect(parsed.text).toBe(text.replace(/\r\n|\r/g, '\n'));
          expect(parsed.subject).toBe(subject.replace(/\s+/g, ' ').trim());
        },
      ),
    );
  });
});

describe('rfc5322Date', () => {
  it('uses a numeric zone rather than the obsolete "GMT"', () => {
    expect(rfc5322Date(new Date('2025-12-31T23:59:59Z'))).toBe('Wed, 31 Dec 2025 23:59:59 +0000');
  });
});

describe('parseEml', () => {
  it('reads a single-part base64 message as well', () => {
    const eml = [
      'Subject: =?UTF-8?Q?caf=C3=A9_ready?=',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('Déjeuner prêt\r\n').toString('base64'),
    ].join('\r\n');

    expect(parseEml(eml)).toMatchObject({ subject: 'café ready', text: 'Déjeuner prêt\n', html: undefined });
  });
});
