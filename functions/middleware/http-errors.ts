import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { correlationIdFrom } from '#functions/core/contract/correlation-id';
import { describeError } from '#functions/core/domain/errors';
import type { Logger } from '#functions/core/ports/logger';
import type { HandlerContext } from './handler-context';
import { httpErrorAnswer } from './http-error-answer';
import { tagLogLines } from './lambda-log-context';

export interface HttpErrorsOptions<Deps> {
  loggerOf: (deps: Deps) => Logger;
  /** Logs when the dependencies (and their logger) could not be built. */
  fallbackLogger: Logger;
}

/** Turns any error of an HTTP invocation into an answer by `httpErrorAnswer`; 5xx causes go to the log. */
export function httpErrors<Deps>(
  options: HttpErrorsOptions<Deps>,
): MiddlewareObj<unknown, APIGatewayProxyStructuredResultV2, Error, HandlerContext<Deps>> {
  return {
    onError: (request) => {
      const context: Partial<HandlerContext<Deps>> = request.context;
      const correlationId = context.correlationId ?? correlationIdFrom(undefined);
      const answer = httpErrorAnswer(request.error, correlationId);
      if (answer.statusCode >= 500) {
        let logger = options.fallbackLogger;
        if (context.deps === undefined) tagLogLines(logger, context);
        else logger = options.loggerOf(context.deps);
        logger.error('request failed', {
          correlation_id: correlationId,
          status: answer.statusCode,
          error: describeError(request.error),
        });
      }
      request.response = answer;
    },
  };
}
