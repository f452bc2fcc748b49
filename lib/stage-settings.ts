import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';
import { DEFAULT_HOURS_BACK, hoursBackSchema } from '#functions/core/contract/hours-back';
import { DEFAULT_SCHEDULE_MINUTES } from '#functions/core/contract/schedule';
import { parseWith } from '#functions/core/domain/parse-with';

const retentionDays = new Set<number>(
  Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'),
);

const throttleSchema = z.strictObject({
  rateLimit: z.number().positive(),
  burstLimit: z.number().int().positive(),
});

/** Everything that differs between dev and prod; one file per stage in config/stages/<stage>.json. */
export const stageSettingsSchema = z
  .strictObject({
    /** Part of the stack name, so stages deploy side by side in one account. */
    stage: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'lower-case letters, digits and dashes'),
    /** Pin the stack to an account/region; absent = wherever the deploying credentials point. */
    account: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
      .optional(),
    /** Subscribed to the alarm topic (confirm the e-mail AWS sends after the first deploy). */
    alarmEmail: z.email(),
    mail: z.strictObject({
      /** The verified SES identity (domain or address); the send permission is scoped to it. */
      identity: z.string().min(3),
      sender: z.email(),
      recipients: z.array(z.email()).min(1),
    }),
    scheduleRateMinutes: z.number().int().min(5).max(720).default(DEFAULT_SCHEDULE_MINUTES),
    hoursBack: z._default(hoursBackSchema, DEFAULT_HOURS_BACK),
    logRetentionDays: z
      .number()
      .int()
      .refine((d) => retentionDays.has(d), 'not a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, …)')
      .default(30),
    /**
     * The functions' application log level: their logger's (LOG_LEVEL) and Lambda's own filter of
     * the JSON log stream (lib/lambda-function.ts). No higher than info: the EMF metric lines carry
     * no level, so Lambda files them as INFO, and a warn filter would drop the metrics every custom
     * alarm reads.
     */
    logLevel: z.enum(['debug', 'info']).default('info'),
    /** Lambda's own lines: START and END, REPORT (duration, memory, init time), runtime errors. */
    systemLogLevel: z.enum(['debug', 'info', 'warn']).default('info'),
    tripleseatApiUrl: z.url().default('https://api.tripleseat.com'),
    revelApiUrl: z.url(),
    /** The sync config (locations, mapping, policy), relative to the project root. */
    syncConfigFile: z.string().min(1),
    /** Whole API; TripleSeat sends one delivery per change, so bursts stay small. */
    apiThrottle: throttleSchema.default({ rateLimit: 20, burstLimit: 40 }),
    /** The manual routes, tighter: they start vendor traffic and guard a bearer token. */
    manualRouteThrottle: throttleSchema.default({ rateLimit: 1, burstLimit: 5 }),
    /**
     * The operator API's reading routes (a console view makes a few calls at once); its writing routes
     * (POST, PUT: a sync, a redrive, a setting) take the manual routes' throttle.
     */
    operatorRouteThrottle: throttleSchema.default({ rateLimit: 5, burstLimit: 20 }),
    /**
     * A production stage refuses placeholder addresses and the example sync config at synth
     * (lib/production-guard.ts); absent, only the stage named `prod` is one.
     */
    production: z.boolean().optional(),
    /** CloudFormation refuses to delete the stack while this is on (prod). */
    terminationProtection: z.boolean().default(false),
    /** Webhook 401s in five minutes that count as a spike (a rotated key, or someone probing). */
    webhookRejectedAlarmThreshold: z.number().int().min(1).default(10),
  })
  .refine((s) => s.mail.sender === s.mail.identity || s.mail.sender.endsWith(`@${s.mail.identity}`), {
    message: 'mail.sender must be the SES identity or an address in its domain',
    path: ['mail', 'sender'],
  });

export type StageSettings = z.infer<typeof stageSettingsSchema>;

export class StageSettingsError extends Error {
  override readonly name = 'StageSettingsError';
}

/** Validates stage settings; the error names the file and the first bad field. */
export function parseStageSettings(raw: unknown, source: string): StageSettings {
  return parseWith(
    stageSettingsSchema,
    raw,
    ({ path, message }) =>
      new StageSettingsError(`${source}: invalid field "${path || '(root)'}": ${message}`),
  );
}

export const stageSettingsFile = (projectRoot: string, stage: string) =>
  join(projectRoot, 'config', 'stages', `${stage}.json`);

/** Reads config/stages/<stage>.json; `overrides` (from `-c key=value`) win over the file. */
export function loadStageSettings(
  projectRoot: string,
  stage: string,
  overrides: Partial<Record<'alarmEmail', string>> = {},
): StageSettings {
  if (!/^[a-z][a-z0-9-]*$/.test(stage)) throw new StageSettingsError(`stage "${stage}" is not a valid name`);
  const file = stageSettingsFile(projectRoot, stage);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e: unknown) {
    throw new StageSettingsError(`cannot read stage settings ${file}: ${(e as Error).message}`);
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const settings = parseStageSettings({ ...(raw as object), ...defined }, file);
  if (settings.stage !== stage) throw new StageSettingsError(`${file}: "stage" must be "${stage}"`);
  return settings;
}
