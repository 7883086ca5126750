/**
 * Bad input gets a clear error and never a fault (DESIGN §8), checked as a sweep on the
 * real production server: every tRPC procedure, as a visitor, a signed-in learner and
 * an admin, with malformed inputs (wrong types, missing fields, 100 KB strings, deeply
 * nested objects, ids with `../` or NUL, invalid superjson meta) and malformed requests
 * (non-JSON bodies, the wrong method, unknown procedures, empty and mismatched batches,
 * undecodable `input` parameters); then every page route of the production build, GET
 * and POST, with bogus params and ids, huge and undecodable query strings, unknown
 * `_data`, bad cookies and tokens, every kind of body, odd methods, bad Host and a
 * foreign Origin. No answer may be a 5xx, no error message may name the storage, and
 * the server may write no stack trace: each of those is a fault a client can trigger at
 * will. Guards fail when a procedure or a route is added without being swept.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appRouter } from '../../server/trpc/root';
import {
  KiB,
  OutputWatch,
  BUILD_DIR,
  mutate,
  registerAccount,
  sendHttp,
  sendRaw,
  signIn,
  startProductionServer,
  storageNamesIn,
  trpcErrorOf,
  trpcQuery,
  withRole,
  type Account,
  type Credentials,
  type HttpAnswer,
  type ProductionServer,
} from './production-server';

// Servers, scrypt and big bodies: generous limits, so a busy machine is slow, not failing.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

let server: ProductionServer;
let watch: OutputWatch;

interface Ids {
  courseId: string;
  draftCourseId: string;
  doomedCourseId: string;
  lessonId: string;
  previewLessonId: string;
  doomedLessonId: string;
  attachmentId: string;
  tokenId: string;
  userId: string;
  learnerEmail: string;
}
let ids: Ids;

/** A signed-in person the sweep calls as; `cookie` is renewed if a probe signs them out. */
interface Person {
  name: string;
  credentials: Credentials | null;
  cookie: string | null;
}
let people: Person[];
/** The courses' instructor, for the page sweep (their pages and forms do the most). */
let instructorAccount: Account;

beforeAll(async () => {
  server = await startProductionServer({ label: 'sweep' });
  const adminCookie = await signIn(server, server.admin);
  const instructor = await withRole(
    server,
    adminCookie,
    await registerAccount(server, 'Teacher'),
    'instructor',
  );
  const learner = await registerAccount(server, 'Learner');
  const bystander = await registerAccount(server, 'Bystander');
  const courseFields = {
    description: 'Swept.',
    category: 'tech',
    difficulty: 'beginner',
    duration: 1,
    price: 0,
    tags: ['sweep'],
  };
  const course = async (title: string) =>
    (await mutate<{ id: string }>(server, 'course.create', { title, ...courseFields }, instructor.cookie)).id;
  const lesson = async (courseId: string, title: string, isPreview: boolean) =>
    (
      await mutate<{ id: string }>(
        server,
        'lesson.create',
        { courseId, title, description: '', content: '<p>Notes</p>', isPreview },
        instructor.cookie,
      )
    ).id;
  const courseId = await course('Published');
  const lessonId = await lesson(courseId, 'Members', false);
  const previewLessonId = await lesson(courseId, 'Preview', true);
  const doomedLessonId = await lesson(courseId, 'Doomed', false);
  const withFile = await mutate<{ attachments: { id: string }[] }>(
    server,
    'lesson.addAttachment',
    {
      lessonId,
      file: {
        fileName: 'notes.txt',
        mimeType: 'text/plain',
        base64: Buffer.from('notes\n').toString('base64'),
      },
    },
    instructor.cookie,
  );
  await mutate(server, 'course.publish', { courseId }, instructor.cookie);
  await mutate(server, 'enrollment.enroll', { courseId }, learner.cookie);
  const token = await mutate<{ id: string }>(
    server,
    'auth.createApiToken',
    { name: 'sweep' },
    learner.cookie,
  );
  ids = {
    courseId,
    draftCourseId: await course('Draft'),
    doomedCourseId: await course('Doomed'),
    lessonId,
    previewLessonId,
    doomedLessonId,
    attachmentId: withFile.attachments[0]?.id ?? 'missing',
    tokenId: token.id,
    userId: bystander.id,
    learnerEmail: learner.email,
  };
  people = [
    { name: 'visitor', credentials: null, cookie: null },
    { name: 'learner', credentials: learner, cookie: learner.cookie },
    { name: 'admin', credentials: server.admin, cookie: adminCookie },
  ];
  instructorAccount = instructor;
});

