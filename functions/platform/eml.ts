import { randomBytes, randomUUID } from 'node:crypto';
import type { MailMessage } from '#functions/core/ports/mailer';
import { encodeHeaderText, encodeQuotedPrintable } from './mime-encoding';

const CRLF = '\r\n';

export interface EmlOptions {
  date: Date;
  /** Without angle brackets; default `<uuid>@<the sender's domain>`. */
  messageId?: string;
  /** Default: random. Starts with `=_`, which quoted-printable output can never contain. */
  boundary?: string;
}

/**
 * One RFC 5322 message: multipart/alternative with the text and the HTML part, both UTF-8
 * quoted-printable (readable in the file, safe on any transport). The same bytes go to SES.
 */
export function buildEml(message: MailMessage, options: EmlOptions): string {
  const boundary = options.boundary ?? `=_alt_${randomBytes(12).toString('hex')}`;
  const messageId = options.messageId ?? `${randomUUID()}@${domainOf(message.from)}`;
  const headers = [
    `From: ${address(message.from)}`,
    `To: ${message.to.map(address).join(`,${CRLF} `)}`,
    `Subject: ${encodeHeaderText(message.subject)}`,
    `Date: ${rfc5322Date(options.date)}`,
    `Message-ID: <${messageId}>`,
    `X-Correlation-Id: ${headerToken(message.correlationId)}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=UTF-8`,
      'Content-Transfer-Encoding: quoted-printable',
      '',
      encodeQuotedPrintable(body),
    ].join(CRLF);
  return [
    ...headers,
    '',
    part('text/plain', message.text),
    part('text/html', message.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

/** `Sat, 01 Jun 2025 12:00:00 +0000`: RFC 5322 §3.3 wants a numeric zone, not the obsolete GMT. */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** Addresses come from validated config; control characters are dropped anyway (header injection). */
const address = (value: string): string => value.replace(/[\r\n\t]/g, '').trim();

const headerToken = (value: string): string => value.replace(/[^\x21-\x7e]/g, '_');

const domainOf = (from: string): string => {
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1];
  return domain ?? 'tripleseat-revel-sync.invalid';
};
