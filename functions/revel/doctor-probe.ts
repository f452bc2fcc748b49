import type { RevelProduct } from '#functions/core/domain/model';
import type { RevelReferenceKind, RevelReferenceState } from '#functions/core/ports/revel-references';
import type { RevelOrderShapes, RevelProbe } from '#functions/core/ports/vendor-probes';
import type { RevelClient } from './client';
import { detectOrderShapes } from './order-shapes';
import { revelResource } from './schemas';

/** Revel lists in insertion order unless `order_by` is honoured: the newest is picked from a page. */
const LATEST_PAGE = 20;

/** The doctor's Revel look-ups through the project's own client (same auth, pace and retries). */
export class RevelDoctorProbe implements RevelProbe {
  constructor(
    private readonly client: RevelClient,
    readonly host: string,
  ) {}

  lookUpReference(kind: RevelReferenceKind, id: number): Promise<RevelReferenceState> {
    return this.client.lookUpReference(kind, id);
  }

  lookUpTender(id: number): Promise<RevelReferenceState> {
    return this.client.lookUpTender(id);
  }

  listProducts(establishmentId: number): Promise<RevelProduct[]> {
    return this.client.listProducts(establishmentId);
  }

  async latestOrder(establishmentId: number): Promise<RevelOrderShapes | undefined> {
    const path = `${revelResource.order}?establishment=${establishmentId}&order_by=-created_date&limit=${LATEST_PAGE}`;
    const page = await this.client.readJson(path, `latest orders of establishment ${establishmentId}`);
    const objects = (page as { objects?: unknown }).objects;
    const orders = Array.isArray(objects) ? (objects as Record<string, unknown>[]) : [];
    const newest = orders.reduce<Record<string, unknown> | undefined>((best, o) => {
      if (!best) return o;
      return String(o.created_date ?? '') > String(best.created_date ?? '') ? o : best;
    }, undefined);
    return newest && detectOrderShapes(newest);
  }

  async readOrder(orderId: number): Promise<RevelOrderShapes> {
    return detectOrderShapes(
      await this.client.readJson(`${revelResource.order}${orderId}/`, `read order ${orderId}`),
    );
  }

  voidOrder(orderId: number): Promise<void> {
    return this.client.voidOrder(orderId);
  }
}
