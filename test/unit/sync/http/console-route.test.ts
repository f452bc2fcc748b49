import { describe, expect, it } from 'vitest';
import { CONSOLE_PATH } from '#functions/core/contract/routes';
import { createHttpHandler } from '#functions/sync/http-handler';
import { fakeSyncHandlerDeps, type HttpRequest, httpEvent } from '../../../support/fake-sync-handler-deps';

/** Through the HTTP trigger's handler, as the sync Lambda serves the console. */
async function get(path: string, request: HttpRequest = {}) {
  const handler = createHttpHandler(async () => fakeSyncHandlerDeps().deps);
  const answer = await handler(httpEvent({ path, token: null, ...request }), { awsRequestId: 'req-1' });
  return { ...answer, headers: (answer.headers ?? {}) as Record<string, string>, body: answer.body ?? '' };
}

const assetPaths = (html: string): string[] =>
  [...html.matchAll(/(?:src|href)="(\/[^"#]*)"/g)].map(([, url]) => (url ?? '').split('?')[0] ?? '');

describe('the console page', () => {
  it('is served without a token, as HTML, with a strict Content-Security-Policy', async () => {
    const page = await get(CONSOLE_PATH);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = page.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('holds no inline script, inline style or third-party address (the policy would block them)', async () => {
    const { body } = await get(CONSOLE_PATH);
    expect(body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(body).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    expect(body).not.toMatch(/https?:\/\//);
    expect([...body.matchAll(/(?:src|href)="([^"]*)"/g)].map(([, url]) => url)).toEqual([
      'data:,',
      expect.stringMatching(/^\/console\/app\.css\?v=[0-9a-f]{16}$/),
      expect.stringMatching(/^\/console\/app\.js\?v=[0-9a-f]{16}$/),
      '#main',
      '#/',
      '#/unmapped',
      '#/runs',
      '#/dlq',
      '#/settings',
    ]);
    expect(body).toContain('<main id="main"');
  });

  it('serves the script and style sheet it links to, kept a year because their names carry their hash', async () => {
    const { body } = await get(CONSOLE_PATH);
    const linked = assetPaths(body);
    expect(linked).toEqual([`${CONSOLE_PATH}/app.css`, `${CONSOLE_PATH}/app.js`]);
    const script = await get(`${CONSOLE_PATH}/app.js`);
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(() => new Function(script.body)).not.toThrow();
    const styles = await get(`${CONSOLE_PATH}/app.css`);
    expect(styles.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(styles.body).toContain(':focus-visible');
  });

  it('answers 304 to a browser that already holds the same file', async () => {
    const first = await get(`${CONSOLE_PATH}/app.js`);
    const again = await get(`${CONSOLE_PATH}/app.js`, {
      headers: { 'if-none-match': first.headers.etag ?? '' },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers 404 for a file it does not have and 405 for a write', async () => {
    expect((await get(`${CONSOLE_PATH}/secrets.json`)).statusCode).toBe(404);
    expect((await get(CONSOLE_PATH, { method: 'POST' })).statusCode).toBe(405);
  });
});
