/**
 * Money is integer cents everywhere inside the engine. Vendors send strings ("$1,234.50",
 * "108.80", "0.000000") or floats (10.0); both are parsed as decimal text, never multiplied as floats.
 */
const MONEY = /^(-)?\(?\$?(-)?\s*((?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?)\)?$/;

export function parseMoneyToCents(input: string | number): number | undefined {
  const text = typeof input === 'number' ? numberToPlainText(input) : input.trim();
  if (text === '') return undefined;
  const m = MONEY.exec(text);
  if (!m) return undefined;
  const digits = m[3] ?? '';
  if (digits === '' || digits === '.') return undefined;
  const negative = Boolean(m[1] || m[2]) || (text.startsWith('(') && text.endsWith(')'));
  const [whole = '0', frac = ''] = digits.replaceAll(',', '').split('.');
  const fracPadded = `${frac}000`;
  // Round half away from zero on the third decimal ("0.125" -> 13 cents).
  let cents = Number(whole || '0') * 100 + Number(fracPadded.slice(0, 2));
  if (Number(fracPadded[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) return undefined;
  return negative && cents !== 0 ? -cents : cents;
}

/** Revel takes JSON numbers for money; built from the integer, so no float arithmetic happens. */
export function centsToDecimal(cents: number): number {
  return Number(formatCents(cents));
}

/** "1234.50" — for logs, mails and Revel string fields. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const QUANTITY = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$/;

/** "8" -> 8, "2.5" -> 2.5, "1,000" -> 1000; anything else (empty, negative, words) -> undefined. */
export function parseQuantity(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : undefined;
  const text = input.trim();
  if (!QUANTITY.test(text)) return undefined;
  const value = Number(text.replaceAll(',', ''));
  return Number.isFinite(value) ? value : undefined;
}

function numberToPlainText(n: number): string {
  if (!Number.isFinite(n)) return '';
  // toFixed(6) avoids exponent notation for small values and keeps enough digits to round from.
  return n.toFixed(6);
}

/**
 * A discount's row label in money tables: "Discount: Early booking", or plain "Discount" when
 * TripleSeat named it just that (not "Discount: Discount").
 */
export function discountLabel(name: string): string {
  const trimmed = name.trim();
  return trimmed === '' || /^discounts?$/i.test(trimmed) ? 'Discount' : `Discount: ${trimmed}`;
}
