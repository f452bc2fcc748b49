import type { Logger } from '../core/ports/logger';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys whose values never reach a log line: credentials, signatures, guest contact details. */
const REDACTED_KEY = /secret|token|password|authorization|signature|api[-_]?key|email|phone|call_?name/i;

export interface JsonLoggerOptions {
  level?: Level;
  /** Fields on every line, e.g. `{ service: 'sync', correlation_id }`. */
  base?: Record<string, unknown>;
  write?: (line: string) => void;
  now?: () => Date;
}

/** Structured JSON lines (one object per line, CloudWatch Logs Insights friendly). */
export function createJsonLogger(
  options: JsonLoggerOptions = {},
): Logger & { child(fields: Record<string, unknown>): Logger } {
  const threshold = order[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const base = options.base ?? {};
  const log =
    (level: Level) =>
    (message: string, fields: Record<string, unknown> = {}): void => {
      if (order[level] < threshold) return;
      write(
        JSON.stringify({
          timestamp: now().toISOString(),
          level,
          message,
          ...redact(base),
          ...redact(fields),
        }),
      );
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (fields) => createJsonLogger({ ...options, base: { ...base, ...fields } }),
  };
}

export function redact(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (REDACTED_KEY.test(key)) out[key] = '[redacted]';
    else if (v instanceof Error) out[key] = { name: v.name, message: v.message };
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[key] = redact(v as Record<string, unknown>);
    else out[key] = v;
  }
  return out;
}
