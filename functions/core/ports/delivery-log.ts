/** Remembers webhook deliveries so a re-sent delivery is answered `duplicate` (≥ 3 days). */
export interface DeliveryLog {
  /** True the first time a key is seen; false when it was remembered already. */
  rememberDelivery(key: string, ttlDays: number): Promise<boolean>;
  /** Undoes `rememberDelivery` when the delivery could not be enqueued, so TripleSeat's retry is not lost. */
  forgetDelivery(key: string): Promise<void>;
}
