import type { SyncMessage } from '../contract/queue-message';

export interface SyncQueue {
  send(message: SyncMessage): Promise<void>;
}
