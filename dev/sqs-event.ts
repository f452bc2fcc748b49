import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';

export interface QueueIdentity {
  queueUrl: string;
  region: string;
  /** Account of the queue ARN; fauxqs and LocalStack use 000000000000. */
  accountId?: string;
}

/** The ARN Lambda puts in eventSourceARN, derived from the queue URL's last path segment. */
export function queueArn({ queueUrl, region, accountId = '000000000000' }: QueueIdentity): string {
  const name = new URL(queueUrl).pathname.split('/').filter(Boolean).at(-1) ?? '';
  return `arn:aws:sqs:${region}:${accountId}:${name}`;
}

/** Builds the event the SQS event source mapping hands a Lambda for one received batch. */
export function toSqsEvent(messages: readonly Message[], queue: QueueIdentity): SQSEvent {
  const eventSourceARN = queueArn(queue);
  return {
    Records: messages.map(
      (m): SQSRecord => ({
        messageId: m.MessageId ?? '',
        receiptHandle: m.ReceiptHandle ?? '',
        body: m.Body ?? '',
        attributes: {
          ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
          SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
          SenderId: m.Attributes?.SenderId ?? '000000000000',
          ApproximateFirstReceiveTimestamp:
            m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
        },
        messageAttributes: toLambdaAttributes(m.MessageAttributes ?? {}),
        md5OfBody: m.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN,
        awsRegion: queue.region,
      }),
    ),
  };
}

// Lambda spells message attributes in lower camel case, binary values as base64 text.
function toLambdaAttributes(attributes: Record<string, MessageAttributeValue>): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    out[name] = {
      dataType: value.DataType ?? 'String',
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined
        ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }
        : {}),
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
    };
  }
  return out;
}
