import type { VendorEnv } from '../platform/vendor-env';
import { RevelClient } from '../revel/client';
import { TripleSeatClient } from '../tripleseat/client';
import type { SyncConfig } from './config';
import type { RevelApi, TripleSeatApi } from './ports';

/** Builds the real vendor clients once (per cold start / CLI run); their rate limiters are shared. */
export function createVendorClients(
  env: VendorEnv,
  config: SyncConfig,
): { tripleseat: TripleSeatApi; revel: RevelApi } {
  return {
    tripleseat: new TripleSeatClient({
      apiUrl: env.TRIPLESEAT_API_URL,
      clientId: env.TRIPLESEAT_CLIENT_ID,
      clientSecret: env.TRIPLESEAT_CLIENT_SECRET,
      ...(env.TRIPLESEAT_REFRESH_TOKEN ? { refreshToken: env.TRIPLESEAT_REFRESH_TOKEN } : {}),
      perSecond: config.rateLimits.tripleseatPerSecond,
    }),
    revel: new RevelClient({
      apiUrl: env.REVEL_API_URL,
      apiKey: env.REVEL_API_KEY,
      apiSecret: env.REVEL_API_SECRET,
      perSecond: config.rateLimits.revelPerSecond,
    }),
  };
}
