import type { Sandboxes } from '../../dev/sandbox';

/** An access token from the TripleSeat sandbox, granted as the connector asks for one (client_credentials). */
export async function sandboxAccessToken(sandboxes: Pick<Sandboxes, 'env'>): Promise<string> {
  const response = await fetch(`${sandboxes.env.TRIPLESEAT_API_URL}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sandboxes.env.TRIPLESEAT_CLIENT_ID,
      client_secret: sandboxes.env.TRIPLESEAT_CLIENT_SECRET,
    }),
  });
  return String(((await response.json()) as { access_token: string }).access_token);
}
