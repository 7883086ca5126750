/**
 * The visitors' page cache and whole-answer compression, over real HTTP through the
 * server's own listener. The page handler here stands in for Remix: it renders the
 * request's nonce into its HTML the way entry.server.tsx does, says whether it may be
 * shared the way visitor-cache.server.ts does, and counts its renders.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flashCookieHeader } from '../../app/lib/flash.server';
import { seedCourse } from '../../tests/helpers/courses';
import { postProcedure } from '../../tests/helpers/http';
import {
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '../../tests/helpers/services';
import { catalogChanged } from '../services/courses/catalog-changes';
import { FLASH_COOKIE, createPageCache, pageKeyOf, type PageCache } from './page-cache';
import { nonceOf } from './request-nonce';
import { createRequestListener } from './server';

const SHARED = 'public, max-age=0, s-maxage=1';

let services: TestServices;
let server: Server;
let base: string;
let cache: PageCache;
let clock: number;
let renders: string[];
/** What the stand-in page does, per test. */
let page: (req: IncomingMessage, res: ServerResponse) => void;

/** A page like Remix's: a streamed document with the nonce on each inline script. */
function renderPage(req: IncomingMessage, res: ServerResponse, options: { cacheControl?: string } = {}) {
  const nonce = nonceOf(req);
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  if (options.cacheControl) res.setHeader('Cache-Control', options.cacheControl);
  res.write(`<!DOCTYPE html><html><head><script nonce="${nonce}">window.a=1</script></head><body>`);
  res.write(`<main>${'<p>A course card with its title and summary.</p>'.repeat(60)}</main>`);
  res.end(`<script nonce="${nonce}">window.b=2</script><p>rendered ${renders.length - 1}</p></body></html>`);
}

