import { DEFAULT_HOURS_BACK } from '#functions/core/contract/hours-back';
import { MAX_RECEIVE_COUNT } from '#functions/core/contract/queue-message';
import {
  CONSOLE_PATH,
  MANUAL_SYNC_PATH,
  RUNS_PATH,
  runStatusPath,
  WEBHOOK_PATH,
} from '#functions/core/contract/routes';
import { localDefaults } from './local-defaults';
import type { LocalScheduler } from './local-scheduler';
import type { Sandboxes } from './sandbox';

interface RuntimeFacts {
  url: string;
  env: Readonly<Record<string, string>>;
  queueUrl: string;
  dlqUrl: string;
  sandboxes: Sandboxes | undefined;
  scheduler: Pick<LocalScheduler, 'intervalMinutes'>;
}

const fakeLocalSecrets = new Set<string>([
  localDefaults.webhookSigningSecret,
  localDefaults.syncApiToken,
  localDefaults.operatorToken,
]);

/** The first operator's token, when it is the fake local one (`npm run ops` and the console sign in with it). */
function localOperatorToken(env: Readonly<Record<string, string>>): Record<string, string> {
  const token = env.OPERATOR_TOKENS?.split(',')[0]?.split(':')[1]?.trim() ?? '';
  return fakeLocalSecrets.has(token) ? { OPERATOR_TOKEN: token } : {};
}

/**
 * The `KEY=value` lines for scripts. Credentials appear only when they are the fake local ones
 * (dev defaults, sandbox credentials): a secret the user supplied is never echoed.
 */
export function localVariables(runtime: RuntimeFacts): Record<string, string> {
  const { env, sandboxes } = runtime;
  const signingSecret = env.WEBHOOK_SIGNING_SECRETS?.split(',')[0] ?? '';
  const token = env.SYNC_API_TOKEN ?? '';
  return {
    WEBHOOK_URL: `${runtime.url}${WEBHOOK_PATH}`,
    SYNC_URL: `${runtime.url}${MANUAL_SYNC_PATH}`,
    RUNS_URL: `${runtime.url}${RUNS_PATH}`,
    SCHEDULE_URL: `${runtime.url}/__local/schedule`,
    CONSOLE_URL: `${runtime.url}${CONSOLE_PATH}`,
    ...(fakeLocalSecrets.has(token) ? { SYNC_API_TOKEN: token } : {}),
    ...(fakeLocalSecrets.has(signingSecret) ? { WEBHOOK_SIGNING_SECRET: signingSecret } : {}),
    ...(sandboxes
      ? sandboxes.env
      : { TRIPLESEAT_API_URL: env.TRIPLESEAT_API_URL ?? '', REVEL_API_URL: env.REVEL_API_URL ?? '' }),
    QUEUE_URL: runtime.queueUrl,
    DLQ_URL: runtime.dlqUrl,
    OPS_URL: runtime.url,
    ...localOperatorToken(env),
    SQS_ENDPOINT: env.SQS_ENDPOINT ?? '',
    DYNAMODB_ENDPOINT: env.DYNAMODB_ENDPOINT ?? '',
    LEDGER_TABLE: env.LEDGER_TABLE ?? '',
    OUTBOX_DIR: env.MAIL_OUTBOX_DIR ?? '',
    ...(sandboxes
      ? {
          SEEDED_EVENT_IDS: sandboxes.seededEventIds.all.join(','),
          ELIGIBLE_EVENT_IDS: sandboxes.seededEventIds.eligible.join(','),
        }
      : {}),
  };
}

export function formatVariables(variables: Readonly<Record<string, string>>): string {
  return `${Object.entries(variables)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}

/** For people, on stderr; scripts read the KEY=value lines on stdout instead. */
export function localBanner(runtime: RuntimeFacts): string {
  const { env, sandboxes } = runtime;
  const every = runtime.scheduler.intervalMinutes;
  const vendors = sandboxes
    ? [
        `  TripleSeat sandbox  ${sandboxes.env.TRIPLESEAT_API_URL}`,
        `  Revel sandbox       ${sandboxes.env.REVEL_API_URL}   (orders: GET /__sandbox/state)`,
        `  Eligible today      ${sandboxes.seededEventIds.eligible.join(', ')}`,
      ]
    : [`  TripleSeat          ${env.TRIPLESEAT_API_URL}`, `  Revel               ${env.REVEL_API_URL}`];
  return [
    '',
    'tripleseat-revel-sync — local runtime (no AWS account, no vendor credentials needed)',
    `  Webhook             POST ${runtime.url}${WEBHOOK_PATH}      npm run webhook -- <event id>`,
    `  Manual sync         GET  ${runtime.url}${MANUAL_SYNC_PATH}?event_id=<id> | ?hours_back=${DEFAULT_HOURS_BACK}`,
    '                      with Authorization: Bearer $SYNC_API_TOKEN',
    `  Bulk run progress   GET  ${runtime.url}${runStatusPath('<run id>')}`,
    `  Console             ${runtime.url}${CONSOLE_PATH}   (sign in with the local operator token)`,
    `  Schedule            ${every > 0 ? `every ${every} min` : 'timer off'}; npm run schedule fires one run now`,
    `  Queue (fauxqs)      ${runtime.queueUrl}  → DLQ after ${MAX_RECEIVE_COUNT} receives`,
    `  Ledger (dynalite)   ${env.DYNAMODB_ENDPOINT}  table ${env.LEDGER_TABLE}`,
    `  Mail outbox         ${env.MAIL_OUTBOX_DIR}`,
    `  Operator API        ${runtime.url}/api/events …  npm run ops -- runs | status <id> | settings`,
    '                      with Authorization: Bearer $OPERATOR_TOKEN',
    ...vendors,
    'KEY=value lines for scripts are on stdout; JSON log lines follow here. Ctrl-C stops.',
    '',
  ].join('\n');
}
