import { CfnOutput } from 'aws-cdk-lib';
import {
  CONSOLE_PATH,
  MANUAL_SYNC_PATH,
  RUN_STATUS_PATH,
  WEBHOOK_PATH,
} from '#functions/core/contract/routes';
import type { TripleSeatRevelSyncStack } from './stack';

/** What docs/deploy.md tells an operator to copy: URLs, the secret, queues, log groups. */
export function addStackOutputs(stack: TripleSeatRevelSyncStack): void {
  // The $default stage serves at the API's root: no stage segment in the path.
  const endpoint = stack.http.api.apiEndpoint;
  const outputs: Record<string, [value: string, description: string]> = {
    WebhookUrl: [`${endpoint}${WEBHOOK_PATH}`, "TripleSeat's webhook URL"],
    ManualSyncUrl: [`${endpoint}${MANUAL_SYNC_PATH}`, 'Manual sync (Authorization: Bearer <syncApiToken>)'],
    RunStatusUrl: [`${endpoint}${RUN_STATUS_PATH}`, 'A bulk run by id'],
    ConsoleUrl: [`${endpoint}${CONSOLE_PATH}`, 'The operator console (sign in with an operator token)'],
    SecretArn: [stack.secret.secretArn, 'Fill this secret (docs/deploy.md)'],
    LedgerTableName: [stack.ledger.tableName, 'The ledger'],
    QueueUrl: [stack.queues.queue.queueUrl, 'Sync queue'],
    QueueArn: [stack.queues.queue.queueArn, 'Sync queue (redrive destination)'],
    DeadLetterQueueUrl: [stack.queues.deadLetterQueue.queueUrl, 'Sync DLQ'],
    DeadLetterQueueArn: [stack.queues.deadLetterQueue.queueArn, 'Sync DLQ (redrive source)'],
    ScheduleDeadLetterQueueUrl: [
      stack.queues.scheduleDeadLetterQueue.queueUrl,
      'Undeliverable scheduled runs',
    ],
    SyncFunctionName: [stack.sync.function.functionName, 'Sync Lambda'],
    ScheduleRuleName: [stack.schedule.ruleName, 'The reconciliation schedule'],
    VerifierLogGroup: [stack.verifier.logGroup.logGroupName, 'Verifier logs (Logs Insights)'],
    SyncLogGroup: [stack.sync.logGroup.logGroupName, 'Sync logs (Logs Insights)'],
    AlarmTopicArn: [stack.alarmTopic.topicArn, 'Alarm notifications'],
    DashboardName: [stack.dashboard.dashboard.dashboardName, 'CloudWatch dashboard'],
  };
  for (const [id, [value, description]] of Object.entries(outputs))
    new CfnOutput(stack, id, { value, description });
}
