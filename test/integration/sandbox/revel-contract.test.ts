import { afterAll, beforeEach } from 'vitest';
import { RevelClient } from '#functions/revel/client';
import { productCatalogue, type Sandboxes, startSandboxes } from '../../../dev/sandbox';
import { describeRevelContract, type RevelWrite } from '../../contract/revel-contract';
import { FakeRevel } from '../../support/fake-revel';

const sandboxes: Sandboxes = await startSandboxes({ now: () => new Date('2025-12-28T20:00:00Z') });
afterAll(() => sandboxes.close());
beforeEach(() => sandboxes.reset());

const paths: Record<RevelWrite, string> = {
  createOrder: '/resources/Order/',
  createOrderItem: '/resources/OrderItem/',
  createPayment: '/resources/Payment/',
  createOrderHistory: '/resources/OrderHistory/',
};

describeRevelContract('RevelClient over the Revel sandbox', () => ({
  revel: new RevelClient({
    apiUrl: sandboxes.env.REVEL_API_URL,
    apiKey: sandboxes.env.REVEL_API_KEY,
    apiSecret: sandboxes.env.REVEL_API_SECRET,
    perSecond: 1_000,
    // Retries and the rate limiter wait on this: nothing in the contract needs real time to pass.
    sleep: async () => {},
  }),
  loseNextAnswer: (write) => {
    sandboxes.faults.add({
      vendor: 'revel',
      method: 'POST',
      path: paths[write],
      action: { kind: 'commit-then-fail' },
    });
  },
  refuseNext: (write) => {
    sandboxes.faults.add({
      vendor: 'revel',
      method: 'POST',
      path: paths[write],
      action: { kind: 'fail', status: 503 },
    });
  },
}));

/** The sandbox's catalogue as the double's products. */
const catalogue = Object.fromEntries(
  Object.entries(productCatalogue).map(([establishment, rows]) => [
    establishment,
    rows.map(([id, name, price, active]) => ({ id, name, priceCents: Math.round(price * 100), active })),
  ]),
);

describeRevelContract('FakeRevel', () => {
  const revel = new FakeRevel(catalogue);
  return {
    revel,
    loseNextAnswer: (write) => revel.failNext(write, 'lost_response'),
    refuseNext: (write) => revel.failNext(write, 'unavailable'),
  };
});
