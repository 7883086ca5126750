/**
 * The visitors' page cache on the production server with its real pages (decision
 * 0032): the catalog, the home page and a course page say they may be shared only to
 * visitors; a visitor's second look is served from memory with a nonce of its own; a
 * signed-in look is rendered for that person and never shared; a publish shows at once.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  mutate,
  registerAccount,
  sendHttp,
  signIn,
  startProductionServer,
  withRole,
  type Account,
  type HttpAnswer,
  type ProductionServer,
} from './production-server';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const SHARED = 'public, max-age=0, s-maxage=1';

let server: ProductionServer;
let instructor: Account;
let learner: Account;
let courseId: string;

beforeAll(async () => {
  server = await startProductionServer({ label: 'page-cache' });
  const adminCookie = await signIn(server, server.admin);
  instructor = await withRole(
    server,
    adminCookie,
    await registerAccount(server, 'Cache Teacher'),
    'instructor',
  );
  learner = await registerAccount(server, 'Cache Learner');
  courseId = (
    await mutate<{ id: string }>(
      server,
      'course.create',
      {
        title: 'Window functions in practice',
        description: 'Ranking, running totals and gaps.',
        category: 'tech',
        difficulty: 'beginner',
        duration: 2,
        price: 0,
        tags: [],
      },
      instructor.cookie,
    )
  ).id;
  await mutate(
    server,
    'lesson.create',
    { courseId, title: 'Ranking', description: '', content: '<p>Notes</p>', isPreview: false },
    instructor.cookie,
  );
});

afterAll(async () => {
  await server?.stop();
});

/** A page, uncompressed. */
async function page(
  path: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswer & { html: string }> {
  const answer = await sendHttp(server.port, {
    path,
    headers: { 'accept-encoding': 'identity', ...headers },
  });
  return { ...answer, html: answer.body };
}

/** The body's bytes as sent, for checking an encoding. */
function bytesOf(
  path: string,
  headers: Record<string, string>,
): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${server.base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

function nonceOf(answer: HttpAnswer & { html: string }): { html: string[]; csp: string | undefined } {
  return {
    html: [...answer.html.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1] ?? ''),
    csp: /'nonce-([^']+)'/.exec(String(answer.headers['content-security-policy']))?.[1],
  };
}

describe("the visitors' page cache on the real pages", () => {
  it('lets visitors share the catalog, the home page and a published course page', async () => {
    await mutate(server, 'course.publish', { courseId }, instructor.cookie);
    for (const path of ['/catalog', '/catalog?q=window', '/', `/courses/${courseId}`]) {
      const answer = await page(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['cache-control'], path).toBe(SHARED);
      expect(answer.headers.vary, path).toBe('Cookie, Authorization, Accept-Encoding');
    }
  });

  // The home page: a visitor's catalog has no script, so no nonce (decision 0035).
  it('serves a visitor the cached home page with a fresh nonce each time', async () => {
    const answers = [await page('/'), await page('/'), await page('/')];
    expect(answers.map((answer) => answer.headers['cache-control'])).toEqual(
      Array(3).fill('public, max-age=0, s-maxage=1'),
    );
    const nonces = answers.map(nonceOf);
    for (const { html, csp } of nonces) {
      expect(html.length).toBeGreaterThan(0);
      expect(html.every((nonce) => nonce === csp)).toBe(true);
    }
    expect(new Set(nonces.map(({ csp }) => csp)).size).toBe(3);
    expect(answers[1]?.html.split(nonces[1]?.csp ?? '-').join('')).toBe(
      answers[2]?.html.split(nonces[2]?.csp ?? '-').join(''),
    );
  });

  it('sends the cached catalog gzip-compressed with its true length', async () => {
    await page('/catalog');
    const answer = await bytesOf('/catalog', { 'accept-encoding': 'gzip, deflate, br' });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['content-length']).toBe(String(answer.body.length));
    const html = gunzipSync(answer.body).toString('utf8');
    expect(html).toContain('Window functions in practice');
    expect(html.length).toBeGreaterThan(answer.body.length * 2);
  });

  it('renders the catalog for a signed-in learner and never shares it', async () => {
    await page('/catalog');
    const signedIn = await page('/catalog', { cookie: learner.cookie });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers['cache-control']).toBeUndefined();
    expect(signedIn.html).toContain('Cache Learner');
    const visitor = await page('/catalog');
    expect(visitor.html).not.toContain('Cache Learner');
    // A visitor's one-time message is theirs: neither cached nor marked shareable.
    const flash = Buffer.from(JSON.stringify({ tone: 'info', text: 'A message for one visitor' }));
    const withFlash = await page('/catalog', {
      cookie: `aurora_flash=${encodeURIComponent(flash.toString('base64'))}`,
    });
    expect(withFlash.html).toContain('A message for one visitor');
    expect(withFlash.headers['cache-control']).toBe('private, no-store');
    expect((await page('/catalog')).html).not.toContain('A message for one visitor');
  });

  it('shows a visitor an unpublish and a rename at once', async () => {
    expect((await page('/catalog')).html).toContain('Window functions in practice');
    await mutate(server, 'course.unpublish', { courseId }, instructor.cookie);
    expect((await page('/catalog')).html).not.toContain('Window functions in practice');
    expect((await page(`/courses/${courseId}`)).status).toBe(404);
    await mutate(server, 'course.publish', { courseId }, instructor.cookie);
    expect((await page('/catalog')).html).toContain('Window functions in practice');
    await mutate(server, 'course.update', { courseId, title: 'Window functions, ranked' }, instructor.cookie);
    const renamed = await page('/catalog');
    expect(renamed.html).toContain('Window functions, ranked');
  });
});