afterAll(async () => {
  await server?.stop();
});

/* ---------- probing ---------- */

interface Probe {
  label: string;
  send: () => Promise<HttpAnswer>;
  /**
   * CONNECT (Node closes the connection unless a handler takes it) and request heads
   * over Node's limit: the connection may end without an answer, or reset.
   */
  mayGoUnanswered?: boolean;
}

/** What is wrong with one answer: a fault status, no answer, or storage names in an error. */
function problemsWith(probe: Probe, answer: HttpAnswer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`${probe.label} → ${answer.status}: ${answer.body.slice(0, 160)}`);
  if (answer.status === 0 && !probe.mayGoUnanswered) problems.push(`${probe.label} → no answer`);
  if (answer.status >= 400) {
    let message = answer.body;
    let page = true;
    try {
      const error = trpcErrorOf(JSON.parse(answer.body) as unknown);
      if (error) [message, page] = [error.message, false];
    } catch {
      // A page: its whole text is the message.
    }
    const named = storageNamesIn(message, { plainWords: !page });
    if (named.length > 0)
      problems.push(`${probe.label} → names ${named.join(', ')}: ${message.slice(0, 160)}`);
  }
  return problems;
}

/** Sends every probe (a few at a time) and returns the problems found. */
async function sweep(probes: Probe[], concurrency = 3): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const probe = probes[next++];
      if (!probe) break;
      const answered = watch.begin(probe.label);
      try {
        problems.push(...problemsWith(probe, await probe.send()));
      } catch (error) {
        const reset = (error as NodeJS.ErrnoException).code === 'ECONNRESET';
        if (!(reset && probe.mayGoUnanswered)) problems.push(`${probe.label} → ${String(error)}`);
      } finally {
        answered();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return problems;
}

/** Signs a person in again when a probe (auth.logout, POST /sign-out) ended their session. */
async function keepSignedIn(person: Person): Promise<void> {
  if (!person.credentials || !person.cookie) return;
  const me = await trpcQuery(server, 'auth.me', undefined, { cookie: person.cookie });
  if (!me.text.includes('"email"')) person.cookie = await signIn(server, person.credentials);
}

function headersOf(person: Person, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(person.cookie ? { cookie: person.cookie, origin: server.base } : {}),
    ...extra,
  };
}

/* ---------- malformed procedure inputs ---------- */

type Shape = Record<string, unknown> | undefined;

/**
 * A plausible input for every procedure; the guard below fails when one is missing.
 * (A procedure listed here that the router does not have is simply not called.)
 */
