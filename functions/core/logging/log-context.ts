import type { Logger } from '#functions/core/ports/logger';

type ChildLogger = Logger & { child(fields: Record<string, unknown>): Logger };

const hasChild = (logger: Logger): logger is ChildLogger =>
  typeof (logger as Partial<ChildLogger>).child === 'function';

/** A logger whose every line carries `fields` (e.g. the correlation id); uses `child` when the logger has one. */
export function withLogFields(logger: Logger, fields: Record<string, unknown>): Logger {
  if (hasChild(logger)) return logger.child(fields);
  const wrap =
    (level: keyof Logger) =>
    (message: string, extra: Record<string, unknown> = {}): void =>
      logger[level](message, { ...fields, ...extra });
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
