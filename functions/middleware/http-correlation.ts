import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { correlationIdFrom } from '#functions/core/contract/correlation-id';
import type { HandlerContext } from './handler-context';

const HEADER = 'x-correlation-id';

/**
 * One correlation id per HTTP request, chosen before anything else runs: the caller's
 * `x-correlation-id` when it is sane, else a fresh one. It is written back as the only such header,
 * so the route, its log lines and an error answer all carry the same id.
 */
export function httpCorrelation(): MiddlewareObj<
  APIGatewayProxyEventV2,
  unknown,
  Error,
  HandlerContext<unknown>
> {
  return {
    before: (request) => {
      const headers: Record<string, string | undefined> = {};
      let given: string | undefined;
      for (const [name, value] of Object.entries(request.event.headers ?? {})) {
        if (name.toLowerCase() === HEADER) given ??= value;
        else headers[name] = value;
      }
      const correlationId = correlationIdFrom(given);
      request.event = { ...request.event, headers: { ...headers, [HEADER]: correlationId } };
      request.context = { ...request.context, correlationId };
    },
  };
}
