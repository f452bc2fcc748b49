import { describe, expect, it } from 'vitest';
import { operatorFor } from '#functions/sync/http/operator-auth';

const tokens = { maria: 'maria-token-0123456789abcdef', tom: 'tom-token-0123456789abcdefgh' };

describe('signing in to the operator API', () => {
  it('names the operator whose token the bearer header carries', () => {
    expect(operatorFor('Bearer maria-token-0123456789abcdef', tokens)).toBe('maria');
    expect(operatorFor('bearer   tom-token-0123456789abcdefgh ', tokens)).toBe('tom');
  });

  it('names nobody for a missing, malformed or unknown token', () => {
    expect(operatorFor(undefined, tokens)).toBeUndefined();
    expect(operatorFor('maria-token-0123456789abcdef', tokens)).toBeUndefined();
    expect(operatorFor('Basic bWFyaWE6eA==', tokens)).toBeUndefined();
    expect(operatorFor('Bearer maria-token-0123456789abcdeX', tokens)).toBeUndefined();
  });

  it('never lets an empty token sign anyone in', () => {
    expect(operatorFor('Bearer ', { nobody: '' })).toBeUndefined();
  });
});
