/**
 * The one-time embed route over real HTTP on 127.0.0.1: what it serves, with which
 * headers, and every refusal DESIGN §6 names — each a 403 and a `security_logs` row.
 */
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../../tests/helpers/http';
import {
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
import { revokeVideoAccess, requestVideoAccess } from '../services/video/access';
import { VIDEO_ACCESS_TOKENS } from '../services/video/records';
import { signAccessToken } from '../services/video/tokens';

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
  await enroll(services.backend, learner, course.courseId, learner.id, clock);
});
afterAll(async () => {
  await api.close();
  await services.cleanup();
});
beforeEach(() => {
  clock = new Date(clock.getTime() + 60 * 60 * 1000);
});

async function embedPathFor(user: AuthUser, request = facts): Promise<string> {
  const grant = await requestVideoAccess(services, user, course.lessonId, request, clock);
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
    const grant = await requestVideoAccess(services, learner, course.lessonId, facts, clock);
    await revokeVideoAccess(services.backend, learner, { tokenId: grant.tokenId }, facts, clock);
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
    await enroll(services.backend, leaver, course.courseId, leaver.id, clock);
    const path = await embedPathFor(leaver);
    await unenroll(services.backend, leaver, course.courseId, clock);
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
    await enroll(bound.backend, viewer, boundCourse.courseId, viewer.id, clock);
  });
  afterAll(async () => {
    await boundApi.close();
    await bound.cleanup();
  });

  it('a token only opens from the client IP it was issued to, as the proxy reports it', async () => {
    const grant = await requestVideoAccess(
      bound,
      viewer,
      boundCourse.lessonId,
      { clientIp: '203.0.113.5', userAgent: BROWSER },
      clock,
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
