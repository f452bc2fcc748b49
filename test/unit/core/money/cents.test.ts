import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  centsToDecimal,
  discountLabel,
  formatCents,
  parseMoneyToCents,
  parseQuantity,
} from '#functions/core/money/cents';

/** Renders cents the way invoices and vendors print money: "$1,234.56", "1234.56", "-$5.00". */
function printMoney(cents: number, style: { dollar: boolean; separators: boolean }): string {
  const abs = Math.abs(cents);
  const whole = String(Math.trunc(abs / 100));
  const grouped = style.separators ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  const text = `${style.dollar ? '$' : ''}${grouped}.${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `-${text}` : text;
}

describe('parseMoneyToCents', () => {
  it('reads an invoice amount with a dollar sign and thousands separator', () => {
    expect(parseMoneyToCents('$1,234.50')).toBe(123450);
  });

  it('reads the money strings and numbers TripleSeat sends', () => {
    expect(parseMoneyToCents('108.80')).toBe(10880);
    expect(parseMoneyToCents('0.000000')).toBe(0);
    expect(parseMoneyToCents(10.0)).toBe(1000);
    expect(parseMoneyToCents(108.8)).toBe(10880);
    expect(parseMoneyToCents(' $20 ')).toBe(2000);
    expect(parseMoneyToCents('.5')).toBe(50);
  });

  it('reads negatives written with a minus sign or in parentheses', () => {
    expect(parseMoneyToCents('-$5.00')).toBe(-500);
    expect(parseMoneyToCents('$-5.00')).toBe(-500);
    expect(parseMoneyToCents('($1,000.00)')).toBe(-100000);
  });

  it('rounds a third decimal half away from zero', () => {
    expect(parseMoneyToCents('0.125')).toBe(13);
    expect(parseMoneyToCents('0.124')).toBe(12);
    expect(parseMoneyToCents('-0.125')).toBe(-13);
  });

  it('refuses text that is not an amount', () => {
    for (const text of ['', '   ', 'TBD', '$', '.', '1,23.00', '12abc', '$1.2.3', 'NaN']) {
      expect(parseMoneyToCents(text), text).toBeUndefined();
    }
    expect(parseMoneyToCents(Number.NaN)).toBeUndefined();
    expect(parseMoneyToCents(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('parses any amount printed as "$1,234.56" style back to the same cents (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000_000_000, max: 1_000_000_000_000_000 }),
        fc.boolean(),
        fc.boolean(),
        (cents, dollar, separators) => {
          expect(parseMoneyToCents(printMoney(cents, { dollar, separators }))).toBe(cents);
        },
      ),
    );
  });

  it('never throws on arbitrary text, and returns integer cents or undefined (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[-($,.\d )\s]{0,16}$/)), (text) => {
        const cents = parseMoneyToCents(text);
        expect(cents === undefined || Number.isSafeInteger(cents)).toBe(true);
      }),
    );
  });
});

describe('formatCents and centsToDecimal', () => {
  it('print cents as a plain decimal with two places', () => {
    expect(formatCents(123450)).toBe('1234.50');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(-1999)).toBe('-19.99');
    expect(centsToDecimal(10880)).toBe(108.8);
  });

  it('round-trip through parseMoneyToCents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }), (cents) => {
        expect(parseMoneyToCents(formatCents(cents))).toBe(cents);
        expect(parseMoneyToCents(centsToDecimal(cents))).toBe(cents);
      }),
    );
  });
});

describe('parseQuantity', () => {
  it('reads counts, decimals and thousands separators', () => {
    expect(parseQuantity('8')).toBe(8);
    expect(parseQuantity(' 2.5 ')).toBe(2.5);
    expect(parseQuantity('1,000')).toBe(1000);
    expect(parseQuantity('.5')).toBe(0.5);
    expect(parseQuantity(3)).toBe(3);
  });

  it('refuses empty, negative, non-finite and wordy quantities', () => {
    for (const text of ['', 'eight', '-2', '1/2', '2 dozen', '1,00']) {
      expect(parseQuantity(text), text).toBeUndefined();
    }
    expect(parseQuantity(-1)).toBeUndefined();
    expect(parseQuantity(Number.NaN)).toBeUndefined();
  });

  it('round-trips non-negative numbers printed with up to 3 decimals (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        (units, decimals) => {
          const text = (units / 10 ** decimals).toFixed(decimals);
          expect(parseQuantity(text)).toBe(Number(text));
        },
      ),
    );
  });

  it('never throws on arbitrary text, and returns a non-negative number or undefined (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const quantity = parseQuantity(text);
        expect(quantity === undefined || (Number.isFinite(quantity) && quantity >= 0)).toBe(true);
      }),
    );
  });
});

describe('discountLabel', () => {
  it('names a discount by its TripleSeat name, and a discount called "Discount" only once', () => {
    expect(discountLabel('Early booking')).toBe('Discount: Early booking');
    expect(discountLabel('Discount')).toBe('Discount');
    expect(discountLabel(' discounts ')).toBe('Discount');
    expect(discountLabel('')).toBe('Discount');
  });
});
