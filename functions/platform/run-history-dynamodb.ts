import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { RunHistory } from '#functions/core/ports/run-history';
import type { RunRecord } from '#functions/core/ports/runs';
import { RUN_KEY_PREFIX } from './ledger-keys';
import { parseRunRecord } from './run-store-dynamodb';

/**
 * The recent bulk runs. The table has no index (ledger-keys.ts), so this scans for RUN# items: fine
 * for an operator's page now and then, never on a sync's path. Runs expire after 30 days.
 */
export class DynamoDbRunHistory implements RunHistory {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async recentRuns(limit: number): Promise<RunRecord[]> {
    const runs: RunRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new ScanCommand({
          TableName: this.#tableName,
          FilterExpression: 'begins_with(#pk, :run)',
          ProjectionExpression: '#pk, #summary',
          ExpressionAttributeNames: { '#pk': 'pk', '#summary': 'summary' },
          ExpressionAttributeValues: { ':run': RUN_KEY_PREFIX },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const runId = String(item.pk).slice(RUN_KEY_PREFIX.length);
        try {
          runs.push(parseRunRecord(runId, JSON.parse(String(item.summary)) as Record<string, unknown>));
        } catch {
          // A malformed run is still readable one by one (GET /api/sync/runs/{id} says what is wrong).
        }
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
  }
}
