import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { type ParseProblem, parseJsonWith, parseWith } from '#functions/core/domain/parse-with';

class ProblemError extends Error {
  constructor(readonly problem: ParseProblem) {
    super(`${problem.kind} at "${problem.path}": ${problem.message}`);
  }
}
const toError = (problem: ParseProblem) => new ProblemError(problem);
const thrown = (run: () => unknown): ParseProblem => {
  try {
    run();
  } catch (e: unknown) {
    if (e instanceof ProblemError) return e.problem;
    throw e;
  }
  throw new Error('expected a ProblemError');
};

const classic = z.object({ rooms: z.array(z.object({ seats: z.number().int() })) });
const mini = zm.object({ rooms: zm.array(zm.object({ seats: zm.int() })) });

describe('parseWith', () => {
  it('returns the parsed value of a classic zod and of a zod/mini schema alike', () => {
    const value = { rooms: [{ seats: 8 }] };
    expect(parseWith(classic, value, toError)).toEqual(value);
    expect(parseWith(mini, value, toError)).toEqual(value);
  });

  it('names the first bad field by its dotted path, whichever zod built the schema', () => {
    const value = { rooms: [{ seats: 8 }, { seats: 'eight' }] };
    for (const schema of [classic, mini]) {
      expect(thrown(() => parseWith(schema, value, toError))).toMatchObject({
        kind: 'invalid',
        path: 'rooms.1.seats',
        issue: { code: 'invalid_type', path: ['rooms', 1, 'seats'] },
      });
    }
  });

  it('reports a problem at the root with an empty path', () => {
    expect(thrown(() => parseWith(classic, 'nope', toError))).toMatchObject({ kind: 'invalid', path: '' });
  });
});

describe('parseJsonWith', () => {
  it('parses JSON text, then the schema', () => {
    expect(parseJsonWith(mini, '{"rooms":[]}', toError)).toEqual({ rooms: [] });
    expect(thrown(() => parseJsonWith(mini, '{"rooms":{}}', toError))).toMatchObject({ path: 'rooms' });
  });

  it('tells text that is not JSON apart from JSON that breaks the schema', () => {
    expect(thrown(() => parseJsonWith(classic, '{rooms', toError))).toMatchObject({
      kind: 'not-json',
      path: '',
      issue: undefined,
    });
  });
});
