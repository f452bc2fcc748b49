import { Duration } from 'aws-cdk-lib';
import { SYNC_TIMEOUT_MS } from '#functions/core/bulk/run-deadline';
import type { AwsSdkSource } from './lambda-function';

export interface FunctionDefinition {
  entry: string;
  description: string;
  awsSdk: AwsSdkSource;
  timeout: Duration;
  memorySize: number;
  /** Serves the operator console: its built script and styles ship beside index.mjs. */
  console?: boolean;
}

/**
 * The two Lambdas. The stack builds them from these, and the bundle budget test bundles the same
 * entries with the same SDK choice.
 */
export const verifierDefinition: FunctionDefinition = {
  entry: 'functions/webhook/handler.ts',
  description: 'Verifies TripleSeat webhook signatures and enqueues the event ids',
  // Bundled: ~450 KB, but its import takes a third of the time the runtime's SDK packages take
  // (docs/decisions/0010-verifier-bundles-its-sdk-clients.md).
  awsSdk: 'bundled',
  timeout: Duration.seconds(10),
  // Memory buys CPU: a faster cold start is a faster answer to TripleSeat.
  memorySize: 512,
};

export const syncDefinition: FunctionDefinition = {
  entry: 'functions/sync/handler.ts',
  description: 'Syncs TripleSeat events into Revel orders (queue, schedule, manual route)',
  awsSdk: 'bundled',
  // Bounds one SQS batch, one scheduled run, and one manual single-event sync. Bulk runs stop
  // starting events before it (functions/core/bulk/run-deadline.ts), so the constant lives there.
  timeout: Duration.millis(SYNC_TIMEOUT_MS),
  memorySize: 1024,
  console: true,
};