function shapes(s: Ids): Record<string, Shape> {
  const file = { fileName: 'a.txt', mimeType: 'text/plain', base64: 'aGk=' };
  return {
    health: undefined,
    'auth.register': { email: 'new@sweep.test', password: 'new-password-123', name: 'New' },
    'auth.login': { email: s.learnerEmail, password: 'not-the-password' },
    'auth.logout': { everywhere: false },
    'auth.me': undefined,
    'auth.permissions': undefined,
    'auth.updateProfile': { name: 'Same', bio: 'Same' },
    'auth.resetPassword': { token: 'A'.repeat(43), password: 'new-password-123' },
    // A wrong current password: the sweep never changes anyone's password.
    'auth.changePassword': { currentPassword: 'not-the-password', newPassword: 'new-password-123' },
    'auth.requestPasswordReset': { email: 'nobody@sweep.test' },
    'auth.createApiToken': { name: 'sweep' },
    'auth.listApiTokens': { cursor: s.tokenId, limit: 5 },
    'auth.revokeApiToken': { tokenId: s.tokenId },
    'users.list': { search: 'a', role: 'regular', cursor: s.userId, limit: 5 },
    'users.setRole': { userId: s.userId, role: 'instructor' },
    'users.setOrgRole': { userId: s.userId, orgRole: 'viewer' },
    'users.delete': { userId: s.userId },
    'users.invite': { name: 'Invited', email: 'invited@sweep.test', role: 'regular' },
    'team.list': { search: 'a', limit: 5, offset: 0 },
    'team.get': { teamId: 'no-such-team' },
    'team.candidates': { teamId: 'no-such-team', search: 'a' },
    'team.create': {
      name: 'Sweep',
      description: 'Swept',
      permissions: ['courses.modify'],
      requiresReview: false,
    },
    'team.update': {
      teamId: 'no-such-team',
      name: 'Sweep',
      description: 'Swept',
      permissions: ['courses.modify'],
    },
    'team.delete': { teamId: 'no-such-team' },
    'team.addMember': { teamId: 'no-such-team', userId: s.userId, role: 'member' },
    'team.removeMember': { teamId: 'no-such-team', userId: s.userId },
    'team.setMemberRole': { teamId: 'no-such-team', userId: s.userId, role: 'lead' },
    'course.list': {
      search: 'x',
      category: 'tech',
      tag: 'sweep',
      sort: 'title',
      cursor: s.courseId,
      limit: 5,
    },
    'course.categories': undefined,
    'course.get': { courseId: s.courseId },
    'course.mine': { cursor: s.courseId, limit: 5 },
    'course.create': {
      title: 'T',
      description: 'D',
      category: 'tech',
      difficulty: 'beginner',
      duration: 1,
      price: 0,
    },
    'course.update': { courseId: s.draftCourseId, title: 'Draft' },
    'course.delete': { courseId: s.doomedCourseId },
    'course.publish': { courseId: s.draftCourseId },
    'course.unpublish': { courseId: s.draftCourseId, reason: 'sweep' },
    'course.setTeam': { courseId: s.draftCourseId, teamId: null },
    'course.teamChoices': { courseId: s.courseId },
    'course.submitForReview': { courseId: s.draftCourseId },
    'course.review': { courseId: s.draftCourseId, decision: 'changes', comment: 'Sweep' },
    'course.reviewQueue': { cursor: s.courseId, limit: 5 },
    'course.reviewState': { courseId: s.courseId },
    'course.listAll': { search: 'x', status: 'draft', cursor: s.courseId, limit: 5 },
    'lesson.get': { lessonId: s.lessonId },
    'lesson.previewContent': { content: '<p>x</p>' },
    'lesson.create': { courseId: s.draftCourseId, title: 'New' },
    'lesson.update': { lessonId: s.lessonId, title: 'Members' },
    'lesson.delete': { lessonId: s.doomedLessonId },
    'lesson.reorder': { courseId: s.courseId, lessonIds: [s.lessonId, s.previewLessonId, s.doomedLessonId] },
    'lesson.addAttachment': { lessonId: s.lessonId, file },
    'lesson.replaceAttachment': { lessonId: s.lessonId, attachmentId: s.attachmentId, file },
    'lesson.removeAttachment': { lessonId: s.lessonId, attachmentId: s.attachmentId },
    'lesson.attachmentHistory': { lessonId: s.lessonId, attachmentId: s.attachmentId },
    'lesson.setVideo': {
      lessonId: s.lessonId,
      youtubeUrl: 'https://youtu.be/aaaaaaaaaaa',
      videoDuration: 60,
    },
    'lesson.removeVideo': { lessonId: s.lessonId },
    'lesson.validateVideo': { lessonId: s.lessonId, youtubeUrl: 'https://youtu.be/aaaaaaaaaaa' },
    'lesson.getVideoProgress': { lessonId: s.lessonId },
    'enrollment.enroll': { courseId: s.courseId },
    'enrollment.unenroll': { courseId: s.courseId },
    'enrollment.get': { courseId: s.courseId },
    'enrollment.mine': { cursor: s.courseId, limit: 5 },
    'enrollment.completeLesson': { lessonId: s.lessonId },
    'enrollment.students': {
      courseId: s.courseId,
      cursor: s.userId,
      limit: 5,
      sort: 'enrolledAt',
      order: 'desc',
    },
    'enrollment.recent': { limit: 5 },
    'enrollment.requestAccess': { courseId: s.courseId },
    'enrollment.myAccessRequest': { courseId: s.courseId },
    'enrollment.accessRequests': { courseId: s.courseId, status: 'pending', cursor: s.userId, limit: 5 },
    'enrollment.decideAccess': { requestId: 'no-such-request', decision: 'approve' },
    'video.requestAccess': { lessonId: s.lessonId },
    'video.validateAccess': { lessonId: s.lessonId },
    'video.progress': { progressToken: 'not-a-token', watchedSeconds: 1, totalSeconds: 2 },
    'video.revokeAccess': { tokenId: s.tokenId },
    'video.securityLog': { cursor: 'x', userId: s.userId, action: 'login', limit: 5 },
    'mail.list': { cursor: 'x', status: 'sent', limit: 5 },
    'mail.get': { messageId: 'no-such-message' },
    'jobs.status': undefined,
    'settings.get': undefined,
    'settings.update': { reviewBeforePublishing: false },
  };
}

