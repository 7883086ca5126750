/**
 * Requests a client can get wrong, or forge, answered on the real production server
 * with the right 4xx and nothing in the server's log (these used to be 500s with stack
 * traces, or worse, were accepted): oversized batches, mass registration, rate-limit
 * answers without Retry-After, over-long catalog filters, TRACE, unknown or revoked API
 * tokens on pages, form posts that are not forms, malformed Host headers, cross-site
 * form posts, an Origin that only matches the Host (DNS rebinding, the https twin of the
 * site), and page cursors that point at rows the caller may not see.
 *
 * The server trusts 127.0.0.1 as a proxy here, so each rate-limit check can speak for a
 * client address of its own (X-Forwarded-For) and leave the others' counters alone.
 */
import { randomBytes } from 'node:crypto';
import superjson from 'superjson';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  OutputWatch,
  registerAccount,
  sendHttp,
  sendRaw,
  signIn,
  startProductionServer,
  storageNamesIn,
  trpcDataOf,
  trpcErrorOf,
  trpcMutation,
  trpcQuery,
  withRole,
  mutate,
  type Account,
  type HttpAnswer,
  type ProductionServer,
} from './production-server';

// Servers, scrypt and big bodies: generous limits, so a busy machine is slow, not failing.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const EXTRA_ORIGIN = 'http://extra.example';
const STALE_CURSOR = 'This page link is no longer valid. Start again from the first page.';

let server: ProductionServer;
let watch: OutputWatch;
let adminCookie: string;
let instructor: Account;
let learner: Account;
let otherLearner: Account;
let draftCourseId: string;

beforeAll(async () => {
  server = await startProductionServer({
    label: 'hardening',
    env: { AURORA_ALLOWED_ORIGINS: EXTRA_ORIGIN, AURORA_TRUSTED_PROXIES: '127.0.0.1' },
  });
  adminCookie = await signIn(server, server.admin);
  instructor = await withRole(server, adminCookie, await registerAccount(server, 'Teacher'), 'instructor');
  learner = await registerAccount(server, 'Learner');
  otherLearner = await registerAccount(server, 'Other learner');
  draftCourseId = (
    await mutate<{ id: string }>(
      server,
      'course.create',
      {
        title: 'Unfinished draft',
        description: 'Not published yet.',
        category: 'tech',
        difficulty: 'beginner',
        duration: 1,
        price: 0,
        tags: [],
      },
      instructor.cookie,
    )
  ).id;
});

afterAll(async () => {
  await server?.stop();
});

// Each test answers for the traces of its own probes.
beforeEach(() => {
  watch = new OutputWatch(server);
});
afterEach(() => {
  watch.close();
});

/* ---------- helpers ---------- */

/** A client address of its own for each rate-limit check (RFC 5737 documentation range). */
function clientAddress(n: number): Record<string, string> {
  return { 'x-forwarded-for': `203.0.113.${n}` };
}

let registrations = 0;
function newRegistration(): { email: string; password: string; name: string } {
  registrations += 1;
  return {
    email: `signup-${registrations}@hardening.test`,
    password: `signup-password-${registrations}`,
    name: `Sign-up ${registrations}`,
  };
}

