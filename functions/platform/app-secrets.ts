import * as z from 'zod/mini';

/**
 * Every credential the service holds. In AWS: one Secrets Manager secret with this JSON shape,
 * read at run time (never placed in Lambda environment variables). Locally: env vars
 * (TRIPLESEAT_CLIENT_ID, TRIPLESEAT_CLIENT_SECRET, TRIPLESEAT_REFRESH_TOKEN, REVEL_API_KEY,
 * REVEL_API_SECRET, WEBHOOK_SIGNING_SECRETS and REVEL_WEBHOOK_SECRETS as comma lists, SYNC_API_TOKEN, OPERATOR_TOKENS as
 * `name:token` pairs separated by commas).
 * zod/mini because the verifier imports it.
 */
export const appSecretsSchema = z.object({
  tripleseat: z.object({
    clientId: z.string().check(z.minLength(1)),
    clientSecret: z.string().check(z.minLength(1)),
    refreshToken: z.optional(z.string().check(z.minLength(1))),
  }),
  revel: z.object({
    apiKey: z.string().check(z.minLength(1)),
    apiSecret: z.string().check(z.minLength(1)),
  }),
  /** Several at once during a rotation: a delivery signed with any of them is accepted. */
  webhookSigningSecrets: z.array(z.string().check(z.minLength(16))).check(z.minLength(1)),
  /** Revel's `order.finalized` signing secrets (set up by Revel per partner); absent: the route answers 404. */
  revelWebhookSecrets: z.optional(z.array(z.string().check(z.minLength(16)))),
  /** Bearer token of the manual sync route. */
  syncApiToken: z.string().check(z.minLength(24)),
  /**
   * The operator API's named tokens (`{"maria": "<token>"}`): every change is audited under the
   * name. Optional: SYNC_API_TOKEN always signs in too, as the operator "api".
   */
  operatorTokens: z.optional(
    z.record(z.string().check(z.regex(/^[A-Za-z0-9._-]{1,40}$/)), z.string().check(z.minLength(24))),
  ),
});

export type AppSecrets = z.infer<typeof appSecretsSchema>;

/**
 * Where the TripleSeat refresh token lives between runs. TripleSeat may rotate it on every refresh
 * (docs/vendors/tripleseat.md, "Auth"), which invalidates the copy every other instance holds.
 */
export interface RefreshTokenStore {
  /** Keeps a rotated refresh token so other instances and the next cold start use it. */
  save(refreshToken: string): Promise<void>;
  /** The newest stored refresh token, read past any cache: another instance may just have saved it. */
  latest(): Promise<string | undefined>;
}

/** Reads the secrets, cached per cold start with a refresh interval (see secrets-source.ts). */
export interface SecretsSource {
  get(): Promise<AppSecrets>;
  readonly refreshTokens: RefreshTokenStore;
}
