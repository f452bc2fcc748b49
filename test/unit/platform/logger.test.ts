import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJsonLogger } from '#functions/platform/logger';

function capture(options: Parameters<typeof createJsonLogger>[0] = {}) {
  const lines: string[] = [];
  const logger = createJsonLogger({ ...options, write: (line) => lines.push(line) });
  const logs = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, logs };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('createJsonLogger (Powertools Logger underneath)', () => {
  it('writes one JSON object per line: lower-case level, message, service and the fields, nulls kept', () => {
    const { logger, lines, logs } = capture({ base: { service: 'sync' } });
    logger.info('event injected', { event_id: '55521609', revel_order_id: null });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(logs()[0]).toMatchObject({
      level: 'info',
      message: 'event injected',
      service: 'sync',
      event_id: '55521609',
      revel_order_id: null,
    });
  });

  it('leaves out lines below its level', () => {
    const { logger, logs } = capture({ level: 'warn' });
    logger.debug('noise');
    logger.info('more noise');
    logger.warn('worth reading');
    expect(logs().map((l) => l.message)).toEqual(['worth reading']);
  });

  it('redacts credentials, signatures and guest contact details at any depth, in arrays and appended keys too', () => {
    const { logger, lines } = capture();
    logger.appendKeys({ api_key: 'key-in-appended-field' });
    logger.child({ authorization: 'Bearer child-token' }).error('vendor refused', {
      client_secret: 'cs-123',
      refreshToken: 'rt-456',
      signature: 'sha256=abc',
      guest: { email: 'jon@example.com', phone: '555-0100', call_name: 'Jon' },
      contacts: [{ Email: 'ann@example.com' }],
    });
    const line = lines[0] ?? '';
    for (const secret of [
      'key-in-appended-field',
      'child-token',
      'cs-123',
      'rt-456',
      'sha256=abc',
      'jon@example.com',
      '555-0100',
      'Jon',
      'ann@example.com',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line)).toMatchObject({
      client_secret: '[redacted]',
      guest: { email: '[redacted]', phone: '[redacted]', call_name: '[redacted]' },
      contacts: [{ Email: '[redacted]' }],
    });
  });

  it('logs an Error field as its name and message, without the stack', () => {
    const { logger, logs } = capture();
    logger.error('failed', { cause: new TypeError('bad input') });
    expect(logs()[0]?.cause).toEqual({ name: 'TypeError', message: 'bad input' });
  });

  it('carries the request id on every line after addContext, and the cold start only on the first invocation', () => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    const { logger, logs } = capture({ base: { service: 'webhook' } });
    logger.addContext({ awsRequestId: 'req-1' });
    logger.child({ correlation_id: 'c-1' }).info('first');
    logger.addContext({ awsRequestId: 'req-2' });
    logger.info('second');
    expect(logs()).toEqual([
      expect.objectContaining({ function_request_id: 'req-1', cold_start: true, correlation_id: 'c-1' }),
      expect.objectContaining({ function_request_id: 'req-2', cold_start: false }),
    ]);
  });

  it('writes to stderr by default and nothing to stdout, which the local runtime keeps for its KEY=value lines', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    createJsonLogger({ base: { service: 'sync' } }).warn('to stderr');
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(stderr.mock.calls[0]?.[0]))).toMatchObject({
      message: 'to stderr',
      level: 'warn',
    });
  });
});
