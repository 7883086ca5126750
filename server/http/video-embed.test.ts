/**
 * The one-time embed route over real HTTP on 127.0.0.1: what it serves, with which
 * headers, and every refusal DESIGN §6 names — each a 403 and a `security_logs` row.
 */
import { randomBytes } from 'node:crypto';
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../../tests/helpers/http';
import {
  sameSiteFacts,
  scopeAt,
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '../../tests/helpers/services';
import {
  securityActions,
  seedVideoCourse,
  VIDEO_IDS,
  type SeededVideoCourse,
} from '../../tests/helpers/videos';
import type { AuthUser } from '../backend/port';
import { enroll, unenroll } from '../services/enrollments/membership';
import { visitorCookie } from '../services/identity/session-cookie';
import { revokeVideoAccess, requestVideoAccess } from '../services/video/access';
import { VIDEO_TOKENS_PER_IP, VIDEO_TOKENS_PER_USER } from '../services/video/rate-limits';
import { signAccessToken } from '../services/video/tokens';
import { newVisitorId, visitorHolder } from '../services/video/visitor';
import { SECURITY_LOGS, VIDEO_ACCESS_TOKENS } from '../services/tables';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AuroraTest/1.0';
const facts = { clientIp: '127.0.0.1', userAgent: BROWSER };

let clock = new Date('2026-11-29T09:00:00.000Z');
let services: TestServices;
let api: RunningApi;
let owner: AuthUser;
let learner: AuthUser;
let course: SeededVideoCourse;

beforeAll(async () => {
  services = await createTestServices({ now: () => clock });
  api = await startApi(services);
  owner = await createTestUser(services, 'instructor');
  learner = await createTestUser(services, 'regular');
  course = await seedVideoCourse(services, owner);
  await enroll(scopeAt(services, learner, clock), { courseId: course.courseId });
});
afterAll(async () => {
  await api.close();
  await services.cleanup();
});
beforeEach(() => {
  clock = new Date(clock.getTime() + 60 * 60 * 1000);
});

async function embedPathFor(user: AuthUser, request = facts): Promise<string> {
  const grant = await requestVideoAccess(
    { ...scopeAt(services, user, clock), request: { ...sameSiteFacts(services), ...request } },
    { lessonId: course.lessonId },
  );
  return new URL(grant.embedUrl).pathname;
}

const open = (path: string, userAgent = BROWSER, headers: Record<string, string> = {}) =>
  fetch(`${api.base}${path}`, { headers: { 'user-agent': userAgent, ...headers }, redirect: 'manual' });

async function lastAction(): Promise<string | undefined> {
  return (await securityActions(services)).at(-1);
}

describe('GET /api/video/secure-embed/:token', () => {
  it('serves the player once, with the headers of DESIGN §6 and the video in a youtube-nocookie frame', async () => {
    const path = await embedPathFor(learner);
    const response = await open(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(response.headers.get('content-security-policy')).toContain(
      'frame-src https://www.youtube-nocookie.com',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const html = await response.text();
    expect(html).toContain(
      `src="https://www.youtube-nocookie.com/embed/${VIDEO_IDS.members}?enablejsapi=1&amp;origin=`,
    );
    expect(html).toContain(encodeURIComponent(services.env.publicUrl.origin));
    expect(html).toContain('https://www.youtube.com/iframe_api');
    expect(html).toContain("addEventListener('contextmenu'");
    // The page's progress token is a JWT whose payload names no video.
    const progressToken = /"progressToken":"([^"]+)"/.exec(html)?.[1] ?? '';
    const payload = Buffer.from(progressToken.split('.')[1] ?? '', 'base64url').toString('utf8');
    expect(payload).toContain(learner.id);
    expect(payload).not.toContain(VIDEO_IDS.members);
    expect(await lastAction()).toBe('video_embed_served');

    const again = await open(path);
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('already been used');
    expect(await lastAction()).toBe('video_token_replay');
  });

  it('refuses an expired token', async () => {
    const path = await embedPathFor(learner);
    clock = new Date(clock.getTime() + 5 * 60 * 1000 + 1000);
    const response = await open(path);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('expired');
    expect(await lastAction()).toBe('video_token_expired');
  });

  it('refuses a revoked token', async () => {
    const grant = await requestVideoAccess(
      { ...scopeAt(services, learner, clock), request: { ...sameSiteFacts(services), ...facts } },
      { lessonId: course.lessonId },
    );
    await revokeVideoAccess(
      { ...scopeAt(services, learner, clock), request: { ...sameSiteFacts(services), ...facts } },
      { tokenId: grant.tokenId },
    );
    const response = await open(new URL(grant.embedUrl).pathname);
    expect(response.status).toBe(403);
    expect(await lastAction()).toBe('video_token_revoked_used');
  });

  it('refuses another browser (user agent), without using the token up', async () => {
    const path = await embedPathFor(learner);
    const stolen = await open(path, 'curl/8.0');
    expect(stolen.status).toBe(403);
    expect(await stolen.text()).not.toContain(VIDEO_IDS.members);
    expect(await lastAction()).toBe('video_token_binding_failed');
    expect((await open(path)).status).toBe(200);
  });

  it('refuses a learner who unenrolled after the token was issued', async () => {
    const leaver = await createTestUser(services, 'regular');
    await enroll(scopeAt(services, leaver, clock), { courseId: course.courseId });
    const path = await embedPathFor(leaver);
    await unenroll(scopeAt(services, leaver, clock), course.courseId);
    const response = await open(path);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('no longer have access');
    expect(await lastAction()).toBe('video_access_denied');
  });

  it('refuses forged and malformed tokens', async () => {
    const forged = await signAccessToken('another secret of at least thirty-two characters', {
      userId: learner.id,
      lessonId: course.lessonId,
      now: clock,
    });
    for (const token of [forged.token, 'not-a-token', 'a.b.c']) {
      const response = await open(`/api/video/secure-embed/${token}`);
      expect(response.status).toBe(403);
      expect(await lastAction()).toBe('video_token_invalid');
    }
  });

  it('of ten simultaneous uses of one token, exactly one gets the page', async () => {
    const path = await embedPathFor(learner);
    const before = await securityActions(services);
    const statuses = await Promise.all(Array.from({ length: 10 }, () => open(path).then((r) => r.status)));
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 403)).toHaveLength(9);
    const written = (await securityActions(services)).slice(before.length);
    expect(written.filter((action) => action === 'video_embed_served')).toHaveLength(1);
    expect(written.filter((action) => action === 'video_token_replay')).toHaveLength(9);
  });

  it('only accepts POST-free GETs', async () => {
    const path = await embedPathFor(learner);
    const response = await fetch(`${api.base}${path}`, {
      method: 'POST',
      headers: { 'user-agent': BROWSER },
    });
    expect(response.status).toBe(405);
  });
});

