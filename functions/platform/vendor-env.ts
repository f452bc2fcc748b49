/**
 * Vendor endpoints and credentials as the vendor clients take them: built from the runtime env and
 * Secrets Manager in AWS (functions/sync/build-sync-deps.ts), from env vars by the local tools
 * (dev/vendor-env.ts).
 */
export interface VendorEnv {
  TRIPLESEAT_API_URL: string;
  TRIPLESEAT_CLIENT_ID: string;
  TRIPLESEAT_CLIENT_SECRET: string;
  TRIPLESEAT_REFRESH_TOKEN?: string | undefined;
  REVEL_API_URL: string;
  REVEL_API_KEY: string;
  REVEL_API_SECRET: string;
}