const HUGE = 'x'.repeat(100 * 1000);
/** As much as fits in a query's URL under Node's 16 KiB limit on a request head. */
const LONG = 'x'.repeat(12 * 1000);
/**
 * Node itself refuses a request head over 16 KiB (431) and drops the connection while
 * the client is still sending, so such a probe may end without an answer; it still must
 * not be a fault or leave a trace.
 */
const OVER_HEAD_LIMIT = 16 * KiB;
const HOSTILE_IDS = ['../../../etc/passwd', 'a\u0000b', '..%2f..%2fetc', '\u0000', '.', '/'];
const isIdKey = (key: string) => /(?:Id|Ids|^cursor|Token|^token)$/.test(key);

function wrongTypeOf(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'many';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return { 0: value[0] };
  return 'not an object';
}

/**
 * Stands for `{"a":{"a":…}}` nested `depth` levels deep in an input; `plain` writes it
 * out as text, since JSON.stringify would itself run out of stack on it.
 */
class Deep {
  constructor(readonly depth: number) {}
  toJSON(): string {
    return `\u0000deep:${this.depth}\u0000`;
  }
}
const deepObject = (depth: number) => new Deep(depth);

interface Malformed {
  kind: string;
  /** The JSON text of the superjson envelope, as a client would send it. */
  envelope: string;
}

const plain = (input: unknown) =>
  JSON.stringify({ json: input }).replace(/"\\u0000deep:(\d+)\\u0000"/g, (_, depth: string) => {
    const levels = Number(depth);
    return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  });

/**
 * Malformed versions of a plausible input. Values are replaced, never added to: an
 * extra key is stripped by zod, which would make the input valid and the call real.
 */
function malformedInputs(shape: Shape, depth: number): Malformed[] {
  const out: Malformed[] = [42, 'text', [], null, true].map((input) => ({
    kind: `input ${JSON.stringify(input)}`,
    envelope: plain(input),
  }));
  out.push({ kind: 'input deeply nested', envelope: plain(deepObject(depth)) });
  const fields = Object.entries(shape ?? {});
  if (fields.length > 0) out.push({ kind: 'no fields', envelope: plain({}) });
  for (const [key, value] of fields) {
    const without = Object.fromEntries(fields.filter(([other]) => other !== key));
    const replaced = (replacement: unknown) => plain({ ...shape, [key]: replacement });
    out.push({ kind: `${key} missing`, envelope: plain(without) });
    out.push({ kind: `${key} of the wrong type`, envelope: replaced(wrongTypeOf(value)) });
    out.push({ kind: `${key} deeply nested`, envelope: replaced(deepObject(depth)) });
    if (typeof value === 'string') {
      out.push({ kind: `${key} of 100 KB`, envelope: replaced(HUGE) });
      out.push({ kind: `${key} of 12 KB`, envelope: replaced(LONG) });
    }
    if (isIdKey(key)) {
      for (const hostile of HOSTILE_IDS)
        out.push({ kind: `${key} ${JSON.stringify(hostile)}`, envelope: replaced(hostile) });
    }
  }
  const first = fields[0]?.[0] ?? 'a';
  const metas: [string, unknown, unknown][] = [
    ['meta a string', {}, 'nonsense'],
    ['meta.values a string', {}, { values: 'nonsense' }],
    ['meta.values at the root', {}, { values: ['Date'] }],
    ['meta.values on a missing path', {}, { values: { 'a.b.c': ['map'] } }],
    ['meta.values of an unknown custom type', { [first]: 'x' }, { values: { [first]: ['custom', 'nope'] } }],
    ['meta.values of an unknown class', { [first]: 'x' }, { values: { [first]: ['class', 'Nope'] } }],
    ['meta.values on __proto__', {}, { values: { '__proto__.polluted': ['undefined'] } }],
    ['meta.referentialEqualities to nowhere', { a: {} }, { referentialEqualities: { a: ['b.c.d'] } }],
    ['meta of an unknown version', {}, { v: 999 }],
  ];
  for (const [kind, json, meta] of metas) out.push({ kind, envelope: JSON.stringify({ json, meta }) });
  return out;
}

