import { describe, expect, it } from 'vitest';
import { InputError } from '#functions/core/domain/errors';
import { parseScheduleArgs } from '../../../dev/schedule-command';

describe('npm run schedule arguments', () => {
  it('targets the gateway on PORT, else on the default port', () => {
    expect(parseScheduleArgs([], { PORT: '4100' })).toBe('http://127.0.0.1:4100/__local/schedule');
    expect(parseScheduleArgs([], {})).toBe('http://127.0.0.1:3000/__local/schedule');
  });

  it('takes --url as the gateway origin or as the full schedule URL', () => {
    expect(parseScheduleArgs(['--url', 'http://localhost:9000/'], {})).toBe(
      'http://localhost:9000/__local/schedule',
    );
    expect(parseScheduleArgs(['--url', 'http://localhost:9000/__local/schedule'], {})).toBe(
      'http://localhost:9000/__local/schedule',
    );
  });

  it('rejects an unknown option or a URL that is not one', () => {
    expect(() => parseScheduleArgs(['--bogus'], {})).toThrow(InputError);
    expect(() => parseScheduleArgs(['--url', 'not a url'], {})).toThrow(/--url must be a URL/);
  });
});
