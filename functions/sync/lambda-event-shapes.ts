import type { APIGatewayProxyEventV2, ScheduledEvent, SQSEvent } from 'aws-lambda';

/** What can invoke the one deployed sync function (not to be confused with TripleSeat webhook triggers). */
export type SyncLambdaEvent = SQSEvent | ScheduledEvent | APIGatewayProxyEventV2;

export function isSqsEvent(event: SyncLambdaEvent): event is SQSEvent {
  return (
    'Records' in event &&
    Array.isArray(event.Records) &&
    event.Records.every((record) => record.eventSource === 'aws:sqs')
  );
}

/** EventBridge rules (the 45-minute schedule) deliver `source: 'aws.events'`. */
export function isScheduledEvent(event: SyncLambdaEvent): event is ScheduledEvent {
  return 'source' in event && event.source === 'aws.events';
}