type ProcedureType = 'query' | 'mutation' | 'subscription';

function procedureTypes(): Record<string, ProcedureType> {
  return Object.fromEntries(
    Object.entries(appRouter._def.procedures).map(([path, procedure]) => [
      path,
      (procedure as { _def: { type: ProcedureType } })._def.type,
    ]),
  );
}

function trpcGet(person: Person, path: string, headers: Record<string, string> = {}) {
  return () => sendHttp(server.port, { path: `/api/trpc/${path}`, headers: headersOf(person, headers) });
}

function trpcPost(person: Person, path: string, body: string, type = 'application/json') {
  return () =>
    sendHttp(server.port, {
      method: 'POST',
      path: `/api/trpc/${path}`,
      headers: headersOf(person, { 'content-type': type }),
      body,
    });
}

/** Every malformed call of one procedure, as one person. */
function procedureProbes(person: Person, path: string, type: ProcedureType, shape: Shape): Probe[] {
  const at = (kind: string) => `${person.name} ${path}: ${kind}`;
  const probes: Probe[] = [];
  const query = type === 'query';
  // Nesting as deep as fits: in a query string (16 KiB of headers), or in a visitor's 64 KiB body.
  for (const bad of malformedInputs(shape, query ? 500 : 9000)) {
    const url = `${path}?input=${encodeURIComponent(bad.envelope)}`;
    probes.push({
      label: at(bad.kind),
      send: query ? trpcGet(person, url) : trpcPost(person, path, bad.envelope),
      mayGoUnanswered: query && url.length > OVER_HEAD_LIMIT,
    });
  }
  const empty = plain({});
  probes.push(
    { label: at('not JSON'), send: trpcPost(person, path, '{"json": {not json') },
    {
      label: at('wrong method'),
      send: query
        ? trpcPost(person, path, empty)
        : trpcGet(person, `${path}?input=${encodeURIComponent(empty)}`),
    },
    {
      label: at('batch with input key 7'),
      send: query
        ? trpcGet(person, `${path}?batch=1&input=${encodeURIComponent(JSON.stringify({ 7: { json: {} } }))}`)
        : trpcPost(person, `${path}?batch=1`, JSON.stringify({ 7: { json: {} } })),
    },
    {
      label: at('batch with an array input'),
      send: query
        ? trpcGet(person, `${path}?batch=1&input=${encodeURIComponent('[{"json":{}}]')}`)
        : trpcPost(person, `${path}?batch=1`, '[{"json":{}}]'),
    },
    {
      label: at('batch with a string input'),
      send: query
        ? trpcGet(person, `${path}?batch=1&input=%22x%22`)
        : trpcPost(person, `${path}?batch=1`, '"x"'),
    },
    { label: at('input=%zz'), send: trpcGet(person, `${path}?input=%zz`) },
    { label: at('input=%7B'), send: trpcGet(person, `${path}?input=%7B`) },
    { label: at('input=%00'), send: trpcGet(person, `${path}?input=%00`) },
    { label: at('input= (empty)'), send: trpcGet(person, `${path}?input=`) },
    { label: at('text/plain body'), send: trpcPost(person, path, empty, 'text/plain') },
    { label: at('octet-stream body'), send: trpcPost(person, path, 'junk', 'application/octet-stream') },
    {
      label: at('multipart junk'),
      send: trpcPost(person, path, '--x\r\njunk', 'multipart/form-data; boundary=x'),
    },
    { label: at('multipart without boundary'), send: trpcPost(person, path, 'junk', 'multipart/form-data') },
    { label: at('JSON in UTF-16'), send: trpcPost(person, path, empty, 'application/json; charset=utf-16') },
  );
  return probes;
}

