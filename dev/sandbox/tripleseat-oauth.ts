import { randomBytes } from 'node:crypto';
import { header, json, type SandboxRequest, type SandboxResponse } from './http-helpers';

export const tripleSeatCredentials = {
  clientId: 'sandbox-client-id',
  clientSecret: 'sandbox-client-secret',
} as const;

export type TokenCheck = 'valid' | 'expired' | 'unknown';

const scope = 'events:read bookings:read';

/** OAuth2 tokens the sandbox has issued; refresh tokens rotate on every use. */
export class TokenStore {
  #accessExpiry = new Map<string, number>();
  #refreshTokens = new Set<string>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlSeconds: number,
  ) {}

  issue(): Record<string, string | number> {
    const issuedAt = this.now().getTime();
    const accessToken = randomBytes(32).toString('hex');
    const refreshToken = randomBytes(32).toString('hex');
    this.#accessExpiry.set(accessToken, issuedAt + this.ttlSeconds * 1000);
    this.#refreshTokens.add(refreshToken);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.ttlSeconds,
      refresh_token: refreshToken,
      scope,
      created_at: Math.floor(issuedAt / 1000),
    };
  }

  /** Undefined when the refresh token is unknown or already used. */
  refresh(refreshToken: string): Record<string, string | number> | undefined {
    if (!this.#refreshTokens.delete(refreshToken)) return undefined;
    return this.issue();
  }

  check(accessToken: string): TokenCheck {
    const expiresAt = this.#accessExpiry.get(accessToken);
    if (expiresAt === undefined) return 'unknown';
    return this.now().getTime() < expiresAt ? 'valid' : 'expired';
  }

  activeCount(): number {
    const now = this.now().getTime();
    return [...this.#accessExpiry.values()].filter((expiresAt) => now < expiresAt).length;
  }
}

function readParams(request: SandboxRequest): URLSearchParams {
  const body = request.body.trim();
  if (!body.startsWith('{')) return new URLSearchParams(body);
  try {
    const value: unknown = JSON.parse(body);
    return new URLSearchParams(
      typeof value === 'object' && value !== null
        ? Object.entries(value).map(([k, v]): [string, string] => [k, String(v)])
        : [],
    );
  } catch (e: unknown) {
    if (e instanceof SyntaxError) return new URLSearchParams();
    throw e;
  }
}

/** Client credentials from the form, or from HTTP Basic as OAuth2 servers also allow. */
function clientOf(request: SandboxRequest, params: URLSearchParams): { id?: string; secret?: string } {
  const basic = header(request, 'authorization')?.match(/^Basic\s+(.+)$/i)?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    return { id, secret };
  }
  return { id: params.get('client_id') ?? undefined, secret: params.get('client_secret') ?? undefined };
}

/** `POST /oauth2/token`: client_credentials and refresh_token grants, form-encoded. */
export function handleTokenRequest(request: SandboxRequest, tokens: TokenStore): SandboxResponse {
  const noStore = { 'cache-control': 'no-store' };
  const params = readParams(request);
  const grant = params.get('grant_type');
  if (!grant) return json(400, { error: 'invalid_request' }, noStore);
  if (grant !== 'client_credentials' && grant !== 'refresh_token')
    return json(400, { error: 'unsupported_grant_type' }, noStore);
  const client = clientOf(request, params);
  if (client.id !== tripleSeatCredentials.clientId || client.secret !== tripleSeatCredentials.clientSecret)
    return json(401, { error: 'invalid_client' }, noStore);
  if (grant === 'client_credentials') return json(200, tokens.issue(), noStore);
  const refreshed = tokens.refresh(params.get('refresh_token') ?? '');
  return refreshed ? json(200, refreshed, noStore) : json(400, { error: 'invalid_grant' }, noStore);
}
