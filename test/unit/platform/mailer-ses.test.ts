import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MailMessage } from '#functions/core/ports/mailer';
import { SesMailer } from '#functions/platform/mailer-ses';
import { parseEml } from '../../support/parse-eml';

const ses = mockClient(SESClient);
const message: MailMessage = {
  from: 'sync@restaurant.example',
  to: ['ops@restaurant.example', 'chef@restaurant.example'],
  subject: 'Injected: Smith wedding (event 55521001)',
  text: 'Order 1234 was created.',
  html: '<p>Order 1234 was created.</p>',
  correlationId: 'webhook:c0ffee00-1111',
};
const clock = { now: () => new Date('2025-06-01T12:00:00Z') };

const sentInput = () => {
  const input = ses.commandCalls(SendRawEmailCommand)[0]?.args[0].input;
  if (input === undefined) throw new Error('nothing was sent');
  return input;
};

beforeEach(() => {
  ses.reset();
  ses.on(SendRawEmailCommand).resolves({ MessageId: 'ses-1' });
});

describe('SesMailer', () => {
  it('sends one raw mail from the sender to every recipient', async () => {
    await new SesMailer({ client: new SESClient({ region: 'us-east-1' }), clock }).send(message);

    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    expect(sentInput()).toMatchObject({
      Source: 'sync@restaurant.example',
      Destinations: ['ops@restaurant.example', 'chef@restaurant.example'],
    });
  });

  it('sends a UTF-8 text and HTML mail carrying the X-Correlation-Id header', async () => {
    await new SesMailer({ client: new SESClient({ region: 'us-east-1' }), clock }).send(message);

    const raw = Buffer.from(sentInput().RawMessage?.Data ?? new Uint8Array()).toString('utf8');
    const parsed = parseEml(raw);
    expect(parsed.headers['x-correlation-id']).toBe('webhook:c0ffee00-1111');
    expect(parsed.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(raw).toContain('Content-Type: text/plain; charset=UTF-8');
    expect(raw).toContain('Content-Type: text/html; charset=UTF-8');
    expect([parsed.subject, parsed.text, parsed.html]).toEqual([message.subject, message.text, message.html]);
  });

  it('tags the mail with the correlation id in the characters SES allows', async () => {
    await new SesMailer({ client: new SESClient({ region: 'us-east-1' }), clock }).send(message);

    expect(sentInput().Tags).toEqual([{ Name: 'correlation_id', Value: 'webhook_c0ffee00-1111' }]);
  });

  it('names the configuration set when one is given', async () => {
    const client = new SESClient({ region: 'us-east-1' });
    await new SesMailer({ client, clock, configurationSetName: 'sync-events' }).send(message);

    expect(sentInput().ConfigurationSetName).toBe('sync-events');
  });

  it('lets an SES error reach the caller', async () => {
    ses.on(SendRawEmailCommand).rejects(new Error('MessageRejected: Email address is not verified'));

    await expect(
      new SesMailer({ client: new SESClient({ region: 'us-east-1' }), clock }).send(message),
    ).rejects.toThrow('MessageRejected');
  });
});