/** Requests to the endpoint itself rather than one procedure. */
function endpointProbes(person: Person): Probe[] {
  const at = (kind: string) => `${person.name} /api/trpc: ${kind}`;
  const raw = (line: string) => () =>
    sendRaw(server.port, `${line}\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
  return [
    { label: at('unknown procedure (GET)'), send: trpcGet(person, 'nope.nothing') },
    { label: at('unknown procedure (POST)'), send: trpcPost(person, 'nope.nothing', plain({})) },
    { label: at('unknown router'), send: trpcGet(person, 'nope') },
    { label: at('a procedure of a procedure'), send: trpcGet(person, 'auth.me.more') },
    { label: at('no procedure'), send: trpcGet(person, '') },
    { label: at('empty batch (GET)'), send: trpcGet(person, '?batch=1&input=%7B%7D') },
    { label: at('empty batch (POST)'), send: trpcPost(person, '?batch=1', '{}') },
    { label: at('batch of empty names'), send: trpcPost(person, ',,?batch=1', '{}') },
    {
      label: at('batch with an unknown procedure'),
      send: trpcGet(person, `health,nope?batch=1&input=${encodeURIComponent('{}')}`),
    },
    { label: at('a path with %zz'), send: trpcGet(person, '%zz') },
    { label: at('a path with NUL'), send: trpcGet(person, 'health%00') },
    { label: at('a path with ../'), send: raw('GET /api/trpc/../../../etc/passwd HTTP/1.1') },
    { label: at('a path with encoded ../'), send: trpcGet(person, '..%2F..%2Fetc%2Fpasswd') },
    { label: at('a huge procedure name'), send: trpcGet(person, 'a'.repeat(8 * KiB)) },
    {
      label: at('PUT'),
      send: () =>
        sendHttp(server.port, { method: 'PUT', path: '/api/trpc/health', headers: headersOf(person) }),
    },
    {
      label: at('PROPFIND'),
      send: () =>
        sendHttp(server.port, { method: 'PROPFIND', path: '/api/trpc/health', headers: headersOf(person) }),
    },
    {
      label: at('OPTIONS'),
      send: () =>
        sendHttp(server.port, { method: 'OPTIONS', path: '/api/trpc/health', headers: headersOf(person) }),
    },
    {
      label: at('TRACE'),
      send: () =>
        sendHttp(server.port, { method: 'TRACE', path: '/api/trpc/health', headers: headersOf(person) }),
    },
  ];
}

/* ---------- pages ---------- */

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
}

async function routeManifest(): Promise<ManifestRoute[]> {
  const build = (await import(pathToFileURL(join(BUILD_DIR, 'server/index.js')).href)) as {
    routes: Record<string, ManifestRoute>;
  };
  return Object.values(build.routes);
}

/** The route's full path pattern, e.g. `/teach/courses/:courseId/lessons/:lessonId`. */
function patternOf(route: ManifestRoute, byId: Map<string, ManifestRoute>): string {
  const segments: string[] = [];
  for (let at: ManifestRoute | undefined = route; at; at = at.parentId ? byId.get(at.parentId) : undefined) {
    if (at.path) segments.unshift(at.path);
  }
  return `/${segments.join('/')}`.replace(/\/+/g, '/');
}

/** Values for each route parameter: real ones, then bogus ones. The guard fails on a new name. */
function paramValues(s: Ids): Record<string, { real: string[]; bogus: string[] }> {
  const bogusIds = ['nope', '..%2F..%2Fetc%2Fpasswd', '%zz', 'a%00b', 'x'.repeat(300), '%F0%9F%92%A9', '-'];
  return {
    courseId: { real: [s.courseId, s.draftCourseId], bogus: bogusIds },
    lessonId: { real: [s.lessonId, s.previewLessonId], bogus: bogusIds },
    // No mail is queued in this server; a well-formed id of no message is answered 404.
    messageId: { real: ['no-such-message'], bogus: bogusIds },
    // Nor a team: a well-formed id of no team is answered 404 too.
    teamId: { real: ['no-such-team'], bogus: bogusIds },
    '*': { real: ['no/such/page'], bogus: ['%zz', '..%2F..%2F', 'a'.repeat(300)] },
  };
}

function paramNamesOf(pattern: string): string[] {
  return [...pattern.matchAll(/:([A-Za-z0-9_]+)|(\*)/g)].map((match) => match[1] ?? '*');
}

/** Concrete URLs for a pattern: all params real, then each param bogus in turn. */
function urlsOf(pattern: string, values: ReturnType<typeof paramValues>): string[] {
  const fill = (choose: (name: string) => string) =>
    pattern.replace(/:([A-Za-z0-9_]+)|\*/g, (whole, name: string | undefined) => choose(name ?? '*'));
  const names = paramNamesOf(pattern);
  const urls = new Set<string>();
  const realOf = (name: string, index: number) => {
    const list = values[name]?.real ?? [];
    return list[index % list.length] ?? 'missing';
  };
  urls.add(fill((name) => realOf(name, 0)));
  urls.add(fill((name) => realOf(name, 1)));
  for (const name of names) {
    for (const bogus of values[name]?.bogus ?? [])
      urls.add(fill((other) => (other === name ? bogus : realOf(other, 0))));
  }
  return [...urls];
}

function pageProbes(person: Person, route: ManifestRoute, url: string, full: boolean): Probe[] {
  const at = (kind: string) => `${person.name} ${url.slice(0, 80)}: ${kind}`;
  const get =
    (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    () =>
      sendHttp(server.port, { method, path, headers: { ...headersOf(person), ...headers } });
  const post =
    (body: string | Buffer, type: string | null, headers: Record<string, string> = {}, path = url) =>
    () =>
      sendHttp(server.port, {
        method: 'POST',
        path,
        headers: { ...headersOf(person), ...(type ? { 'content-type': type } : {}), ...headers },
        body,
      });
  const join = (query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;
  const probes: Probe[] = [
    { label: at('GET'), send: get(url) },
    {
      label: at('POST urlencoded junk'),
      send: post('intent=nope&a=1&%zz=%zz&b', 'application/x-www-form-urlencoded'),
    },
    {
      label: at('POST multipart'),
      send: post(
        '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nnope\r\n--x--\r\n',
        'multipart/form-data; boundary=x',
      ),
    },
    { label: at('POST JSON'), send: post('{"intent":"nope"}', 'application/json') },
    { label: at('POST text'), send: post('intent=nope', 'text/plain') },
  ];
  if (!full) return probes;
  const cookieOf = (cookie: string) => ({ cookie });
  probes.push(
    { label: at('GET, query of 8 KB'), send: get(join(`q=${'q'.repeat(8 * KiB)}`)) },
    { label: at('GET, query of 20 KB'), send: get(join(`q=${'q'.repeat(20 * KiB)}`)), mayGoUnanswered: true },
    { label: at('GET, query %zz'), send: get(join('q=%zz&%zz=1&redirectTo=%zz&cursor=%zz&tokens=%zz')) },
    {
      label: at('GET, query of odd values'),
      send: get(join('cursor=..%2F..&sort=%00&tag=%F0%9F%92%A9&limit=-1&page=1e309')),
    },
    { label: at('GET, path %zz'), send: get(`${url.replace(/\/$/, '')}/%zz`) },
    { label: at('GET ?_data unknown'), send: get(join('_data=routes%2Fnope')) },
    { label: at('GET ?_data empty'), send: get(join('_data=')) },
    { label: at('GET ?_data root'), send: get(join('_data=root')) },
    { label: at('GET ?_data own route'), send: get(join(`_data=${encodeURIComponent(route.id)}`)) },
    { label: at('GET ?_data %zz'), send: get(join('_data=%zz')) },
    {
      label: at('POST ?_data unknown'),
      send: post('intent=nope', 'application/x-www-form-urlencoded', {}, join('_data=routes%2Fnope')),
    },
    {
      label: at('POST ?_data own route'),
      send: post(
        'intent=nope',
        'application/x-www-form-urlencoded',
        {},
        join(`_data=${encodeURIComponent(route.id)}`),
      ),
    },
    { label: at('cookie aurora_session=%zz'), send: get(url, cookieOf('aurora_session=%zz')) },
    { label: at('cookie of 5 KB'), send: get(url, cookieOf(`aurora_session=${'s'.repeat(5 * KiB)}`)) },
    {
      label: at('cookie aurora_flash=%zz'),
      send: get(url, cookieOf('aurora_flash=%zz; aurora_session=%zz')),
    },
    { label: at('two session cookies'), send: get(url, cookieOf('aurora_session=a; aurora_session=b')) },
    {
      label: at('unknown API token'),
      send: get(url, { authorization: `Bearer aur_${randomBytes(32).toString('base64url')}` }),
    },
    { label: at('malformed API token'), send: get(url, { authorization: 'Bearer %zz' }) },
    { label: at('Basic authorization'), send: get(url, { authorization: 'Basic Og==' }) },
    { label: at('bad Host a b'), send: get(url, { host: 'a b' }) },
    { label: at('bad Host port'), send: get(url, { host: 'evil.example:99999' }) },
    { label: at('foreign Origin GET'), send: get(url, { origin: 'http://evil.example' }) },
    {
      label: at('foreign Origin POST'),
      send: post('intent=nope', 'application/x-www-form-urlencoded', { origin: 'http://evil.example' }),
    },
    {
      label: at('Origin null POST'),
      send: post('intent=nope', 'application/x-www-form-urlencoded', { origin: 'null' }),
    },
    { label: at('POST empty urlencoded'), send: post('', 'application/x-www-form-urlencoded') },
    { label: at('POST without content type'), send: post('intent=nope', null) },
    { label: at('POST octet-stream'), send: post(Buffer.from([0, 1, 2, 255]), 'application/octet-stream') },
    { label: at('POST multipart without boundary'), send: post('junk', 'multipart/form-data') },
    {
      label: at('POST multipart, wrong boundary'),
      send: post(
        '--y\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--y--\r\n',
        'multipart/form-data; boundary=x',
      ),
    },
    {
      label: at('POST multipart, truncated'),
      send: post(
        '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG',
        'multipart/form-data; boundary=x',
      ),
    },
    {
      label: at('POST urlencoded in UTF-16'),
      send: post('intent=nope', 'application/x-www-form-urlencoded; charset=utf-16'),
    },
    {
      label: at('POST 100 KiB'),
      send: post(`intent=nope&x=${'x'.repeat(100 * KiB)}`, 'application/x-www-form-urlencoded'),
    },
    { label: at('TRACE'), send: get(url, {}, 'TRACE') },
    { label: at('PROPFIND'), send: get(url, {}, 'PROPFIND') },
    { label: at('OPTIONS'), send: get(url, {}, 'OPTIONS') },
    { label: at('PUT'), send: post('intent=nope', 'application/x-www-form-urlencoded') },
    { label: at('DELETE'), send: get(url, {}, 'DELETE') },
    {
      label: at('CONNECT'),
      mayGoUnanswered: true,
      send: () =>
        sendRaw(
          server.port,
          `CONNECT ${url} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
        ),
    },
  );
  return probes;
}