describe('with VIDEO_BIND_IP=1 behind a trusted proxy', () => {
  let bound: TestServices;
  let boundApi: RunningApi;
  let boundCourse: SeededVideoCourse;
  let viewer: AuthUser;

  beforeAll(async () => {
    bound = await createTestServices({
      now: () => clock,
      env: { VIDEO_BIND_IP: '1', AURORA_TRUSTED_PROXIES: '127.0.0.1' },
    });
    boundApi = await startApi(bound);
    const teacher = await createTestUser(bound, 'instructor');
    viewer = await createTestUser(bound, 'regular');
    boundCourse = await seedVideoCourse(bound, teacher);
    await enroll(scopeAt(bound, viewer, clock), { courseId: boundCourse.courseId });
  });
  afterAll(async () => {
    await boundApi.close();
    await bound.cleanup();
  });

  it('a token only opens from the client IP it was issued to, as the proxy reports it', async () => {
    const grant = await requestVideoAccess(
      {
        ...scopeAt(bound, viewer, clock),
        request: { ...sameSiteFacts(bound), clientIp: '203.0.113.5', userAgent: BROWSER },
      },
      { lessonId: boundCourse.lessonId },
    );
    const path = new URL(grant.embedUrl).pathname;
    const elsewhere = await fetch(`${boundApi.base}${path}`, {
      headers: { 'user-agent': BROWSER, 'x-forwarded-for': '198.51.100.7' },
    });
    expect(elsewhere.status).toBe(403);
    expect((await securityActions(bound)).at(-1)).toBe('video_token_binding_failed');
    const home = await fetch(`${boundApi.base}${path}`, {
      headers: { 'user-agent': BROWSER, 'x-forwarded-for': '203.0.113.5' },
    });
    expect(home.status).toBe(200);
  });
});

