import type { SandboxAdmin } from './admin-routes';
import { Faults } from './faults';
import { busiestSecond } from './request-rate';
import { RevelSandbox } from './revel-sandbox';
import { TripleSeatSandbox } from './tripleseat-sandbox';
import { eligibleEventIds, seededEventIds } from './tripleseat-seed';

export type { FaultAction, FaultReport, FaultRule, Vendor } from './faults';
export { Faults, InvalidFaultRuleError } from './faults';
export type { InvoiceRow } from './invoice-html';
export { type BusiestSecond, busiestSecond, requestsPerSecond } from './request-rate';
export type { SandboxOrder } from './revel-sandbox';
export { RevelSandbox } from './revel-sandbox';
export { legacyOrderId, productCatalogue, type RevelObject, revelCredentials } from './revel-seed';
export type { TripleSeatDocument, TripleSeatEvent, TripleSeatLineItem } from './tripleseat-event';
export type { FillerOptions } from './tripleseat-event-builder';
export { tripleSeatCredentials } from './tripleseat-oauth';
export {
  defaultTripleSeatBehaviour,
  type PublicDocument,
  type PublicEvent,
  type PublicPayment,
  type TripleSeatBehaviour,
} from './tripleseat-public';
export { TripleSeatSandbox } from './tripleseat-sandbox';
export type { RequestLogEntry } from './vendor-server';

export interface SandboxOptions {
  /** Clock for seeded dates, token expiry and Revel default timestamps; rate limiting uses real time. */
  now?: () => Date;
  tripleseatPort?: number;
  revelPort?: number;
  tokenTtlSeconds?: number;
  tripleseatPerSecond?: number;
}

/** KEY=value pairs the sync reads; a type alias, so it is also a `Record<string, string>`. */
export type SandboxEnv = {
  TRIPLESEAT_API_URL: string;
  TRIPLESEAT_CLIENT_ID: string;
  TRIPLESEAT_CLIENT_SECRET: string;
  REVEL_API_URL: string;
  REVEL_API_KEY: string;
  REVEL_API_SECRET: string;
};

export interface Sandboxes {
  tripleseat: TripleSeatSandbox;
  revel: RevelSandbox;
  faults: Faults;
  /** Exactly what the sync needs to talk to these sandboxes (origins, sandbox credentials). */
  env: SandboxEnv;
  seededEventIds: { eligible: string[]; all: string[] };
  /** Re-seeds both sandboxes and clears the faults (what `POST /__sandbox/reset` does). */
  reset(): void;
  close(): Promise<void>;
}

/** Starts the TripleSeat and Revel sandboxes on 127.0.0.1, sharing one set of faults. */
export async function startSandboxes(options: SandboxOptions = {}): Promise<Sandboxes> {
  const faults = new Faults();
  const admin: SandboxAdmin = {
    faults,
    reset: () => {
      tripleseat.reset();
      revel.reset();
      faults.clear();
    },
    state: () => ({
      orders: revel.orders(),
      requestCounts: { tripleseat: tripleseat.requestLog().length, revel: revel.requestLog().length },
      busiestSecond: {
        tripleseat: busiestSecond(tripleseat.requestLog()),
        revel: busiestSecond(revel.requestLog()),
      },
      tripleseat: tripleseat.state(),
      faults: faults.report(),
    }),
    behaviour: {
      tripleseat: {
        behaviour: () => tripleseat.behaviour(),
        behave: (changes) => tripleseat.behave(changes),
      },
      revel: { behaviour: () => revel.behaviour(), behave: (changes) => revel.behave(changes) },
    },
  };
  const tripleseat = await TripleSeatSandbox.start({
    port: options.tripleseatPort ?? 0,
    now: options.now,
    tokenTtlSeconds: options.tokenTtlSeconds,
    perSecond: options.tripleseatPerSecond,
    faults,
    admin,
  });
  let revel: RevelSandbox;
  try {
    revel = await RevelSandbox.start({ port: options.revelPort ?? 0, now: options.now, faults, admin });
  } catch (e: unknown) {
    await tripleseat.close();
    throw e;
  }
  return {
    tripleseat,
    revel,
    faults,
    env: {
      TRIPLESEAT_API_URL: tripleseat.origin,
      TRIPLESEAT_CLIENT_ID: tripleseat.credentials.clientId,
      TRIPLESEAT_CLIENT_SECRET: tripleseat.credentials.clientSecret,
      REVEL_API_URL: revel.origin,
      REVEL_API_KEY: revel.credentials.apiKey,
      REVEL_API_SECRET: revel.credentials.apiSecret,
    },
    seededEventIds: { eligible: [...eligibleEventIds], all: [...seededEventIds] },
    reset: admin.reset,
    close: async () => {
      await Promise.all([tripleseat.close(), revel.close()]);
    },
  };
}
