import { describe, expect, it } from 'vitest';
import type { EventResult } from '#functions/core/engine/results';
import { injectedMail } from '#functions/core/notify/outcome-mails';
import { sendMail } from '#functions/core/notify/send-mail';
import { createJsonLogger } from '#functions/platform/logger';
import { testConfig } from '../../../support/builders';
import { MemoryMailer, NOTIFICATIONS } from '../../../support/fake-sync-handler-deps';

const injected: EventResult = {
  id: '1',
  name: 'Party',
  date: null,
  status: 'injected',
  revel_order_id: '9',
  reason: null,
  error: null,
};

function setup(notifications: Record<string, unknown> | null = NOTIFICATIONS) {
  const lines: string[] = [];
  const logger = createJsonLogger({ write: (line) => lines.push(line) });
  const config = testConfig(notifications ? { notifications } : {});
  const mailer = new MemoryMailer();
  return { deps: { config, mailer }, mailer, logger, lines };
}

describe('sendMail', () => {
  it('sends when notifications are configured and the switch for the kind is on', async () => {
    const { deps, mailer, logger } = setup();
    await sendMail(deps, logger, 'onInjected', (s) => injectedMail(s, injected, 'c'));
    expect(mailer.sent).toHaveLength(1);
  });

  it('sends nothing when the switch is off or there are no notifications at all', async () => {
    const off = setup({ ...NOTIFICATIONS, onInjected: false });
    await sendMail(off.deps, off.logger, 'onInjected', (s) => injectedMail(s, injected, 'c'));
    expect(off.mailer.sent).toHaveLength(0);
    const none = setup(null);
    await sendMail(none.deps, none.logger, 'alert', (s) => injectedMail(s, injected, 'c'));
    expect(none.mailer.sent).toHaveLength(0);
  });

  it('logs a failed send without the addresses the error quotes, and does not throw', async () => {
    const { deps, mailer, logger, lines } = setup();
    mailer.failure = new Error('Email address is not verified. <ops@example.com>');
    await expect(
      sendMail(deps, logger, 'onInjected', (s) => injectedMail(s, injected, 'c')),
    ).resolves.toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('mail not sent');
    expect(lines[0]).not.toContain('ops@example.com');
  });
});