/* ---------- the tests ---------- */

describe('malformed input', () => {
  it('to any procedure, from anyone, is answered without a fault', async () => {
    watch = new OutputWatch(server);
    const types = procedureTypes();
    const inputs = shapes(ids);
    const unlisted = Object.keys(types).filter((path) => !(path in inputs));
    expect(unlisted, 'every procedure has a plausible input to corrupt, in shapes()').toEqual([]);

    const problems: string[] = [];
    const swept = new Set<string>();
    for (const person of people) {
      problems.push(...(await sweep(endpointProbes(person))));
      for (const [path, type] of Object.entries(types)) {
        problems.push(...(await sweep(procedureProbes(person, path, type, inputs[path]))));
        swept.add(path);
        await keepSignedIn(person);
      }
    }
    expect([...swept].sort()).toEqual(Object.keys(types).sort());
    await watch.settle();
    const stackTraces = watch.traces();
    watch.close();
    expect({ problems, stackTraces }).toEqual({ problems: [], stackTraces: [] });
  });

  it('to any page route, GET or POST, is answered without a fault', async () => {
    watch = new OutputWatch(server);
    const routes = await routeManifest();
    const byId = new Map(routes.map((route) => [route.id, route]));
    const values = paramValues(ids);
    const patterns = new Map(routes.map((route) => [route.id, patternOf(route, byId)]));
    const unknownParams = [...patterns.values()].flatMap(paramNamesOf).filter((name) => !(name in values));
    expect(unknownParams, 'every route parameter has real and bogus values').toEqual([]);

    const owner: Person = { name: 'owner', credentials: instructorAccount, cookie: instructorAccount.cookie };
    const visitor = people[0] ?? { name: 'visitor', credentials: null, cookie: null };
    const problems: string[] = [];
    const covered = new Set<string>();
    for (const route of routes) {
      const urls = urlsOf(patterns.get(route.id) ?? '/', values);
      for (const [index, url] of urls.entries()) {
        // Every variant once per route (on its real URL); the rest of its URLs get the basics.
        problems.push(...(await sweep(pageProbes(visitor, route, url, index === 0))));
        problems.push(...(await sweep(pageProbes(owner, route, url, index === 0))));
        await keepSignedIn(owner);
      }
      covered.add(route.id);
    }
    expect([...covered].sort(), 'every route of the build is swept').toEqual(
      routes.map((route) => route.id).sort(),
    );
    await watch.settle();
    const stackTraces = watch.traces();
    watch.close();
    expect({ problems, stackTraces }).toEqual({ problems: [], stackTraces: [] });
  });
});