describe('GET /api/video/player/:lessonId (what lesson pages frame)', () => {
  async function cookieFor(user: AuthUser): Promise<string> {
    const session = await services.backend.sessions.create({ email: user.email, password: TEST_PASSWORD });
    return `aurora_session=${encodeURIComponent(session.secret)}`;
  }
  const lessonPage = () =>
    `${services.env.publicUrl.origin}/courses/${course.courseId}/lessons/${course.lessonId}`;
  const tokenRows = async () =>
    (await services.backend.tables.list({ ...VIDEO_ACCESS_TOKENS, queries: [Query.limit(1)] })).total;

  it('redirects an enrolled learner to a fresh one-time page, which then plays', async () => {
    const response = await open(`/api/video/player/${course.lessonId}`, BROWSER, {
      cookie: await cookieFor(learner),
      referer: lessonPage(),
    });
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/video\/secure-embed\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(location).not.toContain(VIDEO_IDS.members);
    expect((await open(location)).status).toBe(200);
  });

  it('asks visitors to sign in, refuses learners who are not enrolled, and other sites', async () => {
    const before = await tokenRows();
    const anonymous = await open(`/api/video/player/${course.lessonId}`, BROWSER, { referer: lessonPage() });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('Sign in');

    const outsider = await createTestUser(services, 'regular');
    const refused = await open(`/api/video/player/${course.lessonId}`, BROWSER, {
      cookie: await cookieFor(outsider),
      referer: lessonPage(),
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Enroll');

    const crossSite = await open(`/api/video/player/${course.lessonId}`, BROWSER, {
      cookie: await cookieFor(learner),
      referer: 'https://evil.example/page',
    });
    expect(crossSite.status).toBe(403);
    expect(await tokenRows()).toBe(before);
  });
});

describe('visitors on a free preview (decision 0013, "Visitors")', () => {
  const previewPage = () =>
    `${services.env.publicUrl.origin}/courses/${course.courseId}/lessons/${course.previewLessonId}`;
  const askAsVisitor = (lessonId: string, headers: Record<string, string> = {}) =>
    open(`/api/video/player/${lessonId}`, BROWSER, { referer: previewPage(), ...headers });
  const visitorCookieOf = (response: Response) =>
    response.headers.getSetCookie().find((line) => line.startsWith('aurora_visitor='));
  const tokensOf = async (filters: string[] = []) =>
    (await services.backend.tables.list({ ...VIDEO_ACCESS_TOKENS, queries: [...filters, Query.limit(1)] }))
      .total;

  it('gets a visitor cookie and a one-time page that plays once and reports no watch time', async () => {
    const response = await askAsVisitor(course.previewLessonId);
    expect(response.status).toBe(303);
    const setCookie = visitorCookieOf(response) ?? '';
    expect(setCookie).toMatch(/^aurora_visitor=[\w-]{24}; Path=\/; Max-Age=86400; HttpOnly; SameSite=Lax$/);
    const cookie = setCookie.split(';', 1)[0] ?? '';
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/video\/secure-embed\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(location).not.toContain(VIDEO_IDS.preview);

    // The token row and the audit name a hashed visitor id, never the cookie's value.
    const visitorId = cookie.slice('aurora_visitor='.length);
    const holder = visitorHolder(visitorId);
    expect(holder).toMatch(/^visitor:[\w-]{27}$/);
    const token = location.split('/').at(-1) ?? '';
    const payload = Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8');
    expect(payload).toContain(holder);
    expect(payload).not.toContain(visitorId);
    expect(await tokensOf([Query.equal('userId', holder)])).toBe(1);
    expect(await securityActions(services, [Query.equal('userId', holder)])).toEqual([
      'video_access_granted',
    ]);

    const page = await open(location, BROWSER, { cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`https://www.youtube-nocookie.com/embed/${VIDEO_IDS.preview}?`);
    expect(html).toContain('"progressToken":null');
    expect(html).toContain('The video could not load.');
    expect(await lastAction()).toBe('video_embed_served');

    const replay = await open(location, BROWSER, { cookie });
    expect(replay.status).toBe(403);
    expect(await replay.text()).toContain('already been used');
    expect(await lastAction()).toBe('video_token_replay');

    // A second lesson view keeps the cookie it has.
    const again = await askAsVisitor(course.previewLessonId, { cookie });
    expect(again.status).toBe(303);
    expect(visitorCookieOf(again)).toBeUndefined();
    expect(await tokensOf([Query.equal('userId', holder)])).toBe(2);
  });

  it('binds the page to the visitor cookie and the user agent, without using the token up', async () => {
    const response = await askAsVisitor(course.previewLessonId);
    const cookie = (visitorCookieOf(response) ?? '').split(';', 1)[0] ?? '';
    const location = response.headers.get('location') ?? '';

    const otherBrowser = await open(location, 'curl/8.0', { cookie });
    expect(otherBrowser.status).toBe(403);
    expect(await otherBrowser.text()).not.toContain(VIDEO_IDS.preview);
    expect(await lastAction()).toBe('video_token_binding_failed');

    const stolen: Record<string, string>[] = [{}, { cookie: `aurora_visitor=${'x'.repeat(24)}` }];
    for (const headers of stolen) {
      const withoutIt = await open(location, BROWSER, headers);
      expect(withoutIt.status).toBe(403);
      expect(await withoutIt.text()).toContain('belongs to another browser');
      expect(await lastAction()).toBe('video_token_binding_failed');
    }
    expect((await open(location, BROWSER, { cookie })).status).toBe(200);
  });

  it('replaces a visitor cookie this server could not have issued', async () => {
    const response = await askAsVisitor(course.previewLessonId, { cookie: 'aurora_visitor=not%20mine' });
    expect(response.status).toBe(303);
    expect(visitorCookieOf(response)).toMatch(/^aurora_visitor=[\w-]{24};/);
  });

  it('asks a visitor to sign in for a members-only lesson, and keeps a draft’s preview secret', async () => {
    const draft = await seedVideoCourse(services, owner, { published: false });
    const before = await tokensOf();
    const logsBefore = (await securityActions(services)).length;

    const members = await askAsVisitor(course.lessonId);
    expect(members.status).toBe(401);
    expect(visitorCookieOf(members)).toBeUndefined();
    const text = await members.text();
    expect(text).toContain('Sign in to watch');
    expect(text).not.toContain(VIDEO_IDS.members);

    const secret = await askAsVisitor(draft.previewLessonId);
    expect(secret.status).toBe(404);
    expect(await secret.text()).not.toContain(VIDEO_IDS.preview);

    expect(await tokensOf()).toBe(before);
    const written = (await securityActions(services)).slice(logsBefore);
    expect(written).toEqual(['video_access_denied', 'video_access_denied']);
    const { rows } = await services.backend.tables.list({
      ...SECURITY_LOGS,
      queries: [Query.orderDesc('timestamp'), Query.limit(2)],
    });
    expect(rows.map((row) => String(row.reason)).sort()).toEqual(
      [`lesson ${course.lessonId}: sign_in`, `lesson ${draft.previewLessonId}: not_found`].sort(),
    );
    for (const row of rows) expect(String(row.userId)).toMatch(/^visitor:/);
  });

  it('builds a Secure cookie for an https site', () => {
    expect(visitorCookie('abc', new URL('https://school.example'))).toBe(
      'aurora_visitor=abc; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax; Secure',
    );
  });
});

describe('visitor allowances and IP binding behind a trusted proxy', () => {
  let proxied: TestServices;
  let proxiedApi: RunningApi;
  let proxiedCourse: SeededVideoCourse;

  beforeAll(async () => {
    proxied = await createTestServices({
      now: () => clock,
      env: { VIDEO_BIND_IP: '1', AURORA_TRUSTED_PROXIES: '127.0.0.1' },
    });
    proxiedApi = await startApi(proxied);
    proxiedCourse = await seedVideoCourse(proxied, await createTestUser(proxied, 'instructor'));
  });
  afterAll(async () => {
    await proxiedApi.close();
    await proxied.cleanup();
  });

  const ask = (clientIp: string, cookie?: string) =>
    fetch(`${proxiedApi.base}/api/video/player/${proxiedCourse.previewLessonId}`, {
      headers: {
        'user-agent': BROWSER,
        'x-forwarded-for': clientIp,
        referer: `${proxied.env.publicUrl.origin}/courses/${proxiedCourse.courseId}`,
        ...(cookie ? { cookie } : {}),
      },
      redirect: 'manual',
    });

  /** Tokens issued just now, as if earlier requests had taken them. */
  async function issued(count: number, data: { userId: string; ipAddress: string }) {
    const expiresAt = new Date(clock.getTime() + 5 * 60 * 1000).toISOString();
    for (let i = 0; i < count; i++) {
      await proxied.backend.tables.create({
        ...VIDEO_ACCESS_TOKENS,
        data: {
          ...data,
          lessonId: proxiedCourse.previewLessonId,
          accessToken: randomBytes(32).toString('hex'),
          expiresAt,
          userAgent: BROWSER,
          isUsed: false,
        },
      });
    }
  }

  it('opens a visitor’s page only from the IP it was issued to', async () => {
    const response = await ask('203.0.113.20');
    expect(response.status).toBe(303);
    const cookie = (response.headers.getSetCookie()[0] ?? '').split(';', 1)[0] ?? '';
    const location = response.headers.get('location') ?? '';
    const open = (clientIp: string) =>
      fetch(`${proxiedApi.base}${location}`, {
        headers: { 'user-agent': BROWSER, 'x-forwarded-for': clientIp, cookie },
      });
    expect((await open('198.51.100.9')).status).toBe(403);
    expect((await securityActions(proxied)).at(-1)).toBe('video_token_binding_failed');
    expect((await open('203.0.113.20')).status).toBe(200);
  });

  it('refuses visitors from an IP whose allowance is used up: 429 with Retry-After, audited', async () => {
    const ip = '203.0.113.77';
    await issued(VIDEO_TOKENS_PER_IP, { userId: 'someone-else', ipAddress: ip });
    const refused = await ask(ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('600');
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(await refused.text()).toContain('Too many videos');
    const { rows } = await proxied.backend.tables.list({
      ...SECURITY_LOGS,
      queries: [Query.equal('ipAddress', ip), Query.orderDesc('timestamp'), Query.limit(1)],
    });
    expect(rows[0]).toMatchObject({
      action: 'video_rate_limited',
      reason: expect.stringContaining('per-ip'),
    });
    expect(String(rows[0]?.userId)).toMatch(/^visitor:/);
    // Another address is not held up by it.
    expect((await ask('203.0.113.78')).status).toBe(303);
  });

  it('counts a visitor id’s own allowance too', async () => {
    const visitorId = newVisitorId();
    await issued(VIDEO_TOKENS_PER_USER, { userId: visitorHolder(visitorId), ipAddress: '203.0.113.90' });
    const refused = await ask('203.0.113.91', `aurora_visitor=${visitorId}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('600');
    expect((await securityActions(proxied)).at(-1)).toBe('video_rate_limited');
    // A fresh visitor from that address still gets in (the IP allowance is the real bound).
    expect((await ask('203.0.113.91')).status).toBe(303);
  });
});
