import type { APIGatewayProxyEventV2, ScheduledEvent, SQSEvent } from 'aws-lambda';

export type SyncTrigger = SQSEvent | ScheduledEvent | APIGatewayProxyEventV2;

export function isSqsEvent(event: SyncTrigger): event is SQSEvent {
  return (
    'Records' in event &&
    Array.isArray(event.Records) &&
    event.Records.every((record) => record.eventSource === 'aws:sqs')
  );
}

/** EventBridge rules (the 45-minute schedule) deliver `source: 'aws.events'`. */
export function isScheduledEvent(event: SyncTrigger): event is ScheduledEvent {
  return 'source' in event && event.source === 'aws.events';
}
