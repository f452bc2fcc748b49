import type { SyncConfig } from '#functions/core/config/sync-config';
import type { Logger } from '#functions/core/ports/logger';
import type { RevelApi } from '#functions/core/ports/revel-api';
import type { RevelReferences } from '#functions/core/ports/revel-references';
import type { TripleSeatApi } from '#functions/core/ports/tripleseat-api';
import type { TripleSeatNotesApi } from '#functions/core/ports/tripleseat-notes';
import type { RateLimiter } from '#functions/outbound-http/rate-limiter';
import type { RefreshTokenStore } from '#functions/platform/app-secrets';
import type { VendorEnv } from '#functions/platform/vendor-env';
import { RevelClient } from '#functions/revel/client';
import { TripleSeatClient } from '#functions/tripleseat/client';

export interface VendorClientOptions {
  /**
   * Where a rotated TripleSeat refresh token is kept, shared by every instance. Without it a
   * rotation lives in this client only: fine for a CLI run, fatal for concurrent Lambda instances.
   */
  refreshTokens?: RefreshTokenStore;
  /** Hears about a rotated refresh token that could not be saved. */
  logger?: Logger;
  /**
   * Paces shared by every instance of the deployment (functions/platform/rate-limiter-dynamodb.ts).
   * Without them each client paces itself alone at the configured rate: fine for one process only.
   */
  limiters?: { tripleseat: RateLimiter; revel: RateLimiter };
}

/** Builds the real vendor clients once (per cold start / CLI run); every call of a client shares its limiter. */
export function createVendorClients(
  env: VendorEnv,
  config: SyncConfig,
  options: VendorClientOptions = {},
): { tripleseat: TripleSeatApi & TripleSeatNotesApi; revel: RevelApi & RevelReferences } {
  const { refreshTokens, logger, limiters } = options;
  return {
    tripleseat: new TripleSeatClient({
      apiUrl: env.TRIPLESEAT_API_URL,
      clientId: env.TRIPLESEAT_CLIENT_ID,
      clientSecret: env.TRIPLESEAT_CLIENT_SECRET,
      ...(env.TRIPLESEAT_REFRESH_TOKEN ? { refreshToken: env.TRIPLESEAT_REFRESH_TOKEN } : {}),
      perSecond: config.rateLimits.tripleseatPerSecond,
      ...(limiters && { limiter: limiters.tripleseat }),
      ...(refreshTokens && {
        onRefreshTokenRotated: (token: string) => refreshTokens.save(token),
        latestRefreshToken: () => refreshTokens.latest(),
      }),
      logger,
    }),
    revel: new RevelClient({
      apiUrl: env.REVEL_API_URL,
      apiKey: env.REVEL_API_KEY,
      apiSecret: env.REVEL_API_SECRET,
      perSecond: config.rateLimits.revelPerSecond,
      ...(limiters && { limiter: limiters.revel }),
    }),
  };
}
