import type { RevelOrderItem, RevelOrderMoney, RevelPayment } from '#functions/core/domain/model';

/** One order just written, asking to be read back. */
export interface ReadBackRequest {
  establishmentId: number;
  orderId: number;
  /** Its payments are needed: the run wrote some (an order created without any holds none). */
  payments: boolean;
}

/** What the shared lists said of one order; `payments` only when asked for. */
export interface SharedReadBackRows {
  order: RevelOrderMoney;
  items: RevelOrderItem[];
  payments?: RevelPayment[] | undefined;
}

/** Handed to one sync of a batch: undefined = read the order alone (the shared read failed). */
export interface SharedReadBack {
  read(request: ReadBackRequest): Promise<SharedReadBackRows | undefined>;
}
