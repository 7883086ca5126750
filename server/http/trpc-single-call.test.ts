/**
 * The lean path for single calls must answer what tRPC's adapter answers. The same
 * server listener is served twice over the same services (one clock, one database):
 * once with single calls on the lean path, once with every call through the adapter.
 * Each request goes to both; status, header names, order and values, and body bytes
 * must match. Only Date and the per-response CSP nonce differ, and the values of cookies
 * that carry fresh secrets (sessions, visitor ids).
 */
import { Agent, createServer, request, type RequestListener, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedCourse, type SeededCourse } from '../../tests/helpers/courses';
import {
  createTestServices,
  createTestUser,
  scopeFor,
  TEST_PASSWORD,
  type TestServices,
} from '../../tests/helpers/services';
import type { AuthUser } from '../backend/port';
import { enroll } from '../services/enrollments/membership';
import { SIGN_IN_LIMITS } from '../services/identity/sign-in-limits';
import { FORM_BODY_LIMIT } from './body-limits';
import { createRequestListener, type ListenerOptions } from './server';
import { trpcHooks, type TrpcHooks } from './trpc-handler';
import { createSingleCallHandler } from './trpc-single-call';

interface Exchange {
  method?: 'GET' | 'POST';
  /** After /api/trpc/. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sent without Content-Length, in 16 KiB chunks. */
  chunked?: boolean;
}

interface Answer {
  status: number;
  headers: [name: string, value: string][];
  body: Buffer;
}

interface Running {
  port: number;
  agent: Agent;
  server: Server;
}

const clock = new Date('2030-09-01T09:00:00.000Z');
const VARYING_HEADERS = new Set(['date', 'content-security-policy', 'keep-alive']);
let services: TestServices;
let lean: Running;
let adapter: Running;
let learner: AuthUser;
let course: SeededCourse;
let learnerCookie: string;

async function serve(singleTrpcCalls: ListenerOptions['singleTrpcCalls']): Promise<Running> {
  const server = createServer(
    createRequestListener(services, 'production', (_req, res) => res.writeHead(404).end(), {
      singleTrpcCalls,
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Keep-alive, so that a `Connection: close` in an answer is the server's own.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return { port: (server.address() as AddressInfo).port, agent, server };
}

/** The lean handler alone, on its own server, with `listener` as its fallback. */
async function serveLeanOnly(
  fallback: RequestListener,
  hooks: TrpcHooks = trpcHooks(services),
): Promise<Running> {
  const server = createServer(createSingleCallHandler(hooks, { maxBodySize: FORM_BODY_LIMIT, fallback }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, agent: new Agent(), server };
}

async function stop({ server, agent }: Running) {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

function send(target: Running, exchange: Exchange): Promise<Answer> {
  const { method = 'GET', body, chunked = false } = exchange;
  const headers: Record<string, string | number> = { host: `127.0.0.1:${target.port}`, ...exchange.headers };
  if (body !== undefined && !chunked) headers['content-length'] = Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        method,
        path: `/api/trpc/${exchange.path}`,
        headers,
        agent: target.agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const pairs: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i] ?? '';
            const value = res.rawHeaders[i + 1] ?? '';
            if (VARYING_HEADERS.has(name.toLowerCase())) continue;
            // Fresh secrets differ; the cookie's name and attributes must not.
            pairs.push([name, name.toLowerCase() === 'set-cookie' ? value.replace(/=[^;]*/, '=…') : value]);
          }
          resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body === undefined) return void req.end();
    if (!chunked) return void req.end(body);
    const bytes = Buffer.from(body);
    for (let at = 0; at < bytes.length; at += 16 * 1024) req.write(bytes.subarray(at, at + 16 * 1024));
    req.end();
  });
}

/** Sends `exchange` the lean way, then through the adapter; the answers must be the same. */
async function sameAnswer(exchange: Exchange): Promise<Answer> {
  const fromLean = await send(lean, exchange);
  const fromAdapter = await send(adapter, exchange);
  expect(fromLean.status).toBe(fromAdapter.status);
  expect(fromLean.headers).toEqual(fromAdapter.headers);
  expect(fromLean.body.toString('latin1')).toBe(fromAdapter.body.toString('latin1'));
  return fromLean;
}

const header = (answer: Answer, name: string) =>
  answer.headers.find(([key]) => key.toLowerCase() === name)?.[1];
const errorOf = (answer: Answer) =>
  (JSON.parse(answer.body.toString()) as { error: { json: { message: string; data: { code: string } } } })
    .error.json;
