import type {
  ReadBackRequest,
  SharedReadBack,
  SharedReadBackRows,
} from '#functions/core/deps/shared-read-back';
import { describeError } from '#functions/core/domain/errors';
import type { Logger } from '#functions/core/ports/logger';
import type { RevelApi } from '#functions/core/ports/revel-api';

/** Orders per shared read: ≥ 10 keeps it at ≤ 0.2 requests an order; 20 ids stay one short page. */
export const READ_BACK_BATCH = 20;

interface Waiting {
  request: ReadBackRequest;
  resolve: (rows: SharedReadBackRows | undefined) => void;
}

/**
 * The read-back shared by the syncs of one batch (a queue batch, a bulk run): each written order waits
 * until every sync still running is waiting too (or `READ_BACK_BATCH` are), then they are read
 * together — per establishment one Order list, one OrderItem list and, for the orders with payments,
 * one Payment list. A shared read that fails resolves its orders with undefined: each is then read
 * alone, as a sync outside any batch is.
 */
export class BatchReadBack implements SharedReadBack {
  #unfinished = 0;
  #waiting: Waiting[] = [];

  constructor(
    private readonly revel: RevelApi,
    private readonly logger: Logger,
    private readonly batchSize = READ_BACK_BATCH,
  ) {}

  /** `count` more syncs take part; each must end with `leave()`. */
  join(count = 1): void {
    this.#unfinished += count;
  }

  /** A sync is done (or will not read back): the others stop waiting for it. */
  leave(count = 1): void {
    this.#unfinished -= count;
    this.#flushIfAllWait();
  }

  read(request: ReadBackRequest): Promise<SharedReadBackRows | undefined> {
    const answer = new Promise<SharedReadBackRows | undefined>((resolve) =>
      this.#waiting.push({ request, resolve }),
    );
    this.#flushIfAllWait();
    return answer;
  }

  #flushIfAllWait(): void {
    const waiting = this.#waiting.length;
    if (waiting === 0 || (waiting < this.#unfinished && waiting < this.batchSize)) return;
    const batch = this.#waiting;
    this.#waiting = [];
    // The waiting syncs are still "unfinished" until they leave: a new wait starts a new batch.
    void this.#readTogether(batch);
  }

  async #readTogether(batch: Waiting[]): Promise<void> {
    const byEstablishment = new Map<number, Waiting[]>();
    for (const w of batch) {
      const group = byEstablishment.get(w.request.establishmentId) ?? [];
      group.push(w);
      byEstablishment.set(w.request.establishmentId, group);
    }
    await Promise.all(
      [...byEstablishment].map(([establishmentId, group]) => this.#readGroup(establishmentId, group)),
    );
  }

  async #readGroup(establishmentId: number, group: Waiting[]): Promise<void> {
    const ids = group.map((w) => w.request.orderId);
    const withPayments = group.filter((w) => w.request.payments).map((w) => w.request.orderId);
    try {
      const orders = await this.revel.listOrdersById(establishmentId, ids);
      const items = await this.revel.listItemsOfOrders(ids);
      const payments = withPayments.length > 0 ? await this.revel.listPaymentsOfOrders(withPayments) : [];
      for (const { request, resolve } of group) {
        const order = orders.find((o) => o.id === request.orderId);
        // Not listed: read alone, where a missing order is the error it should be.
        if (order === undefined) {
          resolve(undefined);
          continue;
        }
        resolve({
          order,
          items: items.filter((i) => i.orderId === request.orderId),
          ...(request.payments ? { payments: payments.filter((p) => p.orderId === request.orderId) } : {}),
        });
      }
    } catch (e: unknown) {
      this.logger.warn('shared read-back failed; reading each order alone', {
        establishment_id: establishmentId,
        orders: ids.length,
        error: describeError(e),
      });
      for (const { resolve } of group) resolve(undefined);
    }
  }
}