beforeEach(async () => {
  services = await createTestServices();
  clock = 1_000_000;
  renders = [];
  cache = createPageCache({ now: () => clock });
  page = (req, res) => {
    const anonymous = !req.headers.cookie && !req.headers.authorization;
    renderPage(req, res, { cacheControl: anonymous ? SHARED : undefined });
  };
  server = createServer(
    createRequestListener(
      services,
      'production',
      (req, res) => {
        renders.push(req.url ?? '');
        page(req, res);
      },
      { pageCache: cache },
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  cache.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await services.cleanup();
});

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  /** The bytes as they came over the wire. */
  raw: Buffer;
  /** Decoded per Content-Encoding. */
  text: string;
}

/** A GET (or HEAD) with exactly these headers: fetch() would add an Accept-Encoding of its own. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const coding = res.headers['content-encoding'];
        const decoded =
          coding === 'gzip' ? gunzipSync(raw) : coding === 'br' ? brotliDecompressSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text: decoded.toString('utf8') });
      });
    })
      .on('error', reject)
      .end();
  });
}

const GZIP = { 'accept-encoding': 'gzip, deflate, br' };

function noncesIn(answer: Answer): { html: string[]; csp: string | undefined } {
  return {
    html: [...answer.text.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1] ?? ''),
    csp: /'nonce-([^']+)'/.exec(String(answer.headers['content-security-policy']))?.[1],
  };
}

describe("the visitors' page cache", () => {
  it('renders a shared page once and serves it again from memory', async () => {
    const first = await get('/catalog', GZIP);
    const second = await get('/catalog', GZIP);
    expect(renders).toEqual(['/catalog']);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.text).toContain('rendered 0');
    expect(second.headers['cache-control']).toBe(SHARED);
    expect(second.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(second.headers['content-length']).toBe(String(second.raw.length));
    expect(second.headers.vary).toBe('Accept-Encoding');
  });

  it('gives every response a nonce of its own, the same in the HTML and in the CSP', async () => {
    const answers = [await get('/catalog', GZIP), await get('/catalog', GZIP), await get('/catalog')];
    const nonces = answers.map(noncesIn);
    for (const { html, csp } of nonces) {
      expect(html).toHaveLength(2);
      expect(html.every((nonce) => nonce === csp)).toBe(true);
    }
    expect(new Set(nonces.map(({ csp }) => csp)).size).toBe(3);
    expect(renders).toHaveLength(1);
    // Apart from the nonce, the pages are the same bytes.
    const withoutNonce = (answer: Answer, nonce: string | undefined) =>
      answer.text.split(nonce ?? '-').join('');
    expect(withoutNonce(answers[1] as Answer, nonces[1]?.csp)).toBe(
      withoutNonce(answers[0] as Answer, nonces[0]?.csp),
    );
  });

  it('shares one page between orderings of the same query, and not across queries', async () => {
    await get('/catalog?tag=sql&q=join');
    await get('/catalog?q=join&tag=sql');
    await get('/catalog?q=join');
    expect(renders).toEqual(['/catalog?tag=sql&q=join', '/catalog?q=join']);
    expect(pageKeyOf('/catalog?b=2&a=1')).toBe('/catalog?a=1&b=2');
    expect(pageKeyOf('/catalog?')).toBe('/catalog');
    // Files are not pages: they never join a page's single flight.
    expect(pageKeyOf('/assets/entry-1a2b.js')).toBeNull();
    expect(pageKeyOf('/favicon.svg?v=2')).toBeNull();
  });

  it('never serves a signed-in request from the cache, nor stores its page', async () => {
    await get('/catalog');
    const signedIn: Record<string, string>[] = [
      { cookie: 'aurora_session=secret' },
      { cookie: `theme=dark; ${FLASH_COOKIE}=message` },
      { authorization: 'Bearer some-token' },
    ];
    for (const headers of signedIn) {
      const answer = await get('/catalog', headers);
      expect(answer.headers['cache-control']).toBeUndefined();
    }
    expect(renders).toHaveLength(4);
    // A signed-in render that (wrongly) said "public" is still not stored for visitors.
    page = (req, res) => renderPage(req, res, { cacheControl: SHARED });
    await get('/catalog?q=x', { cookie: 'aurora_session=secret' });
    await get('/catalog?q=x');
    expect(renders).toHaveLength(6);
  });

  it('knows the flash cookie by the name app/lib/flash.server.ts gives it', async () => {
    const header = await flashCookieHeader(new Request(base), { tone: 'info', text: 'Saved.' });
    expect(header.startsWith(`${FLASH_COOKIE}=`)).toBe(true);
  });

  it('keeps nothing that sets a cookie, does not say it may be shared, or is not a 200', async () => {
    page = (req, res) => {
      if (req.url === '/cookie') res.setHeader('Set-Cookie', 'aurora_visitor=abc; Path=/');
      if (req.url === '/missing') res.statusCode = 404;
      renderPage(req, res, { cacheControl: req.url === '/private' ? undefined : SHARED });
      if (req.url === '/missing') res.statusCode = 404;
    };
    for (const path of ['/cookie', '/private', '/cookie', '/private']) {
      const answer = await get(path);
      expect(answer.status).toBe(200);
    }
    expect((await get('/cookie')).headers['set-cookie']).toEqual(['aurora_visitor=abc; Path=/']);
    expect(renders).toEqual(['/cookie', '/private', '/cookie', '/private', '/cookie']);
    expect(cache.size).toBe(0);
  });

  it('lets a page live one second', async () => {
    await get('/catalog');
    clock += 999;
    await get('/catalog');
    expect(renders).toHaveLength(1);
    clock += 1;
    expect((await get('/catalog')).text).toContain('rendered 1');
    expect(renders).toHaveLength(2);
  });

  it('drops every page on the catalog-change signal', async () => {
    await get('/catalog');
    await get('/');
    expect(cache.size).toBe(2);
    catalogChanged();
    expect(cache.size).toBe(0);
    await get('/catalog');
    expect(renders).toEqual(['/catalog', '/', '/catalog']);
  });

  it('renders concurrent misses for one page once', async () => {
    page = (req, res) => {
      setTimeout(() => renderPage(req, res, { cacheControl: SHARED }), 50);
    };
    const answers = await Promise.all(Array.from({ length: 6 }, () => get('/catalog', GZIP)));
    expect(renders).toHaveLength(1);
    const nonces = answers.map((answer) => noncesIn(answer).csp);
    expect(new Set(nonces).size).toBe(6);
    for (const answer of answers) expect(answer.text).toContain('rendered 0');
  });

  it('renders for each waiter when the page it waited for could not be shared', async () => {
    page = (req, res) => {
      setTimeout(() => renderPage(req, res), 30);
    };
    const answers = await Promise.all(Array.from({ length: 3 }, () => get('/sign-in')));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(renders).toHaveLength(3);
  });

  it('does not keep a page rendered across a catalog change', async () => {
    page = (req, res) => {
      catalogChanged();
      renderPage(req, res, { cacheControl: SHARED });
    };
    await get('/catalog');
    expect(cache.size).toBe(0);
  });

  it('is bounded in entries', async () => {
    const small = createPageCache({ now: () => clock, maxEntries: 2 });
    const local = createServer(
      createRequestListener(
        services,
        'production',
        (req, res) => renderPage(req, res, { cacheControl: SHARED }),
        {
          pageCache: small,
        },
      ),
    );
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    const localBase = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
    for (const path of ['/a', '/b', '/c']) await fetch(`${localBase}${path}`).then((r) => r.text());
    expect(small.size).toBe(2);
    small.close();
    local.closeAllConnections();
    await new Promise((resolve) => local.close(resolve));
  });

  it('drops the catalog page when a course is published through the API', async () => {
    const instructor = await createTestUser(services, 'instructor');
    const { courseId } = await seedCourse(services, instructor, { published: false });
    await get('/catalog');
    expect(cache.size).toBe(1);
    const session = await services.backend.sessions.create({
      email: instructor.email,
      password: TEST_PASSWORD,
    });
    const published = await postProcedure(
      base,
      'course.publish',
      { courseId },
      {
        origin: services.env.publicUrl.origin,
        cookie: `aurora_session=${encodeURIComponent(session.secret)}`,
      },
    );
    expect(published.status).toBe(200);
    expect(cache.size).toBe(0);
    await get('/catalog');
    expect(renders).toEqual(['/catalog', '/catalog']);
  });
});

describe('compression of whole answers', () => {
  it('sends a rendered page gzip, brotli or plain as the client asks, with the right length', async () => {
    page = (req, res) => renderPage(req, res);
    for (const [accept, coding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', undefined],
    ] as const) {
      const answer = await get('/sign-in', { 'accept-encoding': accept });
      expect(answer.headers['content-encoding']).toBe(coding);
      expect(answer.headers['content-length']).toBe(String(answer.raw.length));
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(answer.text).toMatch(/^<!DOCTYPE html>.*<\/html>$/s);
      if (coding) expect(answer.raw.length).toBeLessThan(answer.text.length / 3);
    }
  });

  it('gives a client that takes brotli alone a cached page in brotli', async () => {
    await get('/catalog');
    const answer = await get('/catalog', { 'accept-encoding': 'br' });
    expect(renders).toHaveLength(1);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(noncesIn(answer).html[0]).toBe(noncesIn(answer).csp);
  });

  it('compresses API answers, and leaves tiny ones alone', async () => {
    const instructor = await createTestUser(services, 'instructor');
    for (let index = 0; index < 3; index++) await seedCourse(services, instructor);
    const list = await get(`/api/trpc/course.list?input=${encodeURIComponent('{"json":{}}')}`, GZIP);
    expect(list.headers['content-encoding']).toBe('br');
    expect(list.headers['content-length']).toBe(String(list.raw.length));
    const answer = JSON.parse(list.text) as { result: { data: { json: { items: unknown[] } } } };
    expect(answer.result.data.json.items).toHaveLength(3);
    const health = await get('/api/trpc/health', GZIP);
    expect(health.raw.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('answers HEAD without a body or a cached page, and leaves empty answers alone', async () => {
    page = (req, res) => {
      if (req.url === '/empty') {
        res.writeHead(204).end();
        return;
      }
      renderPage(req, res, { cacheControl: SHARED });
    };
    const head = await get('/catalog', GZIP, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.raw.length).toBe(0);
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(cache.size).toBe(0);
    const empty = await get('/empty', GZIP);
    expect(empty.status).toBe(204);
    expect(empty.headers['content-encoding']).toBeUndefined();
  });
});
