/**
 * The request gate over real HTTP on the server's own listener: body limits by caller
 * and procedure, batch size, methods and Host headers. (Pages need a production build;
 * tests/build/ checks them, and the server's memory under a 200 MiB body.)
 */
import { request as httpRequest } from 'node:http';
import superjson from 'superjson';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { courseWritesSoFar, pdfUpload, seedCourse } from '../../tests/helpers/courses';
import { postProcedure, readProcedure, startApi, type RunningApi } from '../../tests/helpers/http';
import { writesSoFar } from '../../tests/helpers/identity';
import {
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '../../tests/helpers/services';
import { FORM_BODY_LIMIT, SIGNED_IN_BODY_LIMIT } from './body-limits';
import { MAX_BATCH_SIZE } from './trpc-handler';

let services: TestServices;
let api: RunningApi;

beforeEach(async () => {
  services = await createTestServices();
  api = await startApi(services);
});

afterEach(async () => {
  await api.close();
  await services.cleanup();
});

async function signedInCookie(role: 'regular' | 'instructor' = 'regular') {
  const user = await createTestUser(services, role);
  const session = await services.backend.sessions.create({ email: user.email, password: TEST_PASSWORD });
  return { user, cookie: `aurora_session=${encodeURIComponent(session.secret)}` };
}

const origin = () => services.env.publicUrl.origin;
const paddedBio = (bytes: number) => ({ bio: 'x'.repeat(bytes) });

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request node:http sends exactly as told: whatever Host, chunked bodies, odd methods. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; chunked?: boolean } = {},
): Promise<RawAnswer> {
  const url = new URL(path, api.base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        setHost: !options.headers?.host,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    // The server may answer before the upload is done; the answer is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (options.body !== undefined) {
      if (options.chunked) {
        // Written in pieces without a Content-Length: node sends Transfer-Encoding: chunked.
        for (let at = 0; at < options.body.length; at += 16 * 1024)
          req.write(options.body.slice(at, at + 16 * 1024));
        req.end();
      } else req.end(options.body);
    } else req.end();
  });
}

const jsonBody = (input: unknown) => JSON.stringify(superjson.serialize(input));

