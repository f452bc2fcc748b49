import { parseJsonWith } from '#functions/core/domain/parse-with';
import type { Logger } from '#functions/core/ports/logger';
import {
  type HttpClientOptions,
  type HttpResponse,
  isJsonResponse,
  sendRequest,
} from '#functions/outbound-http/http-client';
import { delay } from '#functions/outbound-http/rate-limiter';
import { oauthErrorSchema, tokenResponseSchema } from './schemas';
import { tripleSeatError, unavailableFromTransport, vendorDetail } from './vendor-errors';

export interface TokenProviderOptions {
  /** Origin of the API, e.g. `https://api.tripleseat.com`; the token endpoint is `/oauth2/token`. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  /** When set, the `refresh_token` grant is used; otherwise `client_credentials`. */
  refreshToken?: string | undefined;
  http?: HttpClientOptions;
  /** Epoch milliseconds; injected so tests move time instead of waiting. */
  now?: () => number;
  /** TripleSeat may rotate the refresh token on every refresh (seen): persist the new one. */
  onRefreshTokenRotated?: (refreshToken: string) => void | Promise<void>;
  /**
   * The newest persisted refresh token, asked once when TripleSeat refuses ours as `invalid_grant`:
   * another instance may have used it, been given a new one and saved that.
   */
  latestRefreshToken?: () => Promise<string | undefined>;
  logger?: Logger;
}

interface GrantAttempt {
  response: HttpResponse;
  /** The refresh token sent, undefined for client_credentials. */
  refreshToken: string | undefined;
  /** Epoch ms before the request went out. */
  startedAt: number;
}

/** How long a rotating instance may take to save its new refresh token (read, then PutSecretValue). */
const SAVE_GRACE_MS = 1_500;

/** Refresh this long before `expires_in` so a token never expires mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * OAuth2 access tokens for TripleSeat, cached until shortly before expiry. Concurrent callers share
 * one in-flight token request, so a burst of syncs after a cold start costs one token call.
 */
export class TokenProvider {
  private cached: { token: string; expiresAt: number } | undefined;
  private inFlight: Promise<string> | undefined;
  private refreshToken: string | undefined;
  private readonly now: () => number;

  constructor(private readonly options: TokenProviderOptions) {
    this.refreshToken = options.refreshToken || undefined;
    this.now = options.now ?? Date.now;
  }

