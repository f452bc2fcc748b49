import { describe, expect, it, vi } from 'vitest';
import { VendorError } from '#functions/core/domain/errors';
import type { Logger } from '#functions/core/ports/logger';
import { TokenProvider, type TokenProviderOptions } from '#functions/tripleseat/oauth';
import { authFailure } from '../../support/rejections';

interface Call {
  url: string;
  method: string;
  form: URLSearchParams;
}

const SECRET = 'client-secret-xyz';
const REFRESH = 'refresh-token-abc';

function fakeTokenEndpoint(answer: (call: Call, n: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const call = {
      url: String(input),
      method: init?.method ?? 'GET',
      form: new URLSearchParams(typeof init?.body === 'string' ? init.body : ''),
    };
    calls.push(call);
    return answer(call, calls.length);
  };
  return { fetch: fetchFn as typeof fetch, calls };
}

const tokenJson = (body: Record<string, unknown>, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const loginPage = (status: number) =>
  new Response(
    status === 302 ? null : '<!DOCTYPE html><html><body><form action="/login"></form></body></html>',
    {
      status,
      headers: {
        'content-type': 'text/html',
        ...(status === 302 ? { location: 'https://login.tripleseat.com/' } : {}),
      },
    },
  );

function provider(fetchFn: typeof fetch, extra: Partial<TokenProviderOptions> = {}) {
  return new TokenProvider({
    apiUrl: 'https://api.tripleseat.test/',
    clientId: 'client-1',
    clientSecret: SECRET,
    http: { fetch: fetchFn, sleep: async () => {}, random: () => 0 },
    ...extra,
  });
}

describe('TokenProvider', () => {
  it('asks for a client_credentials token when no refresh token is configured', async () => {
    const endpoint = fakeTokenEndpoint(() => tokenJson({ access_token: 'at-1', expires_in: 7200 }));
    await expect(provider(endpoint.fetch).getToken()).resolves.toBe('at-1');
    const [call] = endpoint.calls;
    expect(call?.method).toBe('POST');
    expect(call?.url).toBe('https://api.tripleseat.test/oauth2/token');
    expect(Object.fromEntries(call?.form ?? [])).toEqual({
      grant_type: 'client_credentials',
      client_id: 'client-1',
      client_secret: SECRET,
    });
  });

  it('uses the refresh_token grant when a refresh token is configured', async () => {
    const endpoint = fakeTokenEndpoint(() => tokenJson({ access_token: 'at-1', expires_in: 7200 }));
    await provider(endpoint.fetch, { refreshToken: REFRESH }).getToken();
    expect(Object.fromEntries(endpoint.calls[0]?.form ?? [])).toEqual({
      grant_type: 'refresh_token',
      refresh_token: REFRESH,
      client_id: 'client-1',
      client_secret: SECRET,
    });
  });

  it('reuses the token until 60 s before expires_in, then fetches a new one', async () => {
    let now = 1_000_000;
    const endpoint = fakeTokenEndpoint((_, n) => tokenJson({ access_token: `at-${n}`, expires_in: 7200 }));
    const tokens = provider(endpoint.fetch, { now: () => now });
    expect(await tokens.getToken()).toBe('at-1');
    now += (7200 - 61) * 1000;
    expect(await tokens.getToken()).toBe('at-1');
    now += 1000;
    expect(await tokens.getToken()).toBe('at-2');
    expect(endpoint.calls).toHaveLength(2);
  });

  it('makes one token request for ten concurrent callers', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const endpoint = fakeTokenEndpoint(async () => {
      await gate;
      return tokenJson({ access_token: 'shared', expires_in: 7200 });
    });
    const tokens = provider(endpoint.fetch);
    const callers = Array.from({ length: 10 }, () => tokens.getToken());
    release();
    expect(await Promise.all(callers)).toEqual(Array(10).fill('shared'));
    expect(endpoint.calls).toHaveLength(1);
  });

  it('fetches a fresh token after invalidate() of the rejected one', async () => {
    const endpoint = fakeTokenEndpoint((_, n) => tokenJson({ access_token: `at-${n}`, expires_in: 7200 }));
    const tokens = provider(endpoint.fetch);
    const first = await tokens.getToken();
    tokens.invalidate(first);
    expect(await tokens.getToken()).toBe('at-2');
  });

  it('keeps a newer token when a stale one is invalidated late', async () => {
    const endpoint = fakeTokenEndpoint((_, n) => tokenJson({ access_token: `at-${n}`, expires_in: 7200 }));
    const tokens = provider(endpoint.fetch);
    await tokens.getToken();
    tokens.invalidate('at-1');
    await tokens.getToken();
    tokens.invalidate('at-1');
    expect(await tokens.getToken()).toBe('at-2');
    expect(endpoint.calls).toHaveLength(2);
  });

  it('keeps a rotated refresh token, reports it, and refreshes with it next time', async () => {
    const endpoint = fakeTokenEndpoint((_, n) =>
      tokenJson({ access_token: `at-${n}`, expires_in: 7200, refresh_token: `rt-${n + 1}` }),
    );
    const rotated: string[] = [];
    const tokens = provider(endpoint.fetch, {
      refreshToken: REFRESH,
      onRefreshTokenRotated: (t) => {
        rotated.push(t);
      },
    });
    for (let i = 0; i < 3; i++) {
      await tokens.getToken();
      tokens.invalidate();
    }
    expect(rotated).toEqual(['rt-2', 'rt-3', 'rt-4']);
    expect(endpoint.calls.map((c) => c.form.get('refresh_token'))).toEqual([REFRESH, 'rt-2', 'rt-3']);
  });

  it('still hands out the token when persisting the rotated refresh token fails, and logs it', async () => {
    const endpoint = fakeTokenEndpoint(() => tokenJson({ access_token: 'at', refresh_token: 'rt-new' }));
    const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const tokens = provider(endpoint.fetch, {
      refreshToken: REFRESH,
      logger,
      onRefreshTokenRotated: async () => {
        throw new Error('secrets manager down');
      },
    });
    await expect(tokens.getToken()).resolves.toBe('at');
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('rotated'), {
      error: 'secrets manager down',
    });
  });

  it('never logs the rotated refresh token when persisting it fails', async () => {
    const endpoint = fakeTokenEndpoint(() => tokenJson({ access_token: 'at', refresh_token: 'rt-new' }));
    const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const tokens = provider(endpoint.fetch, {
      refreshToken: REFRESH,
      logger,
      onRefreshTokenRotated: async (token) => {
        throw new Error(`could not write ${token}`);
      },
    });
    await tokens.getToken();
    expect(JSON.stringify(vi.mocked(logger.error).mock.calls)).not.toContain('rt-new');
  });

  it.each([200, 302])('turns an HTML login page answered with %i into TRIPLESEAT_AUTH', async (status) => {
    const endpoint = fakeTokenEndpoint(() => loginPage(status));
    const error = await authFailure(provider(endpoint.fetch).getToken());
    expect(error).toMatchObject({ vendor: 'tripleseat', code: 'TRIPLESEAT_AUTH', status, retryable: false });
  });

  it.each([400, 401])(
    'turns a %i from the token endpoint into a non-retryable TRIPLESEAT_AUTH',
    async (status) => {
      const endpoint = fakeTokenEndpoint(() => tokenJson({ error: 'invalid_grant' }, status));
      const error = await authFailure(provider(endpoint.fetch, { refreshToken: REFRESH }).getToken());
      expect(error).toMatchObject({ code: 'TRIPLESEAT_AUTH', status, retryable: false });
      expect(error.message).toContain('invalid_grant');
      expect(endpoint.calls).toHaveLength(1);
    },
  );

  it('never puts the client secret or refresh token in an error message', async () => {
    const endpoint = fakeTokenEndpoint(() =>
      tokenJson({ error: `bad refresh_token ${REFRESH} for secret ${SECRET}` }, 400),
    );
    const error = await authFailure(provider(endpoint.fetch, { refreshToken: REFRESH }).getToken());
    expect(error.message).not.toContain(REFRESH);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).toContain('[redacted]');
  });

  it('treats a 200 JSON answer without access_token as TRIPLESEAT_AUTH', async () => {
    const endpoint = fakeTokenEndpoint(() => tokenJson({ error: 'Token resource owner not found' }));
    const error = await authFailure(provider(endpoint.fetch).getToken());
    expect(error.code).toBe('TRIPLESEAT_AUTH');
    expect(error.message).toContain('Token resource owner not found');
  });

  it('reports a 503 as retryable TRIPLESEAT_UNAVAILABLE without resending a refresh grant', async () => {
    const endpoint = fakeTokenEndpoint(() => new Response('down', { status: 503 }));
    const error = await authFailure(provider(endpoint.fetch, { refreshToken: REFRESH }).getToken());
    expect(error).toMatchObject({ code: 'TRIPLESEAT_UNAVAILABLE', status: 503, retryable: true });
    expect(endpoint.calls).toHaveLength(1);
  });

  it('retries a client_credentials grant through a 503', async () => {
    const endpoint = fakeTokenEndpoint((_, n) =>
      n === 1 ? new Response('down', { status: 503 }) : tokenJson({ access_token: 'at' }),
    );
    await expect(provider(endpoint.fetch).getToken()).resolves.toBe('at');
    expect(endpoint.calls).toHaveLength(2);
  });

  it('lets the next caller try again after a failed token request', async () => {
    const endpoint = fakeTokenEndpoint((_, n) =>
      n === 1 ? loginPage(200) : tokenJson({ access_token: 'at' }),
    );
    const tokens = provider(endpoint.fetch);
    await expect(tokens.getToken()).rejects.toBeInstanceOf(VendorError);
    await expect(tokens.getToken()).resolves.toBe('at');
  });
});