const query = (path: string, input: unknown) =>
  `${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
const sameSite = () => ({ origin: services.env.publicUrl.origin, 'content-type': 'application/json' });
const mutation = (path: string, input: unknown, headers: Record<string, string> = {}): Exchange => ({
  method: 'POST',
  path,
  headers: { ...sameSite(), ...headers },
  body: JSON.stringify(superjson.serialize(input)),
});

beforeAll(async () => {
  services = await createTestServices({ now: () => clock });
  const instructor = await createTestUser(services, 'instructor');
  learner = await createTestUser(services, 'regular');
  course = await seedCourse(services, instructor);
  // Enough courses that course.list is compressed.
  for (let i = 0; i < 3; i++) await seedCourse(services, instructor, { fields: { title: `Course ${i}` } });
  await enroll(scopeFor(services, learner), { courseId: course.courseId });
  const session = await services.backend.sessions.create({ email: learner.email, password: TEST_PASSWORD });
  learnerCookie = `aurora_session=${encodeURIComponent(session.secret)}`;
  lean = await serve('lean');
  adapter = await serve('adapter');
});

afterAll(async () => {
  await stop(lean);
  await stop(adapter);
  await services.cleanup();
});

describe('a single query', () => {
  it('answers a public query without input the same', async () => {
    const answer = await sameAnswer({ path: 'course.categories' });
    expect(answer.status).toBe(200);
    expect(header(answer, 'cache-control')).toBe('private, no-store');
  });

  it('answers a public query with input, compressed, the same', async () => {
    const answer = await sameAnswer({
      path: query('course.list', { limit: 10 }),
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(answer.status).toBe(200);
    expect(header(answer, 'content-encoding')).toBe('br');
    expect(header(answer, 'vary')).toBe('trpc-accept, accept, Accept-Encoding');
    await sameAnswer({ path: query('course.list', { limit: 1 }), headers: { 'accept-encoding': 'gzip' } });
    await sameAnswer({ path: 'course.list?input=' });
  });

  it('answers an authed query for a learner and a visitor the same', async () => {
    const signedIn = await sameAnswer({
      path: query('lesson.get', { lessonId: course.lessonId }),
      headers: { cookie: learnerCookie },
    });
    expect(signedIn.status).toBe(200);
    expect(
      (
        await sameAnswer({
          path: query('enrollment.get', { courseId: course.courseId }),
          headers: { cookie: learnerCookie },
        })
      ).status,
    ).toBe(200);
    const visitor = await sameAnswer({ path: query('enrollment.get', { courseId: course.courseId }) });
    expect(visitor.status).toBe(401);
    expect(errorOf(visitor).data.code).toBe('UNAUTHORIZED');
  });

  it('refuses invalid input the same', async () => {
    const invalid = await sameAnswer({ path: query('course.list', { limit: 500 }) });
    expect(invalid.status).toBe(400);
    expect(errorOf(invalid).message).toMatch(/^limit: /);
    const notJson = await sameAnswer({ path: 'course.list?input=%7Bnot-json' });
    expect(notJson.status).toBe(400);
    expect(errorOf(notJson).data.code).toBe('BAD_REQUEST');
    await sameAnswer({ path: 'course.list?input=5' });
  });

  it('answers an unknown procedure the same, either method', async () => {
    const unknown = await sameAnswer({ path: 'course.nothing' });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).message).toBe('No procedure found on path "course.nothing"');
    expect((await sameAnswer({ ...mutation('course.nothing', {}) })).status).toBe(404);
    expect((await sameAnswer({ path: 'constructor' })).status).toBe(404);
  });

  it('refuses the wrong method both ways the same', async () => {
    const queryByPost = await sameAnswer(mutation('course.list', {}));
    expect(queryByPost.status).toBe(405);
    expect(errorOf(queryByPost).data.code).toBe('METHOD_NOT_SUPPORTED');
    const mutationByGet = await sameAnswer({
      path: query('auth.login', { email: learner.email, password: 'x' }),
    });
    expect(mutationByGet.status).toBe(405);
  });
});

describe('a single mutation', () => {
  it('answers a wrong password, a valid sign-in and a refused one the same', async () => {
    const wrong = await sameAnswer(
      mutation('auth.login', { email: learner.email, password: 'wrong password' }),
    );
    expect(wrong.status).toBe(401);
    const right = await sameAnswer(mutation('auth.login', { email: learner.email, password: TEST_PASSWORD }));
    expect(right.status).toBe(200);
    expect(right.headers.filter(([name]) => name === 'set-cookie').map(([, value]) => value)).toContainEqual(
      expect.stringMatching(/^aurora_session=…;/),
    );
    const invalid = await sameAnswer(mutation('auth.login', { email: 'not an address', password: 'x' }));
    expect(invalid.status).toBe(400);
  });

  it('passes a limit’s Retry-After on the same', async () => {
    const email = 'locked@example.test';
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail.limit / 2; i++)
      await sameAnswer(mutation('auth.login', { email, password: 'wrong password' }));
    const refused = await sameAnswer(mutation('auth.login', { email, password: 'wrong password' }));
    expect(refused.status).toBe(429);
    expect(Number(header(refused, 'retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a body that is not JSON the same', async () => {
    const notJson = await sameAnswer({ ...mutation('auth.login', {}), body: '{"json":' });
    expect(notJson.status).toBe(400);
    expect(errorOf(notJson).message).toBe('Unexpected end of JSON input');
    expect((await sameAnswer({ ...mutation('auth.login', {}), body: '' })).status).toBe(400);
    const withByteOrderMarks = `\uFEFF\uFEFF${JSON.stringify(superjson.serialize({ email: 'x', password: 'y' }))}`;
    expect((await sameAnswer({ ...mutation('auth.login', {}), body: withByteOrderMarks })).status).toBe(400);
  });

  it('refuses a chunked body past the limit the same, closing the connection', async () => {
    const huge = JSON.stringify(
      superjson.serialize({ email: learner.email, password: 'x'.repeat(FORM_BODY_LIMIT) }),
    );
    const answer = await sameAnswer({ ...mutation('auth.login', {}), body: huge, chunked: true });
    expect(answer.status).toBe(413);
    expect(errorOf(answer).data.code).toBe('PAYLOAD_TOO_LARGE');
    expect(header(answer, 'connection')).toBe('close');
  });
});

describe('what the lean path leaves to the adapter', () => {
  it('answers batches, other content types and streaming accepts the same', async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: superjson.serialize({ limit: 2 }) }));
    expect((await sameAnswer({ path: `course.list,course.categories?batch=1&input=${input}` })).status).toBe(
      200,
    );
    const streamed = { 'trpc-accept': 'application/jsonl' };
    expect((await sameAnswer({ path: 'course.categories?batch=1', headers: streamed })).status).toBe(200);
    const single = { accept: 'application/jsonl' };
    expect((await sameAnswer({ path: 'course.categories', headers: single })).status).toBe(400);
    const textBody = await sameAnswer({
      ...mutation('auth.logout', {}),
      headers: { ...sameSite(), 'content-type': 'text/plain' },
    });
    expect(textBody.status).toBe(415);
    expect((await sameAnswer({ path: 'course%2Elist' })).status).toBe(200);
  });

  it('serves single calls itself and hands the rest on', async () => {
    const handedOn: string[] = [];
    const direct = await serveLeanOnly((req, res) => {
      handedOn.push(`${req.method} ${req.url}`);
      res.writeHead(299).end();
    });
    try {
      const served: Exchange[] = [
        { path: 'course.categories' },
        { path: query('course.list', { limit: 1 }) },
        { path: 'course.nothing' },
        { path: 'course.list?input=%7B' },
        mutation('auth.login', { email: learner.email, password: 'wrong password' }),
        mutation('course.list', {}),
      ];
      for (const exchange of served) expect((await send(direct, exchange)).status).not.toBe(299);
      expect(handedOn).toEqual([]);
      const input = encodeURIComponent(JSON.stringify({ 0: superjson.serialize({}) }));
      const handed: Exchange[] = [
        { path: `course.list?batch=1&input=${input}` },
        { path: 'course.list,course.categories?batch=1' },
        { path: 'course%2Elist' },
        { path: 'course.list?input=1&input=2' },
        { path: 'course.categories', headers: { 'trpc-accept': 'application/jsonl' } },
        { ...mutation('auth.logout', {}), headers: { 'content-type': 'text/plain' } },
      ];
      for (const exchange of handed) expect((await send(direct, exchange)).status).toBe(299);
      expect(handedOn).toHaveLength(handed.length);
    } finally {
      await stop(direct);
    }
  });
});

describe('a client gone mid-body', () => {
  it('ends the call instead of waiting for the rest', async () => {
    const failures: string[] = [];
    const hooks = trpcHooks(services);
    const direct = await serveLeanOnly((_req, res) => res.writeHead(299).end(), {
      ...hooks,
      onError: ({ error }) => void failures.push(error.code),
    });
    try {
      const socket = connect(direct.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        'POST /api/trpc/auth.login HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
          `Origin: ${services.env.publicUrl.origin}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"json":',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await vi.waitFor(() => expect(failures).toEqual(['BAD_REQUEST']));
    } finally {
      await stop(direct);
    }
  });
});

describe('a failing procedure', () => {
  it('is logged and answered the same', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await services.backend.close();
      const failed = await sameAnswer({ path: 'course.categories' });
      expect(failed.status).toBe(500);
      const logged = errors.mock.calls.map(([message]) => String(message));
      expect(logged).toEqual(['tRPC course.categories failed:', 'tRPC course.categories failed:']);
    } finally {
      errors.mockRestore();
    }
  });
});