  async getToken(): Promise<string> {
    const cached = this.cached;
    if (cached && this.now() < cached.expiresAt) return cached.token;
    if (!this.inFlight) {
      this.inFlight = this.requestToken().finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  /**
   * Forgets the cached token after TripleSeat answered 401. Given the rejected token, a token that
   * was already replaced by a concurrent caller is kept, so a burst of 401s costs one refresh.
   */
  invalidate(rejectedToken?: string): void {
    if (rejectedToken === undefined || this.cached?.token === rejectedToken) this.cached = undefined;
  }

  private async requestToken(): Promise<string> {
    const held = this.refreshToken;
    let attempt = await this.sendGrant(held);
    if (held !== undefined && refusesRefreshToken(attempt.response)) {
      let latest = await this.latestStoredRefreshToken();
      if (latest === held) {
        // The instance that used our token may not have saved its new one yet: look once more.
        await (this.options.http?.sleep ?? delay)(SAVE_GRACE_MS);
        latest = await this.latestStoredRefreshToken();
      }
      if (latest !== undefined && latest !== held) {
        this.refreshToken = latest;
        attempt = await this.sendGrant(latest);
      }
    }
    const { refreshToken, startedAt } = attempt;
    const answer = this.readToken(attempt, held);
    // Measured from the request's start, so network time never stretches the token's life.
    this.cached = {
      token: answer.accessToken,
      expiresAt: startedAt + answer.expiresInSeconds * 1000 - EXPIRY_MARGIN_MS,
    };
    if (refreshToken && answer.refreshToken && answer.refreshToken !== refreshToken) {
      this.refreshToken = answer.refreshToken;
      await this.reportRotation(answer.refreshToken);
    }
    return answer.accessToken;
  }

  private async sendGrant(refreshToken: string | undefined): Promise<GrantAttempt> {
    const { clientId, clientSecret } = this.options;
    const grantType = refreshToken ? 'refresh_token' : 'client_credentials';
    const form = new URLSearchParams({
      grant_type: grantType,
      client_id: clientId,
      client_secret: clientSecret,
    });
    if (refreshToken) form.set('refresh_token', refreshToken);
    const startedAt = this.now();
    try {
      const response = await sendRequest(
        {
          method: 'POST',
          url: `${this.options.apiUrl.replace(/\/+$/, '')}/oauth2/token`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
        },
        // A refresh whose answer was lost may already have rotated the refresh token, so only the
        // client_credentials grant is safe to resend after a 5xx or timeout.
        refreshToken === undefined,
        this.options.http,
      );
      return { response, refreshToken, startedAt };
    } catch (e: unknown) {
      throw unavailableFromTransport(e, 'TripleSeat token request');
    }
  }

  /** Undefined when there is no store or it cannot be read: the refusal then stands. */
  private async latestStoredRefreshToken(): Promise<string | undefined> {
    if (!this.options.latestRefreshToken) return undefined;
    try {
      return await this.options.latestRefreshToken();
    } catch (e: unknown) {
      this.options.logger?.warn('could not read the stored TripleSeat refresh token', {
        error: e instanceof Error ? e.message : String(e),
      });
      return undefined;
    }
  }

  /** `firstTried`: the refresh token held before a retry with the stored one; kept out of messages too. */
  private readToken({ response, refreshToken }: GrantAttempt, firstTried: string | undefined) {
    const { status } = response;
    const grantType = refreshToken ? 'refresh_token' : 'client_credentials';
    const retried = refreshToken !== firstTried ? ', retried with the stored refresh token' : '';
    const what = `TripleSeat token request (${grantType}${retried})`;
    const redact = [this.options.clientSecret, refreshToken ?? '', firstTried ?? ''];
    const detail = vendorDetail(response, redact);
    if (status === 429 || status >= 500) {
      throw tripleSeatError(
        'TRIPLESEAT_UNAVAILABLE',
        status,
        true,
        `${what}: unavailable (${status}${detail})`,
      );
    }
    if (status < 200 || status >= 300) {
      throw tripleSeatError('TRIPLESEAT_AUTH', status, false, `${what}: refused (${status}${detail})`);
    }
    if (!isJsonResponse(response)) {
      throw tripleSeatError(
        'TRIPLESEAT_AUTH',
        status,
        false,
        `${what}: answered with a non-JSON body (likely a login page)`,
      );
    }
    return parseJsonWith(tokenResponseSchema, response.text, ({ kind }) =>
      tripleSeatError(
        'TRIPLESEAT_AUTH',
        status,
        false,
        kind === 'not-json'
          ? `${what}: body is not valid JSON`
          : `${what}: no access_token in the answer${detail}`,
      ),
    );
  }

  private async reportRotation(refreshToken: string): Promise<void> {
    try {
      await this.options.onRefreshTokenRotated?.(refreshToken);
    } catch (e: unknown) {
      // Not fatal: this instance holds the new token. Until a later rotation is saved, though, other
      // instances and the next cold start hold a spent one and fail with TRIPLESEAT_AUTH.
      const message = e instanceof Error ? e.message : String(e);
      this.options.logger?.error('could not persist the rotated TripleSeat refresh token', {
        error: message.replaceAll(refreshToken, '[redacted]'),
      });
    }
  }
}

/** OAuth2's answer for a refresh token that is spent, revoked or unknown (RFC 6749 §5.2). */
function refusesRefreshToken(response: HttpResponse): boolean {
  if ((response.status !== 400 && response.status !== 401) || !isJsonResponse(response)) return false;
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return false;
  }
  return oauthErrorSchema.safeParse(body).data?.error === 'invalid_grant';
}
