import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { MAX_RECEIVE_COUNT } from '#functions/core/contract/queue-message';

export interface LocalQueueOptions {
  /** Name of a dead-letter queue, created when missing; the queue redrives to it. */
  dlq?: string;
  /** Receives before a message moves to the DLQ (default: the stack's, MAX_RECEIVE_COUNT). */
  maxReceiveCount?: number;
  visibilityTimeoutSeconds?: number;
}

export interface LocalSqs {
  endpoint: string;
  region: string;
  /** Points at the server itself (fauxqs queue URLs name a host that does not resolve here). */
  client: SQSClient;
  /** Creates the queue (and its DLQ) if missing; returns the queue URL. */
  createQueue(name: string, options?: LocalQueueOptions): Promise<string>;
  queueUrl(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts an in-memory SQS server (fauxqs) on 127.0.0.1; port 0 (the default) picks a free one.
 * Queues are made through the SQS API, exactly as a deployed stack would have them.
 */
export async function startLocalSqs(options: { port?: number; region?: string } = {}): Promise<LocalSqs> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const region = options.region ?? 'us-east-1';
  const server = await startFauxqs({ port: options.port ?? 0, logger: false, defaultRegion: region });
  const endpoint = server.address;
  const client = new SQSClient({
    region,
    endpoint,
    useQueueUrlAsEndpoint: false,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  const queueUrl = async (name: string): Promise<string> => {
    const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: name }));
    if (QueueUrl === undefined) throw new Error(`local SQS returned no URL for queue ${name}`);
    return QueueUrl;
  };

  const create = async (name: string, attributes: Record<string, string>): Promise<string> => {
    const { QueueUrl } = await client.send(
      new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
    );
    if (QueueUrl === undefined) throw new Error(`local SQS returned no URL for queue ${name}`);
    return QueueUrl;
  };

  const createQueue = async (name: string, queue: LocalQueueOptions = {}): Promise<string> => {
    const attributes: Record<string, string> = {};
    if (queue.visibilityTimeoutSeconds !== undefined) {
      attributes.VisibilityTimeout = String(queue.visibilityTimeoutSeconds);
    }
    if (queue.dlq !== undefined) {
      const dlqUrl = await create(queue.dlq, {});
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
      );
      const deadLetterTargetArn = Attributes?.QueueArn;
      if (deadLetterTargetArn === undefined) throw new Error(`local SQS returned no ARN for ${queue.dlq}`);
      attributes.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn,
        maxReceiveCount: queue.maxReceiveCount ?? MAX_RECEIVE_COUNT,
      });
    }
    return create(name, attributes);
  };

  return {
    endpoint,
    region,
    client,
    createQueue,
    queueUrl,
    close: async () => {
      client.destroy();
      await server.stop();
    },
  };
}
