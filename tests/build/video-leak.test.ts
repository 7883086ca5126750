/**
 * "The plain video ID is nowhere but the one embed page that legitimately opened it"
 * (DESIGN §6), checked on the real production server over HTTP: every page and every
 * read procedure, as a visitor, an enrolled and a not-enrolled learner, the instructor
 * and an admin; then the database file and its WAL, the server's own output, and every
 * token's payload. Runs after `npm run build`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../server/trpc/root';
import { VIDEO_IDS } from '../helpers/videos';

const ROOT = new URL('../..', import.meta.url).pathname;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AuroraLeakCheck/1.0';
const ADMIN = { email: 'admin@leak.test', password: 'leak-check-admin' };
const PASSWORD = 'leak-check-password';
const SECRETS = Object.values(VIDEO_IDS);

let server: ChildProcess;
let output = '';
let base = '';
let dataDir = '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealth(): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (server.exitCode !== null) throw new Error(`server exited:\n${output}`);
    const ok = await fetch(`${base}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start:\n${output}`);
}

type Cookie = string | null;
const headersFor = (cookie: Cookie, extra: Record<string, string> = {}) => ({
  'user-agent': BROWSER,
  ...(cookie ? { cookie } : {}),
  ...extra,
});

async function mutate(
  cookie: Cookie,
  path: string,
  input: unknown,
): Promise<{ body: string; data: unknown }> {
  const response = await fetch(`${base}/api/trpc/${path}`, {
    method: 'POST',
    headers: headersFor(cookie, { 'content-type': 'application/json', origin: base }),
    body: JSON.stringify(superjson.serialize(input)),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`${path} failed: ${body}`);
  const parsed = JSON.parse(body) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
  return { body, data: superjson.deserialize(parsed.result.data) };
}

async function signIn(email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/trpc/auth.login`, {
    method: 'POST',
    headers: headersFor(null, { 'content-type': 'application/json', origin: base }),
    body: JSON.stringify(superjson.serialize({ email, password })),
  });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('aurora_session='));
  if (!response.ok || !cookie) throw new Error(`sign-in of ${email} failed: ${await response.text()}`);
  return cookie.split(';', 1)[0] ?? '';
}

async function whoIs(cookie: string): Promise<string> {
  const response = await fetch(`${base}/api/trpc/auth.me`, { headers: headersFor(cookie) });
  const body = (await response.json()) as { result: { data: { json: { id: string } } } };
  return body.result.data.json.id;
}

async function register(name: string): Promise<{ cookie: string; id: string }> {
  const email = `${name.toLowerCase()}@leak.test`;
  await mutate(null, 'auth.register', { email, password: PASSWORD, name });
  const cookie = await signIn(email, PASSWORD);
  return { cookie, id: await whoIs(cookie) };
}

/** The payload of every JWT-looking string in `text`, decoded. */
function jwtPayloads(text: string): string[] {
  return [...text.matchAll(/eyJ[\w-]+\.([\w-]+)\.[\w-]+/g)].map((match) =>
    Buffer.from(match[1] ?? '', 'base64url').toString('utf8'),
  );
}

function leakedIn(text: string): string[] {
  return SECRETS.filter((id) => text.includes(id));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

interface Seeded {
  courseId: string;
  previewLessonId: string;
  membersLessonId: string;
  plainLessonId: string;
  people: Record<'anonymous' | 'enrolled' | 'outsider' | 'instructor' | 'admin', Cookie>;
  adminId: string;
  enrolledId: string;
}
let seeded: Seeded;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'aurora-leak-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      AURORA_PUBLIC_URL: base,
      AURORA_DATA_DIR: dataDir,
      AURORA_BACKEND: 'embedded',
      AURORA_DEMO: '0',
      AURORA_ADMIN_EMAIL: ADMIN.email,
      AURORA_ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await waitForHealth();

  const admin = await signIn(ADMIN.email, ADMIN.password);
  const teacher = await register('Teacher');
  await mutate(admin, 'users.setRole', { userId: teacher.id, role: 'instructor' });
  const instructor = await signIn('teacher@leak.test', PASSWORD);
  const enrolled = await register('Enrolled');
  const outsider = await register('Outsider');

  const course = (
    await mutate(instructor, 'course.create', {
      title: 'Film studies',
      description: 'Watching closely.',
      category: 'arts',
      difficulty: 'beginner',
      duration: 2,
      price: 0,
      tags: ['film'],
    })
  ).data as { id: string };
  const lesson = async (title: string, isPreview: boolean) =>
    (
      (
        await mutate(instructor, 'lesson.create', {
          courseId: course.id,
          title,
          description: '',
          content: '<p>Notes</p>',
          isPreview,
        })
      ).data as { id: string }
    ).id;
  const previewLessonId = await lesson('Trailer', true);
  const membersLessonId = await lesson('Full scene', false);
  const plainLessonId = await lesson('Reading', false);
  for (const [lessonId, videoId] of [
    [previewLessonId, VIDEO_IDS.preview],
    [membersLessonId, VIDEO_IDS.members],
  ] as const) {
    const { body } = await mutate(instructor, 'lesson.setVideo', {
      lessonId,
      youtubeUrl: `https://youtu.be/${videoId}?t=3`,
      videoDuration: 90,
    });
    expect(leakedIn(body)).toEqual([]);
  }
  await mutate(instructor, 'course.publish', { courseId: course.id });
  await mutate(enrolled.cookie, 'enrollment.enroll', { courseId: course.id });
  seeded = {
    courseId: course.id,
    previewLessonId,
    membersLessonId,
    plainLessonId,
    people: { anonymous: null, enrolled: enrolled.cookie, outsider: outsider.cookie, instructor, admin },
    adminId: await whoIs(admin),
    enrolledId: enrolled.id,
  };
}, 60_000);