/** POST /api/trpc/<paths joined by commas>?batch=1 with one input per path. */
async function postBatch(paths: string[], inputs: unknown[], headers: Record<string, string> = {}) {
  const body: Record<string, unknown> = {};
  inputs.forEach((input, index) => (body[String(index)] = superjson.serialize(input)));
  const response = await fetch(`${server.base}/api/trpc/${paths.join(',')}?batch=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

function expectRetryAfter(value: string | string[] | null | undefined, what: string): void {
  expect(String(value ?? ''), `${what}: Retry-After`).toMatch(/^\d+$/);
  expect(Number(value), `${what}: Retry-After`).toBeGreaterThan(0);
}

/** Probes the server and checks it answered a 4xx of `status` (when given). */
async function probe(label: string, send: () => Promise<HttpAnswer>, status?: number): Promise<HttpAnswer> {
  const answered = watch.begin(label);
  const answer = await send().finally(answered);
  const brief = `${label} → ${answer.status}: ${answer.body.slice(0, 200)}`;
  if (status !== undefined) expect(answer.status, brief).toBe(status);
  expect(answer.status, brief).toBeGreaterThanOrEqual(400);
  expect(answer.status, brief).toBeLessThan(500);
  return answer;
}

/** No stack trace in the server's output since the probes of this test began. */
async function expectNoStackTraces(): Promise<void> {
  await watch.settle();
  expect(watch.traces()).toEqual([]);
}

const page = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  sendHttp(server.port, { method, path, headers });

const contentTypeOf = (answer: HttpAnswer) => String(answer.headers['content-type'] ?? '');

async function tokenCount(cookie: string): Promise<number> {
  const list = trpcDataOf<{ items: unknown[] }>(
    await trpcQuery(server, 'auth.listApiTokens', { limit: 100 }, { cookie }),
  );
  return list.items.length;
}

/* ---------- batching and registration ---------- */

describe('batches and registration', () => {
  it('refuses a batch of 11 procedure calls with 400 and processes a batch of 10', async () => {
    const eleven = Array.from({ length: 11 }, () => newRegistration());
    const refused = await postBatch(
      eleven.map(() => 'auth.register'),
      eleven,
      clientAddress(1),
    );
    expect(refused.status, refused.text.slice(0, 300)).toBe(400);

    const ten = Array.from({ length: 10 }, () => newRegistration());
    const processed = await postBatch(
      ten.map(() => 'auth.register'),
      ten,
      clientAddress(1),
    );
    expect(processed.status, processed.text.slice(0, 300)).toBe(200);
    expect(Array.isArray(processed.json) ? processed.json.length : 0).toBe(10);
    for (const entry of Array.isArray(processed.json) ? processed.json : []) {
      expect(trpcErrorOf(entry), JSON.stringify(entry).slice(0, 200)).toBeNull();
    }
  });

  it('takes 30 registrations per client address an hour; the 31st is 429 with Retry-After', async () => {
    const from = clientAddress(2);
    for (let attempt = 1; attempt <= 30; attempt++) {
      const answer = await trpcMutation(server, 'auth.register', newRegistration(), { headers: from });
      expect(answer.status, `registration ${attempt}: ${answer.text.slice(0, 200)}`).toBe(200);
    }
    const refused = await trpcMutation(server, 'auth.register', newRegistration(), { headers: from });
    expect(refused.status, refused.text.slice(0, 300)).toBe(429);
    expect(trpcErrorOf(refused.json)?.code).toBe('TOO_MANY_REQUESTS');
    expectRetryAfter(refused.headers.get('retry-after'), 'auth.register');
    // Per client: another address still registers.
    const elsewhere = await trpcMutation(server, 'auth.register', newRegistration(), {
      headers: clientAddress(3),
    });
    expect(elsewhere.status, elsewhere.text.slice(0, 200)).toBe(200);
  });

  it('answers sign-in after 10 failures for one email with 429 and Retry-After, in the API and on the page', async () => {
    const from = clientAddress(4);
    const credentials = { email: learner.email, password: 'not-the-password' };
    for (let attempt = 1; attempt <= 10; attempt++) {
      const answer = await trpcMutation(server, 'auth.login', credentials, { headers: from });
      expect(answer.status, `failure ${attempt}: ${answer.text.slice(0, 200)}`).toBe(401);
    }
    const refused = await trpcMutation(server, 'auth.login', credentials, { headers: from });
    expect(refused.status, refused.text.slice(0, 300)).toBe(429);
    expectRetryAfter(refused.headers.get('retry-after'), 'auth.login');

    const form = new URLSearchParams({ ...credentials, redirectTo: '/' }).toString();
    const onPage = await sendHttp(server.port, {
      method: 'POST',
      path: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.base, ...from },
      body: form,
    });
    expect(onPage.status, onPage.body.slice(0, 200)).toBe(429);
    expectRetryAfter(onPage.headers['retry-after'], 'POST /sign-in');
  });
});

/* ---------- client errors that used to be 500s ---------- */

describe('client errors', () => {
  it('answers over-long catalog filters with 400', async () => {
    await probe('GET /catalog?tag=<33>', () => page(`/catalog?tag=${'t'.repeat(33)}`), 400);
    await probe('GET /catalog?category=<65>', () => page(`/catalog?category=${'c'.repeat(65)}`), 400);
    await expectNoStackTraces();
  });

  it('answers TRACE with 405 and an Allow header', async () => {
    for (const path of ['/api/trpc/health', '/']) {
      const answer = await probe(`TRACE ${path}`, () => page(path, {}, 'TRACE'), 405);
      expect(String(answer.headers.allow ?? ''), `TRACE ${path}: Allow`).not.toBe('');
    }
    await expectNoStackTraces();
  });

  it('answers pages asked with an unknown or revoked API token with a 401 page', async () => {
    const unknown = `aur_${randomBytes(32).toString('base64url')}`;
    const created = await mutate<{ id: string; token: string }>(
      server,
      'auth.createApiToken',
      { name: 'soon revoked' },
      learner.cookie,
    );
    await mutate(server, 'auth.revokeApiToken', { tokenId: created.id }, learner.cookie);
    for (const [which, token] of [
      ['unknown', unknown],
      ['revoked', created.token],
    ] as const) {
      for (const path of ['/', '/catalog']) {
        const answer = await probe(
          `GET ${path} with an ${which} token`,
          () => page(path, { authorization: `Bearer ${token}` }),
          401,
        );
        expect(contentTypeOf(answer), `${which} ${path}`).toMatch(/^text\/html/);
        expect(String(answer.headers['www-authenticate'] ?? ''), `${which} ${path}`).toMatch(/^Bearer\b/);
      }
    }
    await expectNoStackTraces();
  });

  it('answers page forms that are not forms with 415', async () => {
    const post = (path: string, type: string, body: string, cookie?: string) => () =>
      sendHttp(server.port, {
        method: 'POST',
        path,
        headers: { 'content-type': type, origin: server.base, ...(cookie ? { cookie } : {}) },
        body,
      });
    await probe(
      'POST /sign-in as JSON',
      post('/sign-in', 'application/json', JSON.stringify({ email: learner.email, password: 'x' })),
      415,
    );
    await probe('POST /sign-up as text', post('/sign-up', 'text/plain', 'email=a@b.c&password=x'), 415);
    await probe(
      'POST /account as JSON, signed in',
      post('/account', 'application/json', JSON.stringify({ intent: 'profile', name: 'x' }), learner.cookie),
      415,
    );
    await expectNoStackTraces();
  });

  it('answers a malformed Host header with 400, on pages and on the API', async () => {
    const hosts = ['a b', '[::1', '%zz', 'evil.example:99999', `127.0.0.1:${server.port}@evil.example`];
    for (const host of hosts) {
      for (const path of ['/', '/api/trpc/health']) {
        await probe(
          `GET ${path} with Host ${host}`,
          () => sendRaw(server.port, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
          400,
        );
      }
    }
    await expectNoStackTraces();
  });

  it('refuses cross-site form posts to pages with a 403 page, whatever the method', async () => {
    const evil = 'http://evil.example';
    const signInForm = new URLSearchParams({
      email: otherLearner.email,
      password: otherLearner.password,
      redirectTo: '/',
    });
    const signInAnswer = await probe(
      'POST /sign-in from another site',
      () =>
        sendHttp(server.port, {
          method: 'POST',
          path: '/sign-in',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: evil },
          body: signInForm.toString(),
        }),
      403,
    );
    expect(contentTypeOf(signInAnswer)).toMatch(/^text\/html/);
    expect(signInAnswer.headers['set-cookie'] ?? []).not.toContainEqual(
      expect.stringMatching(/^aurora_session=[^;]+/),
    );

    const before = await tokenCount(learner.cookie);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const answer = await probe(
        `${method} /account from another site`,
        () =>
          sendHttp(server.port, {
            method,
            path: '/account',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              origin: evil,
              cookie: learner.cookie,
            },
            body: 'intent=create-token&name=forged',
          }),
        403,
      );
      expect(contentTypeOf(answer), method).toMatch(/^text\/html/);
    }
    expect(await tokenCount(learner.cookie)).toBe(before);
    await expectNoStackTraces();
  });
});

/* ---------- the cross-site check compares Origin with the public URL ---------- */

describe('cross-site mutations', () => {
  /** auth.createApiToken with the session cookie and the given Origin (and Host). */
  function createTokenFrom(origin: string, host?: string): Promise<HttpAnswer> {
    return sendHttp(server.port, {
      method: 'POST',
      path: '/api/trpc/auth.createApiToken',
      headers: {
        'content-type': 'application/json',
        cookie: otherLearner.cookie,
        origin,
        ...(host ? { host } : {}),
      },
      body: JSON.stringify(superjson.serialize({ name: `from ${origin}` })),
    });
  }

  it('refuses an Origin that only matches the Host: the https twin, a rebound name', async () => {
    const before = await tokenCount(otherLearner.cookie);
    const twin = await createTokenFrom(`https://127.0.0.1:${server.port}`);
    expect(twin.status, twin.body.slice(0, 200)).toBe(403);
    const rebound = await createTokenFrom('http://rebind.example', 'rebind.example');
    expect(rebound.status, rebound.body.slice(0, 200)).toBe(403);
    expect(await tokenCount(otherLearner.cookie)).toBe(before);
  });

  it('accepts the public URL and the origins in AURORA_ALLOWED_ORIGINS', async () => {
    const before = await tokenCount(otherLearner.cookie);
    const own = await createTokenFrom(server.base);
    expect(own.status, own.body.slice(0, 200)).toBe(200);
    const extra = await createTokenFrom(EXTRA_ORIGIN);
    expect(extra.status, extra.body.slice(0, 200)).toBe(200);
    expect(await tokenCount(otherLearner.cookie)).toBe(before + 2);
  });
});

/* ---------- cursors ---------- */

describe('page cursors', () => {
  it('refuse a cursor naming a row the caller may not see, in words that name no storage', async () => {
    const catalog = await trpcQuery(server, 'course.list', { cursor: draftCourseId, sort: 'title' });
    expect(catalog.status, catalog.text.slice(0, 300)).toBe(400);
    const catalogError = trpcErrorOf(catalog.json);
    expect(catalogError?.message).toBe(STALE_CURSOR);

    const othersToken = await mutate<{ id: string }>(
      server,
      'auth.createApiToken',
      { name: 'not yours' },
      otherLearner.cookie,
    );
    const tokens = await trpcQuery(
      server,
      'auth.listApiTokens',
      { cursor: othersToken.id },
      { cookie: learner.cookie },
    );
    expect(tokens.status, tokens.text.slice(0, 300)).toBe(400);
    const tokensError = trpcErrorOf(tokens.json);

    for (const error of [catalogError, tokensError]) {
      expect(storageNamesIn(error?.message ?? ''), error?.message).toEqual([]);
    }
    expect(storageNamesIn(catalog.text), catalog.text).toEqual([]);
    expect(storageNamesIn(tokens.text), tokens.text).toEqual([]);
  });
});
