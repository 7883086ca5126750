/**
 * Every 429 says when to come back (`Retry-After`, in seconds, matching the refusal's
 * window): sign-in and registration over /api/trpc, sign-in from a page action (the
 * header set by the procedure reaches the Node response), video.requestAccess, and
 * the raw video player route.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postProcedure, readProcedure, startApi, type RunningApi } from '../../tests/helpers/http';
import {
  scopeAt,
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '../../tests/helpers/services';
import { seedVideoCourse, type SeededVideoCourse } from '../../tests/helpers/videos';
import type { AuthUser } from '../backend/port';
import { enroll } from '../services/enrollments/membership';
import { REGISTRATION_LIMIT } from '../services/identity/registration-limits';
import { SIGN_IN_LIMITS } from '../services/identity/sign-in-limits';
import { VIDEO_RATE_WINDOW_MS, VIDEO_TOKENS_PER_USER } from '../services/video/rate-limits';
import { createContext } from '../trpc/context';
import { createCaller } from '../trpc/root';
import { VIDEO_ACCESS_TOKENS } from '../services/tables';
import { requestFactsOf } from './request-facts';
import { NodeResponseHeaders } from './response-headers';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AuroraTest/1.0';
let clock = new Date('2030-09-01T09:00:00.000Z');
let services: TestServices;
let api: RunningApi;

beforeAll(async () => {
  services = await createTestServices({ now: () => clock, env: { AURORA_TRUSTED_PROXIES: '127.0.0.1' } });
  api = await startApi(services);
});
afterAll(async () => {
  await api.close();
  await services.cleanup();
});

const sameSite = (clientIp: string, extra: Record<string, string> = {}) => ({
  origin: services.env.publicUrl.origin,
  'x-forwarded-for': clientIp,
  'user-agent': BROWSER,
  ...extra,
});

async function lockEmail(email: string) {
  for (let i = 0; i < SIGN_IN_LIMITS.perEmail.limit; i++) {
    const response = await postProcedure(
      api.base,
      'auth.login',
      { email, password: 'wrong password' },
      sameSite('203.0.113.1'),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('retry-after')).toBeNull();
  }
}

async function sessionCookieFor(user: AuthUser): Promise<string> {
  const session = await services.backend.sessions.create({ email: user.email, password: TEST_PASSWORD });
  return `aurora_session=${encodeURIComponent(session.secret)}`;
}

describe('Retry-After on every 429', { timeout: 60_000 }, () => {
  it('auth.login over /api/trpc', async () => {
    const user = await createTestUser(services, 'regular');
    await lockEmail(user.email);
    clock = new Date(clock.getTime() + 5 * 60_000);

    const refused = await postProcedure(
      api.base,
      'auth.login',
      { email: user.email, password: TEST_PASSWORD },
      sameSite('203.0.113.2'),
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(10 * 60));
    expect(await readProcedure(refused)).toMatchObject({ message: expect.stringContaining('10 minutes') });
  });

  it('auth.register over /api/trpc', async () => {
    for (let i = 0; i < REGISTRATION_LIMIT.limit; i++) {
      const response = await postProcedure(
        api.base,
        'auth.register',
        { email: `signup-${i}@example.test`, password: 'long enough', name: 'Pupil' },
        sameSite('203.0.113.3'),
      );
      expect(response.status).toBe(200);
    }
    const refused = await postProcedure(
      api.base,
      'auth.register',
      { email: 'one-too-many@example.test', password: 'long enough', name: 'Pupil' },
      sameSite('203.0.113.3'),
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(60 * 60));
  });

  it('a page action signing in (createCaller on the Node response’s own headers)', async () => {
    const user = await createTestUser(services, 'regular');
    await lockEmail(user.email);
    // What app/routes/sign-in.tsx does with a refusal, on the real load context.
    const page: Server = createServer((req, res) => {
      void (async () => {
        // As remix-handler.ts builds it: procedures' headers land on the Node response.
        const facts = requestFactsOf(req, services.env.trustedProxies);
        const ctx = await createContext(services, facts, new NodeResponseHeaders(res));
        try {
          await createCaller(ctx).auth.login({ email: user.email, password: TEST_PASSWORD });
          res.statusCode = 303;
        } catch {
          res.statusCode = 429;
        }
        res.end();
      })();
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = page.address() as AddressInfo;
      const refused = await fetch(`http://127.0.0.1:${port}/sign-in`, {
        method: 'POST',
        headers: sameSite('203.0.113.4'),
      });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe(String(15 * 60));
    } finally {
      await new Promise((resolve) => page.close(resolve));
    }
  });

  describe('video access', () => {
    let learner: AuthUser;
    let course: SeededVideoCourse;

    beforeAll(async () => {
      const owner = await createTestUser(services, 'instructor');
      learner = await createTestUser(services, 'regular');
      course = await seedVideoCourse(services, owner);
      await enroll(scopeAt(services, learner, clock), { courseId: course.courseId });
      // The learner's whole allowance, taken within the window.
      for (let index = 0; index < VIDEO_TOKENS_PER_USER; index += 1) {
        await services.backend.tables.create({
          ...VIDEO_ACCESS_TOKENS,
          data: {
            userId: learner.id,
            lessonId: course.lessonId,
            accessToken: createHash('sha256').update(`retry-after-${index}`).digest('hex'),
            expiresAt: new Date(clock.getTime() + 300_000).toISOString(),
            ipAddress: '203.0.113.5',
            userAgent: BROWSER,
            isUsed: false,
          },
        });
      }
    });

    it('video.requestAccess over /api/trpc', async () => {
      const refused = await postProcedure(
        api.base,
        'video.requestAccess',
        { lessonId: course.lessonId },
        sameSite('203.0.113.5', { cookie: await sessionCookieFor(learner) }),
      );
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe(String(VIDEO_RATE_WINDOW_MS / 1000));
    });

    it('the player route a lesson page frames', async () => {
      const refused = await fetch(`${api.base}/api/video/player/${course.lessonId}`, {
        redirect: 'manual',
        headers: {
          'user-agent': BROWSER,
          'x-forwarded-for': '203.0.113.5',
          cookie: await sessionCookieFor(learner),
          referer: `${services.env.publicUrl.origin}/courses/${course.courseId}/lessons/${course.lessonId}`,
        },
      });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe(String(VIDEO_RATE_WINDOW_MS / 1000));
      expect(await refused.text()).toContain('Too many videos');
    });
  });
});
