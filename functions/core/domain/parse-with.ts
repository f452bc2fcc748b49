import { type $ZodIssue, type $ZodType, type output, type ParseContext, safeParse } from 'zod/v4/core';

/** The first thing wrong with an input, for the caller's own typed error. */
export interface ParseProblem {
  /** `invalid`: the value broke the schema; `not-json`: the text was not JSON at all. */
  kind: 'invalid' | 'not-json';
  /** Dotted path of the first issue (`locations.0.timeZone`); empty at the root and for `not-json`. */
  path: string;
  /**
   * zod's message, or the JSON parser's. The parser's may quote the text: never echo it where the
   * text can hold secrets or guest details.
   */
  message: string;
  /** The first zod issue itself (its code, its raw path); undefined for `not-json`. */
  issue: $ZodIssue | undefined;
}

/**
 * Validates `value` with a classic `zod` or a `zod/mini` schema (both share zod's core) and returns
 * the parsed output; otherwise throws what `toError` makes of the first issue.
 */
export function parseWith<S extends $ZodType>(
  schema: S,
  value: unknown,
  toError: (problem: ParseProblem) => Error,
  context?: ParseContext<$ZodIssue>,
): output<S> {
  const result = safeParse(schema, value, context);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw toError({
    kind: 'invalid',
    path: issue?.path.map(String).join('.') ?? '',
    message: issue?.message ?? 'invalid',
    issue,
  });
}

/** `parseWith` for text that should hold JSON; text that is not JSON is a `not-json` problem. */
export function parseJsonWith<S extends $ZodType>(
  schema: S,
  text: string,
  toError: (problem: ParseProblem) => Error,
  context?: ParseContext<$ZodIssue>,
): output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    throw toError({ kind: 'not-json', path: '', message, issue: undefined });
  }
  return parseWith(schema, value, toError, context);
}
