/**
 * Reads an .eml file back, for tests that check what the mailers wrote (functions/platform/eml.ts
 * writes them): enough MIME for our own mail and other simple messages.
 */

export interface ParsedEml {
  /** Lower-cased names, unfolded values as written (encoded-words still encoded). */
  headers: Record<string, string>;
  /** The decoded Subject. */
  subject: string;
  text: string | undefined;
  html: string | undefined;
}

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

function decodeQuotedPrintable(encoded: string): string {
  const joined = encoded.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes the encoded-words in an unfolded header value; whitespace between two words is dropped. */
function decodeHeaderText(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(word, (_match, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
