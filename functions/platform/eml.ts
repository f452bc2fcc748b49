import { randomBytes, randomUUID } from 'node:crypto';
import type { MailMessage } from '../core/ports/mailer';
import {
  decodeHeaderText,
  decodeQuotedPrintable,
  encodeHeaderText,
  encodeQuotedPrintable,
} from './mime-encoding';

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

export interface ParsedEml {
  /** Lower-cased names, unfolded values as written (encoded-words still encoded). */
  headers: Record<string, string>;
  /** The decoded Subject. */
  subject: string;
  text: string | undefined;
  html: string | undefined;
}

/** Reads an .eml file back: enough MIME for our own mail and other simple messages. */
export function parseEml(source: string): ParsedEml {
  const { headers, body } = splitEntity(source);
  const texts: Record<string, string> = {};
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  const entities = boundary === undefined ? [{ headers, body }] : multipartEntities(body, boundary);
  for (const entity of entities) {
    const type = (entity.headers['content-type'] ?? 'text/plain').split(';')[0]?.trim().toLowerCase();
    if (type !== undefined) texts[type] ??= decodeBody(entity.body, entity.headers);
  }
  return {
    headers,
    subject: decodeHeaderText(headers.subject ?? ''),
    text: texts['text/plain'],
    html: texts['text/html'],
  };
}

function multipartEntities(body: string, boundary: string) {
  const delimiter = `--${boundary}`;
  const closing = body.indexOf(`${delimiter}--`);
  return (closing === -1 ? body : body.slice(0, closing))
    .split(delimiter)
    .slice(1)
    .map((part) => splitEntity(part.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
}

function splitEntity(source: string): { headers: Record<string, string>; body: string } {
  const match = /\r?\n\r?\n/.exec(source);
  const head = match ? source.slice(0, match.index) : source;
  const body = match ? source.slice(match.index + match[0].length) : '';
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] ??= line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(body: string, headers: Record<string, string>): string {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const decoded =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return decoded.replace(/\r\n/g, '\n');
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
