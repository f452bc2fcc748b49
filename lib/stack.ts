import { Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { DELIVERY_KEY_PREFIX } from '#functions/platform/ledger-keys';
import { createAppSecret } from './app-secret';
import { syncDefinition, verifierDefinition } from './function-definitions';
import { LambdaFunction } from './lambda-function';
import { createLedgerTable, DELIVERY_LOG_ACTIONS, LEDGER_ACTIONS } from './ledger';
import { isProductionStage } from './production-guard';
import { SYNC_CONFIG_FILE_NAME, SYNC_CONFIG_METADATA_KEY, SYNC_CONFIG_PATH } from './shipped-sync-config';
import { addStackOutputs } from './stack-outputs';
import type { StageSettings } from './stage-settings';
import { SyncAlarms } from './sync-alarms';
import { SyncDashboard } from './sync-dashboard';
import { SyncHttpApi } from './sync-http-api';
import {
  QUEUE_BATCH_SIZE,
  QUEUE_BATCHING_WINDOW_SECONDS,
  QUEUE_MAX_CONCURRENCY,
  SyncQueues,
} from './sync-queues';

export interface TripleSeatRevelSyncStackProps extends StackProps {
  settings: StageSettings;
  /** The validated sync config JSON, shipped inside the sync bundle (shipped-sync-config.ts). */
  syncConfigJson: string;
  /** Where functions/ and package-lock.json are. */
  projectRoot: string;
}

export const SCHEDULE_RETRY_ATTEMPTS = 2;
/** Lambda's own retries of a scheduled run that failed inside the function (its default is 2, over 6 h). */
export const SCHEDULED_RUN_LAMBDA_RETRIES = 1;

export const stackName = (stage: string): string => `TripleSeatRevelSync-${stage}`;
export const metricsNamespace = (stage: string): string => `TripleSeatRevelSync/${stage}`;

/** Everything one stage runs on: docs/deploy.md walks through it. */
export class TripleSeatRevelSyncStack extends Stack {
  readonly ledger: Table;
  readonly secret: Secret;
  readonly queues: SyncQueues;
  readonly verifier: LambdaFunction;
  readonly sync: LambdaFunction;
  readonly schedule: Rule;
  readonly http: SyncHttpApi;
  readonly alarmTopic: Topic;
  readonly alarms: SyncAlarms;
  readonly dashboard: SyncDashboard;

  constructor(scope: Construct, id: string, props: TripleSeatRevelSyncStackProps) {
    super(scope, id, props);
    const { settings, projectRoot } = props;
    const namespace = metricsNamespace(settings.stage);

    this.ledger = createLedgerTable(this, 'Ledger', { production: isProductionStage(settings) });
    this.secret = createAppSecret(this, 'AppSecrets', settings.stage);
    this.queues = new SyncQueues(this, 'SyncQueues', { consumerTimeout: syncDefinition.timeout });
    const { queue, deadLetterQueue, scheduleDeadLetterQueue } = this.queues;

    // Names and addresses only: credentials are read from the secret at run time.
    const environment = {
      LEDGER_TABLE: this.ledger.tableName,
      QUEUE_URL: queue.queueUrl,
      SECRET_ARN: this.secret.secretArn,
      LOG_LEVEL: settings.logLevel,
      METRICS_NAMESPACE: namespace,
    };
    const common = {
      projectRoot,
      logRetention: settings.logRetentionDays,
      logLevels: { application: settings.logLevel, system: settings.systemLogLevel },
    };
    this.verifier = new LambdaFunction(this, 'Verifier', { ...common, ...verifierDefinition, environment });
    this.sync = new LambdaFunction(this, 'Sync', {
      ...common,
      ...syncDefinition,
      environment: {
        ...environment,
        SYNC_CONFIG: SYNC_CONFIG_PATH,
        DLQ_URL: deadLetterQueue.queueUrl,
        // The console's "next scheduled run" counts from the rule's interval.
        SCHEDULE_RATE_MINUTES: String(settings.scheduleRateMinutes),
        TRIPLESEAT_API_URL: settings.tripleseatApiUrl,
        REVEL_API_URL: settings.revelApiUrl,
      },
      assetFiles: { [SYNC_CONFIG_FILE_NAME]: props.syncConfigJson },
    });
    const verifierFn = this.verifier.function;
    const syncFn = this.sync.function;
    // The shipped config, also as a template value: `cdk diff` then shows a mapping change field by
    // field, not only as a new code hash (docs/decisions/0003). Read by nobody at run time.
    (syncFn.node.defaultChild as CfnFunction).addMetadata(
      SYNC_CONFIG_METADATA_KEY,
      JSON.parse(props.syncConfigJson),
    );

    // The verifier records deliveries and enqueues; sync also enqueues (manual bulk runs go 202).
    for (const fn of [verifierFn, syncFn]) {
      queue.grantSendMessages(fn);
      this.secret.grantRead(fn);
    }
    Validations.of(verifierFn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Only API Gateway invokes the verifier, synchronously; a DLQ receives failed asynchronous invocations only. A failure answers TripleSeat 5xx, which re-sends (and the VerifierErrors and HttpApiServerErrors alarms fire).',
    });
    Validations.of(syncFn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        "The sync function's one asynchronous caller, the schedule, has an on-failure destination instead (configureAsyncInvoke below: the schedule DLQ), which AWS recommends over a DLQ; its SQS and HTTP invocations are not asynchronous.",
    });
    this.ledger.grant(syncFn, ...LEDGER_ACTIONS);
    // The operator API lists the dead letters and redrives them into the queue (docs/operator-api.md).
    deadLetterQueue.grantConsumeMessages(syncFn);
    // The internet-facing verifier touches delivery records only, never an event's lease or outcome.
    verifierFn.addToRolePolicy(
      new PolicyStatement({
        actions: [...DELIVERY_LOG_ACTIONS],
        resources: [this.ledger.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${DELIVERY_KEY_PREFIX}*`] } },
      }),
    );
    // TripleSeat may rotate the refresh token on every refresh: sync writes the new one back into
    // the secret, or the next instance to refresh would present a spent one. A new version is all it
    // needs (no UpdateSecret, no version-stage moves); the verifier only reads.
    syncFn.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:PutSecretValue'], resources: [this.secret.secretArn] }),
    );
    // Mail goes only to the stage's recipients, whatever a changed config or a bug asks for.
    const mailIdentity = EmailIdentity.fromEmailIdentityName(this, 'MailIdentity', settings.mail.identity);
    syncFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [mailIdentity.emailIdentityArn],
        conditions: { 'ForAllValues:StringLike': { 'ses:Recipients': settings.mail.recipients } },
      }),
    );

    Validations.of(syncFn).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        "An SQS event source takes no on-failure destination (Lambda offers one for stream and Kafka sources): the queue's redrive policy moves a message to the sync DLQ after its last receive (DeadLetterQueueNotEmpty alarm).",
    });
    syncFn.addEventSource(
      new SqsEventSource(queue, {
        // Sized so the vendors' shared pace is the only limit: the arithmetic is in sync-queues.ts.
        batchSize: QUEUE_BATCH_SIZE,
        maxBatchingWindow: Duration.seconds(QUEUE_BATCHING_WINDOW_SECONDS),
        reportBatchItemFailures: true,
        // Caps the instances working the queue; the vendors' pace is shared by every instance
        // (docs/decisions/0009-vendor-rate-limits-across-instances.md).
        maxConcurrency: QUEUE_MAX_CONCURRENCY,
      }),
    );
    this.schedule = new Rule(this, 'Schedule', {
      description: `Bulk reconciliation every ${settings.scheduleRateMinutes} minutes: the safety net for missed webhooks`,
      schedule: Schedule.rate(Duration.minutes(settings.scheduleRateMinutes)),
      // No custom input: the handler recognises the scheduled event by its own shape.
      targets: [
        new LambdaTarget(syncFn, {
          retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
          // A run older than one interval is worthless: the next one is already due.
          maxEventAge: Duration.minutes(settings.scheduleRateMinutes),
          deadLetterQueue: scheduleDeadLetterQueue,
        }),
      ],
    });
    // The rule hands the run to Lambda asynchronously; without this, Lambda would retry a failed run
    // twice over up to 6 h and then drop it silently. One retry within the interval, then the DLQ
    // (ScheduleDeadLetterQueueNotEmpty alarm): the next scheduled run is the real retry.
    syncFn.configureAsyncInvoke({
      retryAttempts: SCHEDULED_RUN_LAMBDA_RETRIES,
      maxEventAge: Duration.minutes(settings.scheduleRateMinutes),
      onFailure: new SqsDestination(scheduleDeadLetterQueue),
    });
    this.http = new SyncHttpApi(this, 'Http', {
      stage: settings.stage,
      verifier: verifierFn,
      sync: syncFn,
      apiThrottle: settings.apiThrottle,
      manualRouteThrottle: settings.manualRouteThrottle,
      operatorRouteThrottle: settings.operatorRouteThrottle,
      logRetention: settings.logRetentionDays,
    });

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `tripleseat-revel-sync ${settings.stage} alarms`,
      enforceSSL: true,
    });
    const alarmMail = this.alarmTopic.addSubscription(new EmailSubscription(settings.alarmEmail));
    Validations.of(alarmMail).acknowledge({
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        'An e-mail subscription, which SNS retries itself; a DLQ of undeliverable alarm mails would need an alarm of its own, and that alarm would mail through this same topic.',
    });
    this.alarms = new SyncAlarms(this, 'Alarms', {
      topic: this.alarmTopic,
      metricsNamespace: namespace,
      verifier: verifierFn,
      sync: syncFn,
      queue,
      queueVisibilityTimeout: this.queues.visibilityTimeout,
      deadLetterQueue,
      scheduleDeadLetterQueue,
      httpStage: this.http.stage,
      scheduleRateMinutes: settings.scheduleRateMinutes,
      webhookRejectedThreshold: settings.webhookRejectedAlarmThreshold,
    });
    this.dashboard = new SyncDashboard(this, 'Dashboard', {
      dashboardName: stackName(settings.stage),
      metricsNamespace: namespace,
      api: this.http.api,
      verifier: verifierFn,
      queue,
      deadLetterQueue,
      scheduleDeadLetterQueue,
    });
    addStackOutputs(this);
  }
}
