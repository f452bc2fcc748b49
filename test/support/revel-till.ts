import type { Sandboxes, SandboxOrder } from '../../dev/sandbox';

/** Closes a Revel order as a person at the till would: its OrderHistory row gets a `closed` time. */
export async function closeOrderAtTheTill(sandboxes: Sandboxes, orderId: number): Promise<void> {
  const { REVEL_API_URL, REVEL_API_KEY, REVEL_API_SECRET } = sandboxes.env;
  const headers = {
    'API-AUTHENTICATION': `${REVEL_API_KEY}:${REVEL_API_SECRET}`,
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
  const list = await fetch(`${REVEL_API_URL}/resources/OrderHistory/?order=${orderId}`, { headers });
  const [history] = ((await list.json()) as { objects: { id: number }[] }).objects;
  const patched = await fetch(`${REVEL_API_URL}/resources/OrderHistory/${history?.id}/`, {
    method: 'PATCH',
    headers,
    body: JSON.stringify({ closed: '2026-11-27T20:00:00' }),
  });
  if (patched.status >= 300) throw new Error(`closing order ${orderId} answered ${patched.status}`);
}

/**
 * Closed as a person sees it in Revel: `Order.closed`, or the OrderHistory row's close time — the
 * sandbox, like (perhaps) Revel, does not flip `Order.closed` from the row (docs/vendors/sandbox-money.md).
 */
export const closedInRevel = (order: SandboxOrder | undefined): boolean =>
  order?.closed === true || (order?.histories ?? []).some((row) => typeof row.closed === 'string');
