/** A configured Revel object the orders refer to (docs/vendors/revel.md). */
export type RevelReferenceKind =
  | 'establishment'
  | 'station'
  | 'user'
  | 'discount'
  | 'serviceFee'
  /** An open-price fee product a charge maps to. */
  | 'product';

export interface RevelReferenceState {
  found: boolean;
  /** False when Revel says `active: false`; true when it does not say. */
  active: boolean;
  /** The establishment the object belongs to, when Revel says. */
  establishmentId: number | undefined;
}

/** Read-only look-ups of configured Revel references (implemented by revel/client.ts, cached). */
export interface RevelReferences {
  lookUpReference(kind: RevelReferenceKind, id: number): Promise<RevelReferenceState>;
}
