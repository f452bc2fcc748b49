import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailMessage } from '#functions/core/ports/mailer';
import { OutboxMailer, outboxFileBase } from '#functions/platform/mailer-outbox';
import { parseEml } from '../../support/parse-eml';

const message: MailMessage = {
  from: 'sync@restaurant.example',
  to: ['ops@restaurant.example'],
  subject: 'Failed: Café Müller brunch (event 55521002)',
  text: 'UNMAPPED_ITEMS: Crème brûlée × 12',
  html: '<p>UNMAPPED_ITEMS: <b>Crème brûlée</b> × 12</p>',
  correlationId: 'corr-outbox-1',
};
const clock = { now: () => new Date('2025-06-01T12:34:56.789Z') };

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'outbox-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('OutboxMailer', () => {
  it('writes one .eml file named by time and subject, creating the folder', async () => {
    const dir = join(root, 'nested', 'outbox');
    await new OutboxMailer({ dir, clock }).send(message);

    expect(await readdir(dir)).toEqual([
      '2025-06-01T12-34-56.789Z-failed-cafe-muller-brunch-event-55521002.eml',
    ]);
  });

  it('writes a mail that reads back with its headers and bodies', async () => {
    const path = await new OutboxMailer({ dir: root, clock }).write(message);
    const parsed = parseEml(await readFile(path, 'utf8'));

    expect(parsed.headers).toMatchObject({
      from: 'sync@restaurant.example',
      to: 'ops@restaurant.example',
      date: 'Sun, 01 Jun 2025 12:34:56 +0000',
      'x-correlation-id': 'corr-outbox-1',
    });
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text).toBe(message.text);
    expect(parsed.html).toBe(message.html);
  });

  it('keeps every one of three mails sent in the same millisecond with the same subject', async () => {
    const mailer = new OutboxMailer({ dir: root, clock });

    const paths = await Promise.all([mailer.write(message), mailer.write(message), mailer.write(message)]);

    expect(new Set(paths).size).toBe(3);
    expect((await readdir(root)).sort()).toEqual([...paths.map((path) => basename(path))].sort());
  });
});

describe('outboxFileBase', () => {
  it('falls back to "mail" for a subject with nothing to slug', () => {
    expect(outboxFileBase(clock.now(), '🍰 !!!')).toBe('2025-06-01T12-34-56.789Z-mail');
  });

  it('keeps the slug short', () => {
    const base = outboxFileBase(clock.now(), 'word '.repeat(40));

    expect(base.length).toBeLessThanOrEqual('2025-06-01T12-34-56.789Z-'.length + 60);
    expect(base).not.toMatch(/-$/);
  });
});
