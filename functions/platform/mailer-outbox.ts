import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Clock, systemClock } from '#functions/core/ports/clock';
import type { Mailer, MailMessage } from '#functions/core/ports/mailer';
import { buildEml } from './eml';

export interface OutboxMailerOptions {
  /** MAIL_OUTBOX_DIR; created on first use. */
  dir: string;
  clock?: Clock;
}

const MAX_SLUG = 60;

/** The local stand-in for SES: one `.eml` file per mail, which any mail client opens. */
export class OutboxMailer implements Mailer {
  readonly #dir: string;
  readonly #clock: Clock;

  constructor(options: OutboxMailerOptions) {
    this.#dir = options.dir;
    this.#clock = options.clock ?? systemClock;
  }

  async send(message: MailMessage): Promise<void> {
    await this.write(message);
  }

  /** Writes the mail and returns the file's path. */
  async write(message: MailMessage): Promise<string> {
    const date = this.#clock.now();
    const eml = buildEml(message, { date });
    await mkdir(this.#dir, { recursive: true });
    const base = outboxFileBase(date, message.subject);
    for (let attempt = 1; ; attempt += 1) {
      const path = join(this.#dir, `${base}${attempt === 1 ? '' : `-${attempt}`}.eml`);
      try {
        // 'wx': two mails in the same millisecond with the same subject must not overwrite each other.
        await writeFile(path, eml, { encoding: 'utf8', flag: 'wx' });
        return path;
      } catch (e: unknown) {
        if (!(e instanceof Error && 'code' in e && e.code === 'EEXIST')) throw e;
      }
    }
  }
}

/**
 * `<ISO timestamp>-<slug of subject>`, sorting by time. The timestamp's colons become dashes:
 * Windows and some archive tools reject `:` in file names.
 */
export function outboxFileBase(date: Date, subject: string): string {
  const slug = subject
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, '');
  return `${date.toISOString().replace(/:/g, '-')}-${slug || 'mail'}`;
}
