/**
 * Request bodies are capped by the HTTP layer before Remix or tRPC read them, on the
 * real production server: page forms at 64 KiB (more only on the upload and long-content
 * routes, and only for a signed-in caller); /api/trpc at 64 KiB for visitors, 1 MiB for
 * signed-in callers, 36 MiB for signed-in callers of the upload procedures. Past a cap
 * the answer is 413 and reading stops there: a 200 MiB form, declared or chunked, moves
 * the server's memory by less than 50 MiB and never stalls /healthz; eight concurrent
 * 35 MiB API bodies neither. Without this one visitor can make the server buffer
 * gigabytes. The allowances still carry real uploads (a 10 MiB lesson attachment, an
 * avatar and a cover picture through the page forms, long lesson notes).
 */
import type { OutgoingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { samples } from '../fixtures/images';
import {
  KiB,
  MiB,
  mutate,
  peakRssBytes,
  registerAccount,
  resetPeakRss,
  rssBytes,
  sendHttp,
  signIn,
  streamBody,
  startProductionServer,
  trpcDataOf,
  trpcErrorOf,
  trpcMutation,
  trpcQuery,
  withRole,
  type Account,
  type HttpAnswer,
  type ProductionServer,
} from './production-server';

// Servers, scrypt and big bodies: generous limits, so a busy machine is slow, not failing.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const RSS_BUDGET = 50 * MiB;
const HEALTH_BUDGET_MS = 100;
const HEALTH_INTERVAL_MS = 50;
/** Watch at least this long, so a quick refusal still gets several health polls. */
const MIN_WATCH_MS = 600;
const FORM = 'application/x-www-form-urlencoded';

let server: ProductionServer;
let instructor: Account;
let learner: Account;
let learnerToken: string;
let courseId: string;
let lessonId: string;

beforeAll(async () => {
  server = await startProductionServer({ label: 'limits' });
  const adminCookie = await signIn(server, server.admin);
  instructor = await withRole(server, adminCookie, await registerAccount(server, 'Teacher'), 'instructor');
  learner = await registerAccount(server, 'Learner');
  learnerToken = (
    await mutate<{ token: string }>(server, 'auth.createApiToken', { name: 'script' }, learner.cookie)
  ).token;
  const course = await mutate<{ id: string }>(
    server,
    'course.create',
    {
      title: 'Big files',
      description: 'Uploads.',
      category: 'tech',
      difficulty: 'beginner',
      duration: 1,
      price: 0,
      tags: [],
    },
    instructor.cookie,
  );
  courseId = course.id;
  const lesson = await mutate<{ id: string }>(
    server,
    'lesson.create',
    { courseId, title: 'Reading', description: '', content: '<p>Notes</p>', isPreview: false },
    instructor.cookie,
  );
  lessonId = lesson.id;
});

afterAll(async () => {
  await server?.stop();
});

/* ---------- bodies ---------- */

const FORM_PREFIX = 'email=visitor%40example.com&password=';
const JSON_PREFIX = '{"json":{"email":"visitor@example.com","password":"';

/** A sign-in form of exactly `size` bytes (the password is the filler). */
function form(size: number): string {
  return FORM_PREFIX + 'a'.repeat(Math.max(0, size - FORM_PREFIX.length));
}

/** An auth.login body of about `size` bytes. */
function loginJson(size: number): string {
  return `${JSON_PREFIX}${'a'.repeat(Math.max(0, size - JSON_PREFIX.length - 4))}"}}`;
}

function formHeaders(cookie?: string): OutgoingHttpHeaders {
  return { 'content-type': FORM, origin: server.base, ...(cookie ? { cookie } : {}) };
}

interface FilePart {
  field: string;
  name: string;
  type: string;
  data: Buffer;
}

function multipart(fields: Record<string, string>, file?: FilePart): { body: Buffer; type: string } {
  const boundary = `----AuroraBuildCheck${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** A real 1×1 PNG followed by padding: a valid picture of about `size` bytes. */
function pngOf(size: number): Buffer {
  return Buffer.concat([samples.png, Buffer.alloc(Math.max(0, size - samples.png.length))]);
}

function pdfOf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]);
}

function uploadJson(fields: Record<string, unknown>): string {
  return JSON.stringify(superjson.serialize(fields));
}

/* ---------- the server's vitals while a body is sent ---------- */

interface Vitals {
  polls: number;
  slowestHealthMs: number;
  healthFailures: string[];
  rssGrowth: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A server of its own for one memory measurement: memory a process once took it keeps,
 * so a body buffered by an earlier test would hide the next one's. The paths measured
 * are used once first, so first-use compilation is not counted as body memory.
 */
async function withFreshServer<T>(work: (fresh: ProductionServer) => Promise<T>): Promise<T> {
  const fresh = await startProductionServer({ label: 'memory' });
  try {
    for (let round = 0; round < 3; round++) {
      await sendHttp(fresh.port, {
        method: 'POST',
        path: '/sign-in',
        headers: { 'content-type': FORM },
        body: form(100 * KiB),
      });
      await sendHttp(fresh.port, {
        method: 'POST',
        path: '/api/trpc/auth.login',
        headers: { 'content-type': 'application/json' },
        body: loginJson(100 * KiB),
      });
      await fetch(`${fresh.base}/healthz`).then((response) => response.text());
    }
    return await work(fresh);
  } finally {
    await fresh.stop();
  }
}

/** Runs `work` while polling /healthz every ~50 ms and tracking the server's peak RSS. */
async function watchingServer<T>(
  target: ProductionServer,
  work: () => Promise<T>,
): Promise<{ result: T; vitals: Vitals }> {
  const pid = target.pid;
  const kernelPeak = resetPeakRss(pid);
  const baseline = rssBytes(pid);
  let sampledPeak = baseline;
  let working = true;
  const started = performance.now();
  const latencies: number[] = [];
  const healthFailures: string[] = [];
  const poller = (async () => {
    while (working || performance.now() - started < MIN_WATCH_MS) {
      const sentAt = performance.now();
      try {
        const response = await fetch(`${target.base}/healthz`, { signal: AbortSignal.timeout(5_000) });
        await response.text();
        if (!response.ok) healthFailures.push(`/healthz answered ${response.status}`);
      } catch (error) {
        healthFailures.push(`/healthz failed: ${String(error)}`);
      }
      const took = performance.now() - sentAt;
      latencies.push(took);
      sampledPeak = Math.max(sampledPeak, rssBytes(pid));
      await sleep(Math.max(0, HEALTH_INTERVAL_MS - took));
    }
  })();
  let result: T;
  try {
    result = await work();
  } finally {
    working = false;
    await poller;
  }
  sampledPeak = Math.max(sampledPeak, rssBytes(pid));
  const peak = kernelPeak ? Math.max(sampledPeak, peakRssBytes(pid)) : sampledPeak;
  return {
    result,
    vitals: {
      polls: latencies.length,
      slowestHealthMs: Math.round(Math.max(0, ...latencies)),
      healthFailures,
      rssGrowth: peak - baseline,
    },
  };
}

const inMiB = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

function expectTrpcTooLarge(answer: HttpAnswer, what: string): void {
  expect(answer.status, `${what}: ${answer.body.slice(0, 300)}`).toBe(413);
  const error = trpcErrorOf(JSON.parse(answer.body) as unknown);
  expect(error, `${what}: tRPC error shape`).not.toBeNull();
  expect(
    error?.code === 'PAYLOAD_TOO_LARGE' || error?.httpStatus === 413,
    `${what}: error.json.data says payload too large: ${answer.body.slice(0, 300)}`,
  ).toBe(true);
}

function expectTooLargePage(answer: HttpAnswer, what: string): void {
  expect(answer.status, `${what}: ${answer.body.slice(0, 200)}`).toBe(413);
  expect(String(answer.headers['content-type']), what).toMatch(/^text\/html/);
  expect(answer.body, what).toMatch(/too large/i);
}

function postTrpc(path: string, body: string, headers: OutgoingHttpHeaders = {}): Promise<HttpAnswer> {
  return sendHttp(server.port, {
    method: 'POST',
    path: `/api/trpc/${path}`,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

/* ---------- the tests ---------- */

describe('a 200 MiB sign-in form', () => {
  for (const declareLength of [true, false]) {
    const how = declareLength ? 'with Content-Length' : 'chunked, without Content-Length';
    it(`${how}: 413 before it is read, RSS +<50 MiB, /healthz within 100 ms throughout`, async () => {
      const total = 200 * MiB;
      const { result, vitals } = await withFreshServer((fresh) =>
        watchingServer(fresh, () =>
          streamBody(fresh.port, {
            path: '/sign-in',
            headers: { 'content-type': FORM, origin: fresh.base },
            prefix: FORM_PREFIX,
            total,
            declareLength,
          }),
        ),
      );
      const report = `${how}: answered ${result.status} after ${inMiB(result.sentAtAnswer ?? result.sent)} of ${inMiB(total)} (upload side: ${result.uploadError ?? 'no error'}); RSS +${inMiB(vitals.rssGrowth)}; ${vitals.polls} health polls, slowest ${vitals.slowestHealthMs} ms`;
      expect(result.status, report).toBe(413);
      expect(String(result.headers['content-type']), report).toMatch(/^text\/html/);
      expect(result.sentAtAnswer ?? total, `answered before the body ended: ${report}`).toBeLessThan(total);
      expect(vitals.rssGrowth, report).toBeLessThan(RSS_BUDGET);
      expect(vitals.healthFailures, report).toEqual([]);
      expect(vitals.polls, report).toBeGreaterThanOrEqual(5);
      expect(vitals.slowestHealthMs, report).toBeLessThan(HEALTH_BUDGET_MS);
    });
  }
});

describe('eight concurrent 35 MiB visitor bodies to auth.login', () => {
  it('are all answered 413, and the server grows by less than 50 MiB', async () => {
    const total = 35 * MiB;
    const { result, vitals } = await withFreshServer((fresh) =>
      watchingServer(fresh, () =>
        Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            streamBody(fresh.port, {
              path: '/api/trpc/auth.login',
              headers: { 'content-type': 'application/json' },
              prefix: JSON_PREFIX,
              total,
              declareLength: index % 2 === 0,
            }),
          ),
        ),
      ),
    );
    const report = `statuses ${result.map((outcome) => outcome.status).join(', ')}; RSS +${inMiB(vitals.rssGrowth)}`;
    expect(
      result.map((outcome) => outcome.status),
      report,
    ).toEqual(Array.from({ length: 8 }, () => 413));
    expect(vitals.rssGrowth, report).toBeLessThan(RSS_BUDGET);
  });
});

describe('page forms', () => {
  it('over 64 KiB are refused with a readable 413 page, except uploads by a signed-in caller', async () => {
    const big = form(100 * KiB);
    const post = (path: string, body: string | Buffer, headers: OutgoingHttpHeaders) =>
      sendHttp(server.port, { method: 'POST', path, headers, body });

    expectTooLargePage(await post('/sign-in', big, formHeaders()), 'visitor, /sign-in, 100 KiB');
    expectTooLargePage(await post('/sign-up', big, formHeaders()), 'visitor, /sign-up, 100 KiB');
    expectTooLargePage(
      await post('/sign-in', big, formHeaders(learner.cookie)),
      'signed in, /sign-in (no uploads there), 100 KiB',
    );
    const avatar = multipart(
      { intent: 'avatar' },
      { field: 'avatar', name: 'me.png', type: 'image/png', data: pngOf(100 * KiB) },
    );
    expectTooLargePage(
      await post('/account', avatar.body, { 'content-type': avatar.type, origin: server.base }),
      'visitor, /account avatar, 100 KiB',
    );
    expectTooLargePage(
      await post(
        `/teach/courses/${courseId}/lessons/new`,
        `intent=save&title=x&content=${'a'.repeat(100 * KiB)}`,
        formHeaders(),
      ),
      'visitor, new lesson, 100 KiB',
    );
    const thumbnail = multipart(
      { intent: 'thumbnail' },
      { field: 'thumbnail', name: 'c.png', type: 'image/png', data: pngOf(100 * KiB) },
    );
    expectTooLargePage(
      await post(`/teach/courses/${courseId}`, thumbnail.body, {
        'content-type': thumbnail.type,
        origin: server.base,
      }),
      'visitor, course thumbnail, 100 KiB',
    );

    // Just under the limit the form is read and judged on its fields.
    const under = await post('/sign-in', form(60 * KiB), formHeaders());
    expect(under.status, 'visitor, /sign-in, 60 KiB').not.toBe(413);
    expect(under.status, 'visitor, /sign-in, 60 KiB').toBeLessThan(500);
  });

  it('carry long lesson notes, an avatar and a cover picture for a signed-in caller', async () => {
    const content = `<p>${'Long notes. '.repeat(7_400)}</p>`;
    const body = new URLSearchParams({
      intent: 'save',
      title: 'Long notes',
      description: '',
      content,
    }).toString();
    expect(body.length).toBeGreaterThan(64 * KiB);
    const created = await sendHttp(server.port, {
      method: 'POST',
      path: `/teach/courses/${courseId}/lessons/new`,
      headers: formHeaders(instructor.cookie),
      body,
    });
    expect(created.status, created.body.slice(0, 300)).toBeGreaterThanOrEqual(300);
    expect(created.status).toBeLessThan(400);
    const newLessonId = /\/lessons\/([^/?#]+)$/.exec(String(created.headers.location))?.[1] ?? '';
    const saved = trpcDataOf<{ contentHtml: string }>(
      await trpcQuery(server, 'lesson.get', { lessonId: newLessonId }, { cookie: instructor.cookie }),
    );
    expect(saved.contentHtml.length).toBeGreaterThan(80_000);

    const avatar = multipart(
      { intent: 'avatar' },
      { field: 'avatar', name: 'me.png', type: 'image/png', data: pngOf(1536 * KiB) },
    );
    const uploaded = await sendHttp(server.port, {
      method: 'POST',
      path: '/account',
      headers: { 'content-type': avatar.type, origin: server.base, cookie: learner.cookie },
      body: avatar.body,
    });
    expect(uploaded.status, uploaded.body.slice(0, 300)).toBeGreaterThanOrEqual(300);
    expect(uploaded.status).toBeLessThan(400);
    const me = trpcDataOf<{ avatarUrl: string | null }>(
      await trpcQuery(server, 'auth.me', undefined, { cookie: learner.cookie }),
    );
    expect(me.avatarUrl).not.toBeNull();

    const cover = multipart(
      { intent: 'thumbnail' },
      { field: 'thumbnail', name: 'cover.png', type: 'image/png', data: pngOf(700 * KiB) },
    );
    const covered = await sendHttp(server.port, {
      method: 'POST',
      path: `/teach/courses/${courseId}`,
      headers: { 'content-type': cover.type, origin: server.base, cookie: instructor.cookie },
      body: cover.body,
    });
    expect(covered.status, covered.body.slice(0, 300)).toBeGreaterThanOrEqual(300);
    expect(covered.status).toBeLessThan(400);
    const course = trpcDataOf<{ thumbnailUrl: string | null }>(
      await trpcQuery(server, 'course.get', { courseId }, { cookie: instructor.cookie }),
    );
    expect(course.thumbnailUrl).not.toBeNull();
  });
});

describe('/api/trpc bodies', () => {
  it('are held to 64 KiB for visitors, 1 MiB signed in, with tRPC-shaped 413s', async () => {
    expectTrpcTooLarge(await postTrpc('auth.login', loginJson(100 * KiB)), 'visitor, auth.login, 100 KiB');
    expectTrpcTooLarge(
      await postTrpc('auth.login', loginJson(100 * KiB), { cookie: 'aurora_session=not-a-session' }),
      'stale session cookie, auth.login, 100 KiB',
    );
    const under = await postTrpc('auth.login', loginJson(60 * KiB));
    expect(under.status, `visitor, auth.login, 60 KiB: ${under.body.slice(0, 200)}`).toBe(400);

    const longName = (size: number) => uploadJson({ name: 'n'.repeat(size) });
    const signedIn = { cookie: learner.cookie, origin: server.base };
    const withinSession = await postTrpc('auth.createApiToken', longName(200 * KiB), signedIn);
    expect(withinSession.status, `session, 200 KiB: ${withinSession.body.slice(0, 200)}`).toBe(400);
    const withinToken = await postTrpc('auth.createApiToken', longName(200 * KiB), {
      authorization: `Bearer ${learnerToken}`,
    });
    expect(withinToken.status, `API token, 200 KiB: ${withinToken.body.slice(0, 200)}`).toBe(400);
    expectTrpcTooLarge(await postTrpc('auth.createApiToken', longName(2 * MiB), signedIn), 'session, 2 MiB');
  });

  it('allow 36 MiB only to signed-in callers of upload procedures, and carry a 10 MiB attachment', async () => {
    const attachment = (size: number) =>
      uploadJson({
        lessonId,
        file: { fileName: 'notes.pdf', mimeType: 'application/pdf', base64: pdfOf(size).toString('base64') },
      });
    expectTrpcTooLarge(
      await postTrpc('lesson.addAttachment', attachment(2 * MiB)),
      'visitor, 2 MiB attachment',
    );
    const learnerTry = await postTrpc('lesson.addAttachment', attachment(2 * MiB), {
      cookie: learner.cookie,
      origin: server.base,
    });
    // Past the body limit, authorization answers: the course is a draft, secret to a learner.
    expect(learnerTry.status, `learner, 2 MiB attachment: ${learnerTry.body.slice(0, 200)}`).toBe(404);

    const added = await postTrpc('lesson.addAttachment', attachment(10 * MiB), {
      cookie: instructor.cookie,
      origin: server.base,
    });
    expect(added.status, added.body.slice(0, 300)).toBe(200);
    const lesson = trpcDataOf<{ attachments: { name: string; size: number }[] }>(
      await trpcQuery(server, 'lesson.get', { lessonId }, { cookie: instructor.cookie }),
    );
    expect(lesson.attachments.map((file) => file.size)).toContain(10 * MiB);

    const profile = await trpcMutation(
      server,
      'auth.updateProfile',
      { avatar: { fileName: 'me.png', mimeType: 'image/png', base64: pngOf(1536 * KiB).toString('base64') } },
      { cookie: instructor.cookie },
    );
    expect(profile.status, profile.text.slice(0, 300)).toBe(200);
    const cover = await trpcMutation(
      server,
      'course.update',
      {
        courseId,
        thumbnail: { fileName: 'c.png', mimeType: 'image/png', base64: pngOf(700 * KiB).toString('base64') },
      },
      { cookie: instructor.cookie },
    );
    expect(cover.status, cover.text.slice(0, 300)).toBe(200);

    const tooBig = await streamBody(server.port, {
      path: '/api/trpc/lesson.addAttachment',
      headers: { 'content-type': 'application/json', cookie: instructor.cookie, origin: server.base },
      prefix: `{"json":{"lessonId":"${lessonId}","file":{"fileName":"big.pdf","mimeType":"application/pdf","base64":"`,
      total: 37 * MiB,
      declareLength: true,
    });
    expect(tooBig.status, `instructor, 37 MiB attachment: ${tooBig.body.slice(0, 200)}`).toBe(413);
  });
});
