import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { RefreshTokenStore } from '#functions/platform/app-secrets';
import { loadSyncConfigFile } from '#functions/platform/sync-config-file';
import { createVendorClients } from '#functions/sync/build-vendor-clients';
import { TripleSeatClient } from '#functions/tripleseat/client';
import { type Sandboxes, startSandboxes } from '../../../dev/sandbox';
import { parseVendorEnv } from '../../../dev/vendor-env';
import { authFailure } from '../../support/rejections';

// The sandbox's refresh grant behaves like TripleSeat's at its strictest: every refresh rotates the
// refresh token and a spent one is refused with 400 invalid_grant (dev/sandbox/tripleseat-oauth.ts).
const EVENT_ID = '55521609';
const TOKEN_TTL_SECONDS = 120;
const start = Date.parse('2025-12-28T20:00:00Z');
let nowMs = start;
const sandboxes: Sandboxes = await startSandboxes({
  now: () => new Date(nowMs),
  tokenTtlSeconds: TOKEN_TTL_SECONDS,
  tripleseatPerSecond: 1000,
});

afterAll(() => sandboxes.close());
beforeEach(() => {
  nowMs = start;
});

/** A refresh token as an operator would put in the secret: one TripleSeat has issued and not spent. */
async function issuedRefreshToken(sandbox: Sandboxes = sandboxes): Promise<string> {
  const response = await fetch(`${sandbox.env.TRIPLESEAT_API_URL}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sandbox.env.TRIPLESEAT_CLIENT_ID,
      client_secret: sandbox.env.TRIPLESEAT_CLIENT_SECRET,
    }),
  });
  const { refresh_token } = (await response.json()) as { refresh_token: string };
  return refresh_token;
}

/** The one secret every instance shares, as the secrets source offers it. */
function sharedStore(initial: string): RefreshTokenStore {
  let stored: string | undefined = initial;
  return {
    save: async (refreshToken) => {
      stored = refreshToken;
    },
    latest: async () => stored,
  };
}

/** One warm Lambda instance's client, with its own token cache and clock-driven expiry. */
function instance(refreshToken: string, store?: RefreshTokenStore): TripleSeatClient {
  return new TripleSeatClient({
    apiUrl: sandboxes.env.TRIPLESEAT_API_URL,
    clientId: sandboxes.env.TRIPLESEAT_CLIENT_ID,
    clientSecret: sandboxes.env.TRIPLESEAT_CLIENT_SECRET,
    refreshToken,
    perSecond: 1000,
    now: () => nowMs,
    ...(store && {
      onRefreshTokenRotated: (token: string) => store.save(token),
      latestRefreshToken: () => store.latest(),
    }),
  });
}

const expireAccessTokens = () => {
  nowMs += TOKEN_TTL_SECONDS * 1000;
};

describe('two instances holding the same rotating refresh token', () => {
  it('both keep working, round after round, whichever refreshes first, when they share the store', async () => {
    const store = sharedStore(await issuedRefreshToken());
    const initial = (await store.latest()) ?? '';
    const first = instance(initial, store);
    const second = instance(initial, store);

    for (const order of [
      [first, second],
      [second, first],
      [first, second],
    ]) {
      for (const client of order) expect((await client.getEvent(EVENT_ID)).id).toBe(EVENT_ID);
      expireAccessTokens();
    }
  });

  it('leaves in the store a refresh token that a cold start can use', async () => {
    const store = sharedStore(await issuedRefreshToken());
    const initial = (await store.latest()) ?? '';
    await instance(initial, store).getEvent(EVENT_ID);
    await instance(initial, store).getEvent(EVENT_ID);

    const coldStart = instance((await store.latest()) ?? '');

    expect((await coldStart.getEvent(EVENT_ID)).id).toBe(EVENT_ID);
  });

  it('fails the second with TRIPLESEAT_AUTH when nothing shares the rotated token', async () => {
    const initial = await issuedRefreshToken();
    const first = instance(initial);
    const second = instance(initial);
    await first.getEvent(EVENT_ID);

    const error = await authFailure(second.getEvent(EVENT_ID));

    expect(error).toMatchObject({ code: 'TRIPLESEAT_AUTH', status: 400, retryable: false });
    expect(error.message).toContain('invalid_grant');
  });
});

describe('the vendor clients the sync builds, given the secrets source’s store', () => {
  it('write each rotated refresh token to the store and recover one spent by another instance', async () => {
    // With a 60 s token, the client's 60 s expiry margin makes every call refresh, and so rotate,
    // without moving a clock: this sandbox runs on real time.
    const shortLived = await startSandboxes({ tokenTtlSeconds: 60, tripleseatPerSecond: 1000 });
    try {
      const initial = await issuedRefreshToken(shortLived);
      const saved: string[] = [];
      const store = sharedStore(initial);
      const recording: RefreshTokenStore = {
        save: async (token) => {
          saved.push(token);
          await store.save(token);
        },
        latest: () => store.latest(),
      };
      const config = loadSyncConfigFile('config/sync.example.json');
      const env = parseVendorEnv({ ...shortLived.env, TRIPLESEAT_REFRESH_TOKEN: initial });
      const one = createVendorClients(env, config, { refreshTokens: recording }).tripleseat;
      const other = createVendorClients(env, config, { refreshTokens: recording }).tripleseat;

      await one.getEvent(EVENT_ID);
      await other.getEvent(EVENT_ID);
      await one.getEvent(EVENT_ID);

      expect(saved).toHaveLength(3);
      expect(new Set([initial, ...saved]).size).toBe(4);
      expect(await store.latest()).toBe(saved.at(-1));
    } finally {
      await shortLived.close();
    }
  });
});