describe('TokenProvider, when TripleSeat refuses a refresh token another instance has spent', () => {
  const invalidGrant = (status = 400) => tokenJson({ error: 'invalid_grant' }, status);
  /** TripleSeat's answer to a refresh token it knows, rotating it. */
  const rotating = (call: Call) =>
    tokenJson({ access_token: `at-for-${call.form.get('refresh_token')}`, refresh_token: 'rt-rotated' });

  it.each([400, 401])(
    'reads the stored refresh token once after a %i invalid_grant and refreshes with it',
    async (status) => {
      const endpoint = fakeTokenEndpoint((call) =>
        call.form.get('refresh_token') === 'rt-stored' ? rotating(call) : invalidGrant(status),
      );
      const latest = vi.fn(async () => 'rt-stored');
      const rotated: string[] = [];
      const tokens = provider(endpoint.fetch, {
        refreshToken: REFRESH,
        latestRefreshToken: latest,
        onRefreshTokenRotated: (t) => {
          rotated.push(t);
        },
      });

      await expect(tokens.getToken()).resolves.toBe('at-for-rt-stored');
      expect(endpoint.calls.map((c) => c.form.get('refresh_token'))).toEqual([REFRESH, 'rt-stored']);
      expect(latest).toHaveBeenCalledTimes(1);
      expect(rotated).toEqual(['rt-rotated']);
    },
  );

  it('gives up with TRIPLESEAT_AUTH when the stored refresh token is the one just refused', async () => {
    const endpoint = fakeTokenEndpoint(() => invalidGrant());
    const tokens = provider(endpoint.fetch, {
      refreshToken: REFRESH,
      latestRefreshToken: async () => REFRESH,
    });

    const error = await authFailure(tokens.getToken());

    expect(error).toMatchObject({ code: 'TRIPLESEAT_AUTH', status: 400, retryable: false });
    expect(endpoint.calls).toHaveLength(1);
  });

  it('looks once more when the store still holds the refused token: the rotating instance may not have saved yet', async () => {
    const endpoint = fakeTokenEndpoint((call) =>
      call.form.get('refresh_token') === 'rt-saved-late'
        ? tokenJson({ access_token: 'at-late', expires_in: 7200 })
        : invalidGrant(),
    );
    const reads = [REFRESH, 'rt-saved-late'];
    const latest = vi.fn(async () => reads.shift());
    const tokens = provider(endpoint.fetch, { refreshToken: REFRESH, latestRefreshToken: latest });

    await expect(tokens.getToken()).resolves.toBe('at-late');
    expect(latest).toHaveBeenCalledTimes(2);
  });

  it('gives up after one retry when the stored refresh token is refused too, naming neither token', async () => {
    const endpoint = fakeTokenEndpoint(() => invalidGrant());
    const latest = vi.fn(async () => 'rt-stored');
    const tokens = provider(endpoint.fetch, { refreshToken: REFRESH, latestRefreshToken: latest });

    const error = await authFailure(tokens.getToken());

    expect(error).toMatchObject({ code: 'TRIPLESEAT_AUTH', retryable: false });
    expect(error.message).toContain('retried with the stored refresh token');
    expect(error.message).not.toContain(REFRESH);
    expect(error.message).not.toContain('rt-stored');
    expect(endpoint.calls).toHaveLength(2);
    expect(latest).toHaveBeenCalledTimes(1);
  });

  it('does not ask the store when TripleSeat refuses the client itself', async () => {
    const endpoint = fakeTokenEndpoint(() => tokenJson({ error: 'invalid_client' }, 401));
    const latest = vi.fn(async () => 'rt-stored');
    const tokens = provider(endpoint.fetch, { refreshToken: REFRESH, latestRefreshToken: latest });

    expect((await authFailure(tokens.getToken())).code).toBe('TRIPLESEAT_AUTH');
    expect(latest).not.toHaveBeenCalled();
  });

  it('keeps the refusal and warns when the stored refresh token cannot be read', async () => {
    const endpoint = fakeTokenEndpoint(() => invalidGrant());
    const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const tokens = provider(endpoint.fetch, {
      refreshToken: REFRESH,
      logger,
      latestRefreshToken: async () => {
        throw new Error('AccessDeniedException');
      },
    });

    const error = await authFailure(tokens.getToken());

    expect(error).toMatchObject({ code: 'TRIPLESEAT_AUTH', status: 400 });
    expect(endpoint.calls).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('stored TripleSeat refresh token'), {
      error: 'AccessDeniedException',
    });
  });

  it('refreshes with the stored token from then on', async () => {
    let now = 1_000_000;
    const endpoint = fakeTokenEndpoint((call, n) =>
      call.form.get('refresh_token') === REFRESH
        ? invalidGrant()
        : tokenJson({ access_token: `at-${n}`, expires_in: 7200 }),
    );
    const latest = vi.fn(async () => 'rt-stored');
    const tokens = provider(endpoint.fetch, {
      refreshToken: REFRESH,
      latestRefreshToken: latest,
      now: () => now,
    });
    await tokens.getToken();
    now += 7200 * 1000;

    await expect(tokens.getToken()).resolves.toBe('at-3');
    expect(endpoint.calls.map((c) => c.form.get('refresh_token'))).toEqual([
      REFRESH,
      'rt-stored',
      'rt-stored',
    ]);
    expect(latest).toHaveBeenCalledTimes(1);
  });
});
