import { LogFormatter, LogItem, Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';
import type { Logger } from '#functions/core/ports/logger';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Keys whose values never reach a log line: credentials, signatures, guest contact details. */
const REDACTED_KEY = /secret|token|password|authorization|signature|api[-_]?key|email|phone|call_?name/i;

export interface JsonLoggerOptions {
  level?: Level;
  /** Fields on every line, e.g. `{ service: 'sync', correlation_id }`; `service` names the Lambda. */
  base?: Record<string, unknown>;
  /** Where each JSON line goes; default stderr (the local runtime keeps stdout for its KEY=value lines). */
  write?: (line: string) => void;
  now?: () => Date;
}

/** The core's Logger port, plus what the entry-point middlewares set per invocation. */
export interface LambdaLogger extends Logger {
  child(fields: Record<string, unknown>): LambdaLogger;
  /** Request id and cold-start flag on every following line (Powertools `addContext`). */
  addContext(context: Partial<Context>): void;
  /** Fields on every following line until removed, e.g. the request's correlation id. */
  appendKeys(fields: Record<string, unknown>): void;
  removeKeys(keys: readonly string[]): void;
}

/**
 * One JSON object per line (CloudWatch Logs Insights friendly), written by Powertools Logger:
 * `level`, `message`, `timestamp`, `service`, then the invocation's `function_request_id` and
 * `cold_start`, then the fields. Redaction runs in the JSON replacer, so it covers every key at any
 * depth, including fields appended by middlewares.
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): LambdaLogger {
  const { service, ...base } = options.base ?? {};
  const powertools = new SinkLogger(
    {
      serviceName: typeof service === 'string' ? service : undefined,
      logLevel: options.level?.toUpperCase() as 'INFO' | undefined,
      logFormatter: new LineFormatter(options.now ?? (() => new Date())),
      jsonReplacerFn: redactingReplacer,
    },
    options.write ?? writeToStderr,
  );
  return fieldsLogger(powertools, base);
}

/** `child` shares the Powertools instance: one cold-start flag and one request context per Lambda. */
function fieldsLogger(powertools: PowertoolsLogger, fields: Record<string, unknown>): LambdaLogger {
  const log =
    (level: Level) =>
    (message: string, extra: Record<string, unknown> = {}): void =>
      powertools[level](message, { ...fields, ...extra });
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (more) => fieldsLogger(powertools, { ...fields, ...more }),
    addContext: (context) => powertools.addContext(context as Context),
    appendKeys: (more) => powertools.appendKeys(more),
    removeKeys: (keys) => powertools.removeKeys([...keys]),
  };
}

function writeToStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Prints through `write` instead of Powertools' console, and keeps `null` fields as today's lines did. */
class SinkLogger extends PowertoolsLogger {
  private sink: ((line: string) => void) | undefined;
  constructor(options: ConstructorParameters<typeof PowertoolsLogger>[0], write: (line: string) => void) {
    super(options);
    this.sink = write;
  }
  protected override printLog(_level: number, log: LogItem): void {
    // Powertools may print (a warning) while its constructor runs, before the sink is set.
    (this.sink ?? writeToStderr)(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
  }
}

/** Lower-case levels and snake_case keys, as the lines were before Powertools. */
class LineFormatter extends LogFormatter {
  constructor(private readonly now: () => Date) {
    super();
  }
  override formatAttributes(attributes: UnformattedAttributes, fields: LogAttributes): LogItem {
    const context = attributes.lambdaContext;
    return new LogItem({
      attributes: {
        timestamp: this.formatTimestamp(this.now()),
        level: attributes.logLevel.toLowerCase(),
        message: attributes.message,
        service: attributes.serviceName,
        function_request_id: context?.awsRequestId,
        cold_start: context?.coldStart,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes(fields);
  }
}

function redactingReplacer(key: string, value: unknown): unknown {
  if (key !== '' && REDACTED_KEY.test(key)) return '[redacted]';
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
