import * as z from 'zod';
import { ConfigError } from '#functions/core/domain/errors';
import { parseWith } from '#functions/core/domain/parse-with';
import type { VendorEnv } from '#functions/platform/vendor-env';

const vendorEnvSchema = z.object({
  TRIPLESEAT_API_URL: z.url().default('https://api.tripleseat.com'),
  TRIPLESEAT_CLIENT_ID: z.string().min(1),
  TRIPLESEAT_CLIENT_SECRET: z.string().min(1),
  TRIPLESEAT_REFRESH_TOKEN: z.string().min(1).optional(),
  REVEL_API_URL: z.url(),
  REVEL_API_KEY: z.string().min(1),
  REVEL_API_SECRET: z.string().min(1),
}) satisfies z.ZodType<VendorEnv>;

/** Parses the vendor variables of the local tools; the error names the variable, never its value. */
export function parseVendorEnv(env: Record<string, string | undefined>): VendorEnv {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  return parseWith(vendorEnvSchema, present, ({ issue }) => {
    const name = String(issue?.path[0] ?? 'environment');
    const problem = issue?.code === 'invalid_type' ? 'is not set' : 'is not valid';
    return new ConfigError(name, `${name} ${problem}`);
  });
}
