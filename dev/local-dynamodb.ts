import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBDocumentClient;
  close(): Promise<void>;
}

/** Starts an in-memory DynamoDB (dynalite) on 127.0.0.1; port 0 (the default) picks a free one. */
export async function startLocalDynamo(options: { port?: number } = {}): Promise<LocalDynamo> {
  // SDK v3 warns once per process on Node < 22; the local runtime is allowed Node 20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Tables are ACTIVE at once: dynalite otherwise keeps them CREATING for 500 ms.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const base = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const client = DynamoDBDocumentClient.from(base);
  return {
    endpoint,
    client,
    close: async () => {
      client.destroy();
      // Keep-alive sockets would hold server.close() open until they time out.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
