import { type SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { type Clock, systemClock } from '#functions/core/ports/clock';
import type { Mailer, MailMessage } from '#functions/core/ports/mailer';
import { buildEml } from './eml';

export interface SesMailerOptions {
  client: SESClient;
  clock?: Clock;
  /** SES configuration set, when event publishing (bounces, deliveries) is wired up. */
  configurationSetName?: string;
}

/**
 * Mail through SES. SendRawEmail rather than SendEmail: SendEmail cannot set custom headers, and
 * X-Correlation-Id must travel in the mail itself; the bytes are the very ones the local outbox
 * writes. The correlation id is also a message tag, so SES event publishing can be traced too.
 * (IAM: `ses:SendRawEmail`, which SES's `grantSendEmail` includes.)
 */
export class SesMailer implements Mailer {
  readonly #client: SESClient;
  readonly #clock: Clock;
  readonly #configurationSetName: string | undefined;

  constructor(options: SesMailerOptions) {
    this.#client = options.client;
    this.#clock = options.clock ?? systemClock;
    this.#configurationSetName = options.configurationSetName;
  }

  async send(message: MailMessage): Promise<void> {
    const eml = buildEml(message, { date: this.#clock.now() });
    await this.#client.send(
      new SendRawEmailCommand({
        Source: message.from,
        Destinations: [...message.to],
        RawMessage: { Data: Buffer.from(eml, 'utf8') },
        Tags: [{ Name: 'correlation_id', Value: tagValue(message.correlationId) }],
        ...(this.#configurationSetName === undefined
          ? {}
          : { ConfigurationSetName: this.#configurationSetName }),
      }),
    );
  }
}

/** SES tag values allow only ASCII letters, digits, `_` and `-`, at most 256 characters (SES API). */
const tagValue = (value: string): string => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || 'none';