describe('request bodies', () => {
  it('gives a visitor 64 KiB: a larger declared body is refused at once, nothing written', async () => {
    const before = await writesSoFar(services);
    const body = jsonBody({ email: `${'a'.repeat(FORM_BODY_LIMIT)}@example.test`, password: 'x' });
    const answer = await raw('/api/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: origin() },
      body,
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    const error = JSON.parse(answer.body) as { error: { json: { message: string; data: { code: string } } } };
    expect(error.error.json.data.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.error.json.message).toMatch(
      /at most 64 KiB here\. Send a smaller file or less text\. Sign in to send more\./,
    );
    expect(await writesSoFar(services)).toEqual(before);
  });

  it('counts a chunked body as it arrives and refuses it past the limit', async () => {
    const answer = await raw('/api/trpc/auth.register', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: origin() },
      body: jsonBody({ email: 'big@example.test', password: 'y'.repeat(2 * FORM_BODY_LIMIT), name: 'Big' }),
      chunked: true,
    });
    expect(answer.status).toBe(413);
    expect(await services.backend.users.findByEmail('big@example.test')).toBeNull();
  });

  it('does not give a visitor more with a cookie that is no session', async () => {
    const response = await postProcedure(api.base, 'auth.updateProfile', paddedBio(2 * FORM_BODY_LIMIT), {
      cookie: 'aurora_session=forged',
      origin: origin(),
    });
    expect(response.status).toBe(413);
  });

  it('gives a signed-in caller 1 MiB, and refuses past it', async () => {
    const { cookie } = await signedInCookie();
    // Past a visitor's limit but within a signed-in caller's: the procedure itself answers.
    const longName = (bytes: number) => ({ name: 'x'.repeat(bytes) });
    const within = await postProcedure(api.base, 'auth.createApiToken', longName(2 * FORM_BODY_LIMIT), {
      cookie,
      origin: origin(),
    });
    expect(within.status).toBe(400);
    expect(await readProcedure(within)).toMatchObject({ code: 'BAD_REQUEST' });
    const past = await postProcedure(api.base, 'auth.createApiToken', longName(SIGNED_IN_BODY_LIMIT + 1), {
      cookie,
      origin: origin(),
    });
    expect(past.status).toBe(413);
  });

  it('gives a signed-in instructor room for a 10 MiB attachment, and a visitor none', async () => {
    const { user, cookie } = await signedInCookie('instructor');
    const course = await seedCourse(services, user, { published: false });
    const file = pdfUpload(
      'big.pdf',
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024, 32)]),
    );
    const visitor = await postProcedure(api.base, 'lesson.addAttachment', {
      lessonId: course.lessonId,
      file,
    });
    expect(visitor.status).toBe(413);

    const before = await courseWritesSoFar(services);
    const upload = await postProcedure(
      api.base,
      'lesson.addAttachment',
      { lessonId: course.lessonId, file },
      { cookie, origin: origin() },
    );
    expect(upload.status).toBe(200);
    expect((await courseWritesSoFar(services)).materials).toBe(before.materials + 1);
  });

  it('gives no upload allowance to a batch that mixes an upload with another procedure', async () => {
    const { cookie } = await signedInCookie();
    const input = {
      0: superjson.serialize(paddedBio(2 * SIGNED_IN_BODY_LIMIT)),
      1: superjson.serialize(undefined),
    };
    const response = await fetch(`${api.base}/api/trpc/auth.updateProfile,auth.me?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: origin() },
      body: JSON.stringify(input),
    });
    expect(response.status).toBe(413);
  });
});

describe('batches', () => {
  const batch = (count: number) => {
    const paths = Array.from({ length: count }, () => 'health').join(',');
    const input = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [i, superjson.serialize(undefined)]),
    );
    return fetch(`${api.base}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
  };

  it(`runs a batch of ${MAX_BATCH_SIZE} and refuses a larger one with 400`, async () => {
    expect((await batch(MAX_BATCH_SIZE)).status).toBe(200);
    const refused = await batch(MAX_BATCH_SIZE + 1);
    expect(refused.status).toBe(400);
  });

  it('creates no account from a batch of registrations past the limit', async () => {
    const count = MAX_BATCH_SIZE + 1;
    const paths = Array.from({ length: count }, () => 'auth.register').join(',');
    const input = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [
        i,
        superjson.serialize({ email: `batch${i}@example.test`, password: 'long enough password', name: 'B' }),
      ]),
    );
    const before = await writesSoFar(services);
    const response = await fetch(`${api.base}/api/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: origin() },
      body: JSON.stringify(input),
    });
    expect(response.status).toBe(400);
    expect(await writesSoFar(services)).toEqual(before);
  });
});

describe('methods and hosts', () => {
  it('answers 405 with Allow for a method no route takes', async () => {
    for (const path of ['/api/trpc/health', '/', '/healthz']) {
      const answer = await raw(path, { method: 'TRACE' });
      expect(answer.status, path).toBe(405);
      expect(answer.headers.allow, path).toBeTruthy();
    }
    const put = await raw('/api/trpc/health', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, POST');
  });

  it.each(['a b', '[::1', '%zz', 'evil.example:99999', '127.0.0.1:3201@evil.example'])(
    'answers 400 for Host %j',
    async (host) => {
      for (const path of ['/api/trpc/health', '/', '/healthz']) {
        const answer = await raw(path, { headers: { host } });
        expect(answer.status, path).toBe(400);
      }
    },
  );

  it('answers 400 for an absolute-form request target', async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: new URL(api.base).port,
        path: 'http://evil.example/',
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer).toBe(400);
  });

  it('still serves a well-formed Host and the API to scripts', async () => {
    const answer = await raw('/api/trpc/health', { headers: { host: 'learn.example.org:8443' } });
    expect(answer.status).toBe(200);
    const me = await readProcedure(await fetch(`${api.base}/api/trpc/auth.me`));
    expect(me).toBeNull();
  });
});
