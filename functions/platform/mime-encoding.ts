/**
 * The two MIME encodings our .eml files need: quoted-printable bodies (RFC 2045 §6.7) and RFC 2047
 * encoded-words for non-ASCII header text. The decoders, which only tests need, are in
 * test/support/parse-eml.ts.
 */

const CRLF = '\r\n';
/** RFC 2045: encoded lines are at most 76 characters, the soft break's `=` included. */
const QP_LINE_CONTENT = 75;
/** 39 UTF-8 bytes → 52 base64 chars → a 64-char encoded-word: "Subject: " + one word stays < 76. */
const ENCODED_WORD_BYTES = 39;

const hexByte = (byte: number): string => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Text → quoted-printable with CRLF line breaks; any input line break becomes a hard break. */
export function encodeQuotedPrintable(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(encodeQuotedPrintableLine)
    .join(CRLF);
}

function encodeQuotedPrintableLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  const lines: string[] = [];
  let current = '';
  bytes.forEach((byte, index) => {
    // Whitespace at the end of a line may be stripped in transit (RFC 2045 rule 3), so it is escaped.
    const isLast = index === bytes.length - 1;
    const literal = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !isLast);
    const token = literal ? String.fromCharCode(byte) : hexByte(byte);
    if (current.length + token.length > QP_LINE_CONTENT) {
      lines.push(`${current}=`);
      current = '';
    }
    current += token;
  });
  lines.push(current);
  return lines.join(CRLF);
}

/**
 * Header text that is safe to write after `Name: `: whitespace runs (line breaks included, so no
 * header injection) become one space, plain ASCII stays readable, anything else becomes UTF-8 B
 * encoded-words, folded between words.
 */
export function encodeHeaderText(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (/^[\x20-\x7e]*$/.test(flat) && !flat.includes('=?')) return foldAtSpaces(flat);
  const words: string[] = [];
  let chunk = '';
  // Code points, never split: a word must decode on its own (RFC 2047 §5).
  for (const char of flat) {
    if (Buffer.byteLength(chunk + char, 'utf8') > ENCODED_WORD_BYTES) {
      words.push(encodedWord(chunk));
      chunk = '';
    }
    chunk += char;
  }
  if (chunk !== '' || words.length === 0) words.push(encodedWord(chunk));
  return words.join(`${CRLF} `);
}

const encodedWord = (text: string): string => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

/** Long ASCII header text folded at spaces (RFC 5322 §2.2.3 recommends lines of 78 at most). */
function foldAtSpaces(text: string, width = 66): string {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  lines.push(current);
  // The space that starts a continuation line is the one the fold replaced.
  return lines.join(`${CRLF} `);
}
