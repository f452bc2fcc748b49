import { InputError } from '#functions/core/domain/errors';
import { startSandboxes } from './sandbox';

export interface CliVendors {
  /** The caller's environment, with the in-process sandboxes' URLs and credentials when they were started. */
  vendorEnv: Record<string, string | undefined>;
  /** SYNC_CONFIG, else (with the sandboxes) the example config, whose locations match their seed. */
  configPath: string;
}

/**
 * The vendors a command-line run talks to (`npm run sync`, `npm run doctor`): those the environment
 * names, or — with no vendor variables at all — sandboxes started in-process, closed by `cleanups`.
 */
export async function chooseCliVendors(
  env: Record<string, string | undefined>,
  log: (line: string) => void,
  cleanups: Array<() => Promise<void>>,
): Promise<CliVendors> {
  let vendorEnv = env;
  let configPath = env.SYNC_CONFIG;
  if (!env.TRIPLESEAT_CLIENT_ID && !env.REVEL_API_URL) {
    const sandboxes = await startSandboxes();
    cleanups.push(() => sandboxes.close());
    vendorEnv = { ...env, ...sandboxes.env };
    configPath ??= 'config/sync.example.json';
    log(
      `no vendor variables set: using in-process sandboxes (TripleSeat ${sandboxes.env.TRIPLESEAT_API_URL})`,
    );
  }
  if (!configPath)
    throw new InputError('SYNC_CONFIG', 'SYNC_CONFIG is not set (path of the sync config JSON file)');
  return { vendorEnv, configPath };
}