afterAll(async () => {
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function pagesOf(s: Seeded): string[] {
  const course = `/courses/${s.courseId}`;
  const teach = `/teach/courses/${s.courseId}`;
  const lessons = [s.previewLessonId, s.membersLessonId, s.plainLessonId];
  return [
    '/',
    '/catalog',
    '/catalog?q=film',
    course,
    ...lessons.map((id) => `${course}/lessons/${id}`),
    '/my-learning',
    '/account',
    '/teach',
    '/teach/courses/new',
    teach,
    `${teach}/lessons/new`,
    ...lessons.map((id) => `${teach}/lessons/${id}`),
    `${teach}/students`,
    `${teach}/students.csv`,
    '/admin',
    '/admin/security',
    '/admin/mail',
    '/admin/jobs',
    '/admin/settings',
    '/review',
    '/sign-in',
    '/sign-up',
  ];
}

/** An input for every read procedure; the guard below fails when a new one is not listed here. */
function queryInputs(s: Seeded): Record<string, unknown[]> {
  const lessons = [s.previewLessonId, s.membersLessonId, s.plainLessonId].map((lessonId) => ({ lessonId }));
  return {
    health: [undefined],
    'auth.me': [undefined],
    'auth.permissions': [undefined],
    'auth.listApiTokens': [undefined],
    'users.list': [{}],
    'course.list': [{}, { search: 'film' }],
    'course.get': [{ courseId: s.courseId }],
    'course.categories': [undefined],
    'course.listAll': [{}, { search: 'film' }],
    'course.mine': [{}],
    'course.teamChoices': [{ courseId: s.courseId }],
    'course.reviewQueue': [{}],
    'course.reviewState': [{ courseId: s.courseId }],
    'settings.get': [undefined],
    'lesson.get': lessons,
    'lesson.previewContent': [{ content: '<p>x</p>' }],
    'lesson.attachmentHistory': [{ lessonId: s.membersLessonId, attachmentId: 'none' }],
    'lesson.validateVideo': [{ lessonId: s.membersLessonId }, { lessonId: s.previewLessonId }],
    'lesson.getVideoProgress': lessons,
    'enrollment.get': [{ courseId: s.courseId }],
    'enrollment.mine': [{}],
    'enrollment.students': [{ courseId: s.courseId }],
    'enrollment.recent': [{}],
    'enrollment.myAccessRequest': [{ courseId: s.courseId }],
    'enrollment.accessRequests': [{ courseId: s.courseId }],
    'video.validateAccess': lessons,
    'video.securityLog': [{}, { userId: s.enrolledId }, { action: 'video_embed_served' }],
    'team.list': [{}],
    'team.get': [{ teamId: 'no-such-team' }],
    'team.candidates': [{ teamId: 'no-such-team', search: 'a' }],
    'mail.list': [{}, { status: 'waiting' }],
    'mail.get': [{ messageId: 'no-such-message' }],
    'jobs.status': [undefined],
  };
}

describe('the plain video ID', () => {
  it('appears on no page and in no read procedure, for anyone', async () => {
    const queries = Object.entries(appRouter._def.procedures)
      .filter(([, procedure]) => (procedure as { _def: { type: string } })._def.type === 'query')
      .map(([path]) => path)
      .sort();
    const inputs = queryInputs(seeded);
    expect(queries).toEqual(Object.keys(inputs).sort());

    let pagesRead = 0;
    for (const [who, cookie] of Object.entries(seeded.people)) {
      for (const page of pagesOf(seeded)) {
        const response = await fetch(`${base}${page}`, { headers: headersFor(cookie), redirect: 'manual' });
        const text = `${response.headers.get('location') ?? ''}\n${await response.text()}`;
        expect(response.status, `${who} ${page}`).toBeLessThan(500);
        expect(leakedIn(text), `${who} ${page}`).toEqual([]);
        pagesRead += 1;
      }
      for (const [path, list] of Object.entries(inputs)) {
        for (const input of list) {
          const query =
            input === undefined
              ? ''
              : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
          const response = await fetch(`${base}/api/trpc/${path}${query}`, { headers: headersFor(cookie) });
          expect(leakedIn(await response.text()), `${who} ${path}`).toEqual([]);
        }
      }
    }
    expect(pagesRead).toBe(5 * pagesOf(seeded).length);
    // Five people times every page and read procedure, on a machine shared with other runs.
  }, 60_000);

  it('is in the one embed page an enrolled learner legitimately opens, and in no token', async () => {
    const lessonPage = `${base}/courses/${seeded.courseId}/lessons/${seeded.membersLessonId}`;
    const player = await fetch(`${base}/api/video/player/${seeded.membersLessonId}`, {
      headers: headersFor(seeded.people.enrolled, { referer: lessonPage }),
      redirect: 'manual',
    });
    expect(player.status).toBe(303);
    const location = player.headers.get('location') ?? '';
    const embed = await fetch(`${base}${location}`, { headers: headersFor(seeded.people.enrolled) });
    expect(embed.status).toBe(200);
    const html = await embed.text();
    expect(leakedIn(html)).toEqual([VIDEO_IDS.members]);

    const granted = await mutate(seeded.people.enrolled, 'video.requestAccess', {
      lessonId: seeded.membersLessonId,
    });
    const payloads = jwtPayloads(`${location}\n${html}\n${granted.body}`);
    expect(payloads.length).toBeGreaterThanOrEqual(3);
    for (const payload of payloads) {
      expect(payload).toContain('"lid"');
      expect(leakedIn(payload)).toEqual([]);
    }
    // Opening it again is a replay: refused, and the refusal names no video either.
    const replay = await fetch(`${base}${location}`, { headers: headersFor(seeded.people.enrolled) });
    expect(replay.status).toBe(403);
    expect(leakedIn(await replay.text())).toEqual([]);
  });

  it('is in the one embed page a visitor opens for a free preview, which plays once', async () => {
    const lessonPage = `${base}/courses/${seeded.courseId}/lessons/${seeded.previewLessonId}`;
    const player = await fetch(`${base}/api/video/player/${seeded.previewLessonId}`, {
      headers: headersFor(null, { referer: lessonPage }),
      redirect: 'manual',
    });
    expect(player.status).toBe(303);
    const visitor = player.headers
      .getSetCookie()
      .find((line) => line.startsWith('aurora_visitor='))
      ?.split(';', 1)[0];
    expect(visitor).toBeDefined();
    const location = player.headers.get('location') ?? '';
    expect(leakedIn(`${location}\n${player.headers.getSetCookie().join('\n')}`)).toEqual([]);
    const embed = await fetch(`${base}${location}`, { headers: headersFor(visitor ?? null) });
    expect(embed.status).toBe(200);
    const html = await embed.text();
    expect(leakedIn(html)).toEqual([VIDEO_IDS.preview]);
    for (const payload of jwtPayloads(`${location}\n${html}`)) expect(leakedIn(payload)).toEqual([]);
    const replay = await fetch(`${base}${location}`, { headers: headersFor(visitor ?? null) });
    expect(replay.status).toBe(403);
    expect(leakedIn(await replay.text())).toEqual([]);
    // A members-only lesson stays closed to visitors, and its refusal names no video.
    const members = await fetch(`${base}/api/video/player/${seeded.membersLessonId}`, {
      headers: headersFor(visitor ?? null, { referer: lessonPage }),
      redirect: 'manual',
    });
    expect(members.status).toBe(401);
    expect(leakedIn(await members.text())).toEqual([]);
  });

  it('is in no file of the data folder (database, WAL, uploads) and in no line the server wrote', () => {
    const files = filesUnder(dataDir);
    expect(files.some((file) => file.endsWith('-wal'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const id of SECRETS) {
        expect(bytes.includes(Buffer.from(id, 'utf8')), `${id} in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(id, 'utf16le')), `${id} (UTF-16) in ${file}`).toBe(false);
      }
    }
    expect(output.length).toBeGreaterThan(0);
    expect(leakedIn(output)).toEqual([]);
  });
});
