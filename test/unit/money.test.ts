import { describe, expect, it } from 'vitest';
import { parseMoneyToCents } from '../../functions/domain/money';

describe('parseMoneyToCents', () => {
  it('reads an invoice amount with a dollar sign and thousands separator', () => {
    expect(parseMoneyToCents('$1,234.50')).toBe(123450);
  });
});
