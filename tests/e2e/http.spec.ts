import { expect, test, type APIResponse } from '@playwright/test';
import superjson from 'superjson';

function expectSecurityHeaders(response: APIResponse): void {
  const headers = response.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'self'");
  expect(csp).toContain("frame-src 'self' https://www.youtube-nocookie.com");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(headers['permissions-policy']).toContain('camera=()');
  // The e2e server's public URL is http: HSTS there would only mislead.
  expect(headers['strict-transport-security']).toBeUndefined();
}

test('pages, the API and the health check all carry the security headers', async ({ request }) => {
  for (const path of ['/', '/catalog', '/no-such-page', '/api/trpc/health', '/healthz', '/api/trpc/nope']) {
    const response = await request.get(path);
    expectSecurityHeaders(response);
  }
});

test('each page gets its own CSP nonce, and the page uses it', async ({ request }) => {
  const [first, second] = await Promise.all([request.get('/'), request.get('/')]);
  const nonceOf = (response: APIResponse) =>
    /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1];
  const nonce = nonceOf(first);
  expect(nonce).toBeTruthy();
  expect(nonce).not.toBe(nonceOf(second));
  const html = await first.text();
  const inlineScripts = html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [];
  expect(inlineScripts.length).toBeGreaterThan(0);
  for (const tag of inlineScripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test('hashed assets are cached forever and served precompressed', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const scripts = [...html.matchAll(/\/assets\/[\w.-]+\.js/g)].map((match) => match[0]);
  const styles = [...html.matchAll(/\/assets\/[\w.-]+\.css/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  expect(styles.length).toBeGreaterThan(0);

  let brotliServed = 0;
  for (const path of [...new Set([...scripts, ...styles])]) {
    const plain = await request.get(path, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.status()).toBe(200);
    expect(plain.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers()['content-type']).toMatch(
      path.endsWith('.js') ? /^text\/javascript/ : /^text\/css/,
    );
    expect(plain.headers()['content-encoding']).toBeUndefined();
    expectSecurityHeaders(plain);

    const br = await request.get(path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    if (br.headers()['content-encoding'] === 'br') {
      brotliServed += 1;
      expect(br.headers()['vary']).toContain('Accept-Encoding');
      expect(br.headers()['content-type']).toBe(plain.headers()['content-type']);
      expect(Number(br.headers()['content-length'])).toBeLessThan((await plain.body()).length);
      // Playwright decodes the body: the Brotli bytes must decode to the very same file.
      expect((await br.body()).equals(await plain.body())).toBe(true);
    }
  }
  expect(brotliServed).toBeGreaterThan(0);

  const missing = await request.get('/assets/not-a-real-file-abc123.js');
  expect(missing.status()).toBe(404);
});

test('gzip is served to clients that do not take Brotli', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const biggest = [...html.matchAll(/\/assets\/components-[\w-]+\.js/g)][0]?.[0];
  expect(biggest).toBeTruthy();
  const gz = await request.get(biggest ?? '', { headers: { 'Accept-Encoding': 'gzip' } });
  expect(gz.headers()['content-encoding']).toBe('gzip');
  const refused = await request.get(biggest ?? '', { headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0' } });
  expect(refused.headers()['content-encoding']).toBeUndefined();
});

test('/api/trpc/health answers through superjson', async ({ request }) => {
  const response = await request.get('/api/trpc/health');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
  const report = superjson.deserialize<{ status: string; backend: { kind: string; ok: boolean } }>(
    body.result.data,
  );
  expect(report.status).toBe('ok');
  expect(report.backend).toMatchObject({ kind: 'embedded', ok: true });
  expect(response.headers()['cache-control']).toBe('private, no-store');
});

test('/healthz reports ok as plain JSON', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  expect(await response.json()).toMatchObject({ status: 'ok', backend: { kind: 'embedded', ok: true } });
});

test('an unknown procedure is a 404 from tRPC, not a page', async ({ request }) => {
  const response = await request.get('/api/trpc/nope');
  expect(response.status()).toBe(404);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
});
