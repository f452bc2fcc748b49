import { expect } from 'vitest';
import type { TestRuntime } from './local-runtime';

/** The Order is created, its first item refused; then the event changes, so the order may not be finished. */
export async function makeHalfWritten(runtime: TestRuntime['runtime'], eventId: string): Promise<void> {
  const sandboxes = runtime.sandboxes;
  if (sandboxes === undefined) throw new Error('the test runtime runs the sandboxes');
  sandboxes.faults.add({
    vendor: 'revel',
    method: 'POST',
    path: '/resources/OrderItem/',
    action: { kind: 'fail', status: 400, body: '{"error":"refused"}' },
    times: 1,
  });
  const sync = () =>
    fetch(`${runtime.url}/api/events/${eventId}/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${runtime.variables.OPERATOR_TOKEN}` },
    });
  await sync();
  sandboxes.tripleseat.updateEvent(eventId, { status: 'TENTATIVE' });
  const again = (await (await sync()).json()) as { events: Array<{ reason: string }> };
  expect(again.events[0]?.reason).toBe('HALF_WRITTEN_ORDER');
}
