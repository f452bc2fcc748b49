import type { TestRuntime } from './local-runtime';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as a script would
export type OperatorAnswer = { status: number; body: any };

/** One operator API request with the runtime's operator token, answered whatever its status. */
export async function operatorCall(
  runtime: TestRuntime['runtime'],
  method: string,
  path: string,
  body?: unknown,
): Promise<OperatorAnswer> {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${runtime.variables.OPERATOR_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}
