/**
 * Video playback through the real procedures on the embedded backend (DESIGN §6): access
 * tokens, refusals and their audit trail, rate limits and alerts, revocation, setting a
 * lesson's video (with and without the YouTube Data API, faked on 127.0.0.1), watch-time
 * reports and the admin's security log. One shared clock moves only when a test moves it.
 */
import { createHash } from 'node:crypto';
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCourse } from '../../../tests/helpers/courses';
import { startFakeYouTube, type FakeYouTube } from '../../../tests/helpers/fake-youtube';
import { outcome } from '../../../tests/helpers/identity';
import {
  contextFor,
  createTestServices,
  createTestUser,
  sameSiteFacts,
  TEST_PASSWORD,
  type TestServices,
} from '../../../tests/helpers/services';
import { securityActions, seedVideoCourse, VIDEO_IDS, videoWritesSoFar } from '../../../tests/helpers/videos';
import type { AuthUser, Role } from '../../backend/port';
import { EMBED_PATH } from '../../services/video/access';
import { openEmbed } from '../../services/video/embed';
import { DURATION_NEEDED } from '../../services/video/lesson-video';
import { videoRateLimitHit } from '../../services/video/rate-limits';
import { parseAccessToken } from '../../services/video/records';
import { parseYouTubeLink } from '../../services/video/youtube-link';
import { visitorScope } from '../../services/scope';
import { createContext, type Context } from '../context';
import { createCaller, type Caller } from '../root';
import { LESSONS, SECURITY_LOGS, VIDEO_ACCESS_TOKENS, VIDEO_PROGRESS } from '../../services/tables';

let now = new Date('2026-11-29T08:00:00.000Z');
const clock = () => now;
const tick = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

let services: TestServices;
let owner: AuthUser;
let ownerCtx: Context;
let teacher: Caller;
let admin: Caller;
beforeAll(async () => {
  services = await createTestServices({ now: clock });
  owner = await createTestUser(services, 'instructor');
  ownerCtx = await contextFor(services, owner);
  teacher = createCaller(ownerCtx);
  admin = createCaller(await contextFor(services, await createTestUser(services, 'admin')));
});
afterAll(async () => {
  await services.cleanup();
});

interface Person {
  user: AuthUser;
  ctx: Context;
  caller: Caller;
}

/** A signed-in person on `on` (the shared services by default), from `clientIp` if given. */
async function person(
  options: { role?: Role; on?: TestServices; clientIp?: string; name?: string; email?: string } = {},
): Promise<Person> {
  const on = options.on ?? services;
  const overrides: { name?: string; email?: string } = {};
  if (options.name) overrides.name = options.name;
  if (options.email) overrides.email = options.email;
  const user = await createTestUser(on, options.role ?? 'regular', overrides);
  const session = await on.backend.sessions.create({ email: user.email, password: TEST_PASSWORD });
  const facts = sameSiteFacts(on, {
    sessionSecret: session.secret,
    ...(options.clientIp ? { clientIp: options.clientIp } : {}),
  });
  const ctx = await createContext(on, facts);
  return { user, ctx, caller: createCaller(ctx) };
}

async function enrolledIn(courseId: string, on?: TestServices): Promise<Person> {
  const learner = await person(on ? { on } : {});
  await learner.caller.enrollment.enroll({ courseId });
  return learner;
}

const message = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: Error) => error.message,
  );

/** The raw JWT at the end of an embed URL. */
const tokenOf = (embedUrl: string) => new URL(embedUrl).pathname.slice(EMBED_PATH.length);

function payloadOf(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Requests a token and opens the embed page with it, as the browser that asked would. */
async function openPlayer(who: Person, lessonId: string, on: TestServices = services) {
  const grant = await who.caller.video.requestAccess({ lessonId });
  const embed = await openEmbed(
    { ...visitorScope(on, who.ctx.request), now: () => on.now() },
    { token: tokenOf(grant.embedUrl), visitorId: null },
  );
  if (!embed.ok) throw new Error(`the embed did not open: ${embed.message}`);
  if (embed.progressToken === null) throw new Error('a signed-in viewer got no progress token');
  return { ...embed, progressToken: embed.progressToken };
}

async function tokenRow(tokenId: string, on: TestServices = services) {
  return parseAccessToken(await on.backend.tables.get({ ...VIDEO_ACCESS_TOKENS, rowId: tokenId }));
}

async function progressRows(lessonId: string) {
  const { rows } = await services.backend.tables.list({
    ...VIDEO_PROGRESS,
    queries: [Query.equal('lessonId', lessonId), Query.limit(100)],
  });
  return rows;
}

const actionsOf = (userId: string, on: TestServices = services) =>
  securityActions(on, [Query.equal('userId', userId)]);
const countOf = (actions: string[], action: string) => actions.filter((item) => item === action).length;

describe('video.requestAccess', () => {
  it('issues a 5-minute one-time embed URL whose token names no video, storing only its hash', async () => {
    const course = await seedVideoCourse(services, owner);
    const learner = await enrolledIn(course.courseId);
    const grant = await learner.caller.video.requestAccess({ lessonId: course.lessonId });

    expect(Object.keys(grant).sort()).toEqual(['embedUrl', 'expiresIn', 'tokenId']);
    expect(grant.expiresIn).toBe(300);
    const jwt = tokenOf(grant.embedUrl);
    expect(grant.embedUrl).toBe(`${services.env.publicUrl.origin}/api/video/secure-embed/${jwt}`);
    expect(jwt.split('.')).toHaveLength(3);

    const payload = payloadOf(jwt);
    expect(payload).toMatchObject({ sub: learner.user.id, lid: course.lessonId });
    expect(typeof payload.jti).toBe('string');
    expect(Number(payload.exp) - Number(payload.iat)).toBe(300);
    expect(Number(payload.iat)).toBe(Math.floor(now.getTime() / 1000));
    const text = JSON.stringify(grant) + Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString();
    for (const videoId of Object.values(VIDEO_IDS)) expect(text).not.toContain(videoId);

    const row = await tokenRow(grant.tokenId);
    const jti = String(payload.jti);
    expect(row.accessToken).toBe(createHash('sha256').update(jti).digest('hex'));
    expect(row.accessToken).not.toContain(jti);
    expect(row).toMatchObject({
      userId: learner.user.id,
      lessonId: course.lessonId,
      ipAddress: learner.ctx.request.clientIp,
      userAgent: learner.ctx.request.userAgent,
      isUsed: false,
      revokedAt: null,
      expiresAt: new Date(now.getTime() + 300_000).toISOString(),
    });
    expect(await actionsOf(learner.user.id)).toEqual(['video_access_granted']);
  });

  it('refuses those not enrolled, audits the refusal and issues no token', async () => {
    const course = await seedVideoCourse(services, owner);
    const outsider = await person();
    const before = await videoWritesSoFar(services);
    expect(await outcome(outsider.caller.video.requestAccess({ lessonId: course.lessonId }))).toBe(
      'FORBIDDEN',
    );
    expect(await message(outsider.caller.video.requestAccess({ lessonId: course.lessonId }))).toBe(
      'Enroll in this course to watch this video.',
    );
    expect(await videoWritesSoFar(services)).toEqual(before);
    expect(await actionsOf(outsider.user.id)).toEqual(['video_access_denied', 'video_access_denied']);
  });

  it('audits a request for a lesson that does not exist like every other denial', async () => {
    const outsider = await person();
    const before = await videoWritesSoFar(services);
    expect(await outcome(outsider.caller.video.requestAccess({ lessonId: 'nosuchlesson' }))).toBe(
      'NOT_FOUND',
    );
    expect(await videoWritesSoFar(services)).toEqual(before);
    // DESIGN §6: every denial is written to security_logs (and counts towards an alert).
    expect(await actionsOf(outsider.user.id)).toEqual(['video_access_denied']);
  });

  it('ends a learner’s access when the course is unpublished, but not its owner’s', async () => {
    const course = await seedVideoCourse(services, owner);
    const learner = await enrolledIn(course.courseId);
    await learner.caller.video.requestAccess({ lessonId: course.lessonId });
    await teacher.course.unpublish({ courseId: course.courseId });
    const before = await videoWritesSoFar(services);
    expect(await outcome(learner.caller.video.requestAccess({ lessonId: course.lessonId }))).toBe(
      'FORBIDDEN',
    );
    expect(await message(learner.caller.video.requestAccess({ lessonId: course.lessonId }))).toMatch(
      /not published/,
    );
    expect(await videoWritesSoFar(services)).toEqual(before);
    expect(await outcome(teacher.video.requestAccess({ lessonId: course.lessonId }))).toBe('ok');
    expect(await outcome(admin.video.requestAccess({ lessonId: course.lessonId }))).toBe('ok');
  });

  it('ends access the moment a learner unenrolls', async () => {
    const course = await seedVideoCourse(services, owner);
    const learner = await enrolledIn(course.courseId);
    expect(await outcome(learner.caller.video.requestAccess({ lessonId: course.lessonId }))).toBe('ok');
    await learner.caller.enrollment.unenroll({ courseId: course.courseId });
    expect(await outcome(learner.caller.video.requestAccess({ lessonId: course.lessonId }))).toBe(
      'FORBIDDEN',
    );
    // The preview stays open to everyone signed in.
    expect(await outcome(learner.caller.video.requestAccess({ lessonId: course.previewLessonId }))).toBe(
      'ok',
    );
  });
});

describe('rate limits and alerts', () => {
  let limitNow = new Date('2026-11-29T12:00:00.000Z');
  let limited: TestServices;
  beforeAll(async () => {
    limited = await createTestServices({ now: () => limitNow });
  });
  afterAll(async () => {
    await limited.cleanup();
  });
  const advance = (seconds: number) => {
    limitNow = new Date(limitNow.getTime() + seconds * 1000);
  };

  it('grants 60 tokens per user in 10 minutes, then refuses until the window moves on', async () => {
    const teacherThere = await person({ on: limited, role: 'instructor' });
    const course = await seedVideoCourse(limited, teacherThere.user);
    const learner = await enrolledIn(course.courseId, limited);
    const request = () => learner.caller.video.requestAccess({ lessonId: course.lessonId });
    const start = limitNow.getTime();
    for (let index = 0; index < 60; index += 1) {
      await request();
      advance(1);
    }
    const before = await videoWritesSoFar(limited);
    expect(await outcome(request())).toBe('TOO_MANY_REQUESTS');
    expect(await message(request())).toBe('Too many videos opened in a short time. Try again in 10 minutes.');
    expect(await videoWritesSoFar(limited)).toEqual(before);
    expect(countOf(await actionsOf(learner.user.id, limited), 'video_rate_limited')).toBe(2);
    expect(await learner.caller.video.validateAccess({ lessonId: course.lessonId })).toMatchObject({
      allowed: false,
      reason: 'rate_limited',
    });

    // Ten minutes after the first grant, it leaves the window: one more, then refused again.
    limitNow = new Date(start + 10 * 60 * 1000 - 1000);
    expect(await outcome(request())).toBe('TOO_MANY_REQUESTS');
    limitNow = new Date(start + 10 * 60 * 1000);
    expect(await outcome(request())).toBe('ok');
    expect(await outcome(request())).toBe('TOO_MANY_REQUESTS');
    // Long after, the whole allowance is back.
    advance(11 * 60);
    for (let index = 0; index < 5; index += 1) expect(await outcome(request())).toBe('ok');
    expect(await videoWritesSoFar(limited)).toMatchObject({ tokens: before.tokens + 6 });
  });

  it('holds the per-user allowance when requests race', async () => {
    advance(60 * 60);
    const teacherThere = await person({ on: limited, role: 'instructor' });
    const course = await seedVideoCourse(limited, teacherThere.user);
    const learner = await enrolledIn(course.courseId, limited);
    const results = await Promise.all(
      Array.from({ length: 70 }, () =>
        outcome(learner.caller.video.requestAccess({ lessonId: course.lessonId })),
      ),
    );
    const issued = await limited.backend.tables.list({
      ...VIDEO_ACCESS_TOKENS,
      queries: [Query.equal('userId', learner.user.id), Query.limit(1)],
    });
    expect(issued.total).toBeLessThanOrEqual(60);
    expect(countOf(results, 'ok')).toBe(issued.total);
    advance(60 * 60);
  });

  it('grants 300 tokens per IP in 10 minutes across users', async () => {
    const ip = '198.51.100.9';
    const teacherThere = await person({ on: limited, role: 'instructor' });
    const course = await seedVideoCourse(limited, teacherThere.user);
    // 299 tokens of a classroom behind one address, written directly.
    for (let index = 0; index < 299; index += 1) {
      await limited.backend.tables.create({
        ...VIDEO_ACCESS_TOKENS,
        data: {
          userId: `classmate${index}`,
          lessonId: course.lessonId,
          accessToken: createHash('sha256').update(`jti-${index}`).digest('hex'),
          expiresAt: new Date(limitNow.getTime() + 300_000).toISOString(),
          ipAddress: ip,
          userAgent: 'Aurora tests',
          isUsed: false,
        },
      });
    }
    const first = await person({ on: limited, clientIp: ip });
    const second = await person({ on: limited, clientIp: ip });
    const elsewhere = await person({ on: limited, clientIp: '203.0.113.50' });
    await first.caller.enrollment.enroll({ courseId: course.courseId });
    await second.caller.enrollment.enroll({ courseId: course.courseId });
    await elsewhere.caller.enrollment.enroll({ courseId: course.courseId });

    expect(
      await videoRateLimitHit(limited.backend, { userId: first.user.id, clientIp: ip }, limitNow),
    ).toBeNull();
    expect(await outcome(first.caller.video.requestAccess({ lessonId: course.lessonId }))).toBe('ok');
    expect(await videoRateLimitHit(limited.backend, { userId: second.user.id, clientIp: ip }, limitNow)).toBe(
      'ip',
    );
    expect(await outcome(second.caller.video.requestAccess({ lessonId: course.lessonId }))).toBe(
      'TOO_MANY_REQUESTS',
    );
    const refused = await limited.backend.tables.list({
      ...SECURITY_LOGS,
      queries: [Query.equal('userId', second.user.id), Query.equal('action', 'video_rate_limited')],
    });
    expect(refused.total).toBe(1);
    expect(String(refused.rows[0]?.reason)).toMatch(/per-ip/);
    expect(await outcome(elsewhere.caller.video.requestAccess({ lessonId: course.lessonId }))).toBe('ok');
    // An IP the server could not learn is not rate limited as one.
    expect(
      await videoRateLimitHit(limited.backend, { userId: second.user.id, clientIp: 'unknown' }, limitNow),
    ).toBeNull();
  });

  it('raises one alert per scope at the fifth denial from one user, and another at the tenth', async () => {
    advance(60 * 60);
    const teacherThere = await person({ on: limited, role: 'instructor' });
    const course = await seedVideoCourse(limited, teacherThere.user);
    const outsider = await person({ on: limited, clientIp: '192.0.2.77' });
    const deny = () => outcome(outsider.caller.video.requestAccess({ lessonId: course.lessonId }));
    const alerts = async () => {
      const { rows } = await limited.backend.tables.list({
        ...SECURITY_LOGS,
        queries: [Query.equal('action', 'video_alert'), Query.equal('userId', outsider.user.id)],
      });
      return rows.map((row) => String(row.reason));
    };
    const userAlerts = async () =>
      (await alerts()).filter((reason) => reason.includes(`user ${outsider.user.id}`));
    const ipAlerts = async () => (await alerts()).filter((reason) => reason.includes('IP 192.0.2.77'));

    for (let index = 0; index < 4; index += 1) {
      expect(await deny()).toBe('FORBIDDEN');
      advance(10);
    }
    expect(await alerts()).toEqual([]);
    expect(await deny()).toBe('FORBIDDEN');
    expect(await userAlerts()).toEqual([
      `5 video denials in 10 minutes for user ${outsider.user.id}; latest: video_access_denied`,
    ]);
    expect(await ipAlerts()).toHaveLength(1);
    for (let index = 0; index < 4; index += 1) {
      advance(10);
      expect(await deny()).toBe('FORBIDDEN');
    }
    expect(await userAlerts()).toHaveLength(1);
    advance(10);
    expect(await deny()).toBe('FORBIDDEN');
    expect(await userAlerts()).toHaveLength(2);
    expect(await ipAlerts()).toHaveLength(2);
    expect(countOf(await actionsOf(outsider.user.id, limited), 'video_access_denied')).toBe(10);
  });

  it('does not count denials older than ten minutes towards an alert', async () => {
    advance(60 * 60);
    const teacherThere = await person({ on: limited, role: 'instructor' });
    const course = await seedVideoCourse(limited, teacherThere.user);
    const outsider = await person({ on: limited, clientIp: '192.0.2.78' });
    for (let index = 0; index < 4; index += 1) {
      await outcome(outsider.caller.video.requestAccess({ lessonId: course.lessonId }));
    }
    advance(11 * 60);
    await outcome(outsider.caller.video.requestAccess({ lessonId: course.lessonId }));
    expect(countOf(await actionsOf(outsider.user.id, limited), 'video_alert')).toBe(0);
  });
});

describe('video.validateAccess', () => {
  it('answers ok, enroll, sign_in, not_published and no_video without issuing or recording anything', async () => {
    const course = await seedVideoCourse(services, owner);
    const withoutVideo = await seedCourse(services, owner);
    const learner = await enrolledIn(course.courseId);
    await learner.caller.enrollment.enroll({ courseId: withoutVideo.courseId });
    const outsider = await person();
    const draft = await seedVideoCourse(services, owner, { published: false });
    const before = await videoWritesSoFar(services);
    const logs = await securityActions(services);

    expect(await learner.caller.video.validateAccess({ lessonId: course.lessonId })).toEqual({
      allowed: true,
      reason: 'ok',
      message: 'You can watch this video.',
      savesProgress: true,
    });
    // A visitor may play the free preview (through the player route), without watch time.
    const visitor = createCaller(await createContext(services, sameSiteFacts(services)));
    expect(await visitor.video.validateAccess({ lessonId: course.previewLessonId })).toEqual({
      allowed: true,
      reason: 'ok',
      message: 'This free preview plays without an account.',
      savesProgress: false,
    });
    expect(await visitor.video.validateAccess({ lessonId: course.lessonId })).toMatchObject({
      allowed: false,
      reason: 'sign_in',
      savesProgress: false,
    });
    expect(await outcome(visitor.video.validateAccess({ lessonId: draft.previewLessonId }))).toBe(
      'NOT_FOUND',
    );
    expect(await outsider.caller.video.validateAccess({ lessonId: course.lessonId })).toMatchObject({
      allowed: false,
      reason: 'enroll',
    });
    expect(await outsider.caller.video.validateAccess({ lessonId: course.previewLessonId })).toMatchObject({
      allowed: true,
      reason: 'ok',
    });
    expect(await learner.caller.video.validateAccess({ lessonId: withoutVideo.lessonId })).toMatchObject({
      allowed: false,
      reason: 'no_video',
    });
    expect(await outcome(outsider.caller.video.validateAccess({ lessonId: draft.lessonId }))).toBe(
      'NOT_FOUND',
    );
    expect(await teacher.video.validateAccess({ lessonId: draft.lessonId })).toMatchObject({
      allowed: true,
    });
    expect(await videoWritesSoFar(services)).toEqual(before);
    expect(await securityActions(services)).toEqual(logs);

    await teacher.course.unpublish({ courseId: course.courseId });
    expect(await learner.caller.video.validateAccess({ lessonId: course.lessonId })).toMatchObject({
      allowed: false,
      reason: 'not_published',
    });
  });
});

describe('video.revokeAccess', () => {
  it('revokes one token by id, then all of a person’s for a lesson, then all of them', async () => {
    const course = await seedVideoCourse(services, owner);
    const learner = await enrolledIn(course.courseId);
    const lessonId = course.lessonId;
    const grants = [
      await learner.caller.video.requestAccess({ lessonId }),
      await learner.caller.video.requestAccess({ lessonId }),
      await learner.caller.video.requestAccess({ lessonId }),
    ];
    const preview = await learner.caller.video.requestAccess({ lessonId: course.previewLessonId });
    const [first, ...rest] = grants.map((grant) => grant.tokenId);

    tick(5);
    expect(await learner.caller.video.revokeAccess({ tokenId: first ?? '' })).toEqual({ revoked: 1 });
    expect((await tokenRow(first ?? '')).revokedAt).toBe(now.toISOString());
    expect(await learner.caller.video.revokeAccess({ tokenId: first ?? '' })).toEqual({ revoked: 0 });
    for (const tokenId of rest) expect((await tokenRow(tokenId)).revokedAt).toBeNull();

    expect(await learner.caller.video.revokeAccess({ userId: learner.user.id, lessonId })).toEqual({
      revoked: 2,
    });
    for (const tokenId of rest) expect((await tokenRow(tokenId)).revokedAt).not.toBeNull();
    expect((await tokenRow(preview.tokenId)).revokedAt).toBeNull();

    expect(await admin.video.revokeAccess({ userId: learner.user.id })).toEqual({ revoked: 1 });
    expect((await tokenRow(preview.tokenId)).revokedAt).not.toBeNull();
    expect(await admin.video.revokeAccess({ userId: learner.user.id })).toEqual({ revoked: 0 });
    // Revocations are recorded under whoever revoked, naming whose tokens they were.
    expect(countOf(await actionsOf(learner.user.id), 'video_token_revoked')).toBe(3);
    const byAdmin = await services.backend.tables.list({
      ...SECURITY_LOGS,
      queries: [Query.equal('action', 'video_token_revoked'), Query.contains('reason', learner.user.id)],
    });
    expect(byAdmin.rows.map((row) => String(row.reason))).toContain(
      `1 revoked: outstanding tokens of user ${learner.user.id}`,
    );
    expect(await outcome(learner.caller.video.revokeAccess({ tokenId: 'nosuchtoken' }))).toBe('NOT_FOUND');
  });

  it('makes a revoked token useless at the embed page', async () => {
    const course = await seedVideoCourse(services, owner);
    const learner = await enrolledIn(course.courseId);
    const grant = await learner.caller.video.requestAccess({ lessonId: course.lessonId });
    await learner.caller.video.revokeAccess({ tokenId: grant.tokenId });
    const embed = await openEmbed(
      { ...visitorScope(services, learner.ctx.request), now: () => now },
      { token: tokenOf(grant.embedUrl), visitorId: null },
    );
    expect(embed.ok).toBe(false);
    expect(await actionsOf(learner.user.id)).toContain('video_token_revoked_used');
  });
});

describe('lesson.setVideo and lesson.removeVideo without the YouTube API', () => {
  const BAD_LINKS: [string, RegExp][] = [
    ['https://www.youtube.com/playlist?list=PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf', /playlist/],
    ['https://www.youtube.com/@SomeChannel', /channel/],
    ['https://vimeo.com/76979871', /not a YouTube link/],
    ['https://www.youtube.com/watch?v=tooShort', /malformed/],
  ];

  it.each(BAD_LINKS)('refuses %s with the reason and changes nothing', async (youtubeUrl, reason) => {
    const course = await seedVideoCourse(services, owner);
    const before = await videoWritesSoFar(services);
    const setting = teacher.lesson.setVideo({ lessonId: course.lessonId, youtubeUrl, videoDuration: 60 });
    expect(await outcome(setting)).toBe('BAD_REQUEST');
    const said = await message(
      teacher.lesson.setVideo({ lessonId: course.lessonId, youtubeUrl, videoDuration: 60 }),
    );
    const parsed = parseYouTubeLink(youtubeUrl);
    expect(parsed.ok).toBe(false);
    expect(said).toBe(parsed.ok ? '' : parsed.reason);
    expect(said).toMatch(reason);
    expect(await videoWritesSoFar(services)).toEqual(before);
  });

  it('needs the length when there is no API key to look it up', async () => {
    const course = await seedCourse(services, owner);
    const before = await videoWritesSoFar(services);
    const setting = teacher.lesson.setVideo({
      lessonId: course.lessonId,
      youtubeUrl: 'https://youtu.be/Hn4BaNwe7Qs',
    });
    expect(await message(setting)).toBe(DURATION_NEEDED);
    expect(
      await outcome(
        teacher.lesson.setVideo({ lessonId: course.lessonId, youtubeUrl: 'https://youtu.be/Hn4BaNwe7Qs' }),
      ),
    ).toBe('BAD_REQUEST');
    expect(await videoWritesSoFar(services)).toEqual(before);
  });

  it('stores the ID encrypted and shows pages only the length', async () => {
    const course = await seedCourse(services, owner);
    const learner = await enrolledIn(course.courseId);
    const view = await teacher.lesson.setVideo({
      lessonId: course.lessonId,
      youtubeUrl: `https://www.youtube.com/watch?v=${VIDEO_IDS.members}`,
      videoDuration: 420,
    });
    expect(view.video).toEqual({ durationSeconds: 420, thumbnailUrl: null });
    const seen = await learner.caller.lesson.get({ lessonId: course.lessonId });
    expect(seen.video).toEqual({ durationSeconds: 420, thumbnailUrl: null });
    expect(JSON.stringify([view, seen])).not.toContain(VIDEO_IDS.members);

    const row = await services.backend.tables.get({ ...LESSONS, rowId: course.lessonId });
    expect(typeof row.encryptedVideoData).toBe('string');
    expect(String(row.encryptedVideoData)).not.toContain(VIDEO_IDS.members);
    expect(row.videoDuration).toBe(420);
    expect(await actionsOf(owner.id)).toContain('video_changed');
  });

  it('revokes outstanding tokens and forgets positions when the video changes', async () => {
    const course = await seedVideoCourse(services, owner, { durationSeconds: 300 });
    const learner = await enrolledIn(course.courseId);
    const other = await seedVideoCourse(services, owner);
    const elsewhere = await enrolledIn(other.courseId);
    const opened = await openPlayer(learner, course.lessonId);
    tick(10);
    await learner.caller.video.progress({
      progressToken: opened.progressToken,
      watchedSeconds: 10,
      totalSeconds: 300,
    });
    const waiting = await learner.caller.video.requestAccess({ lessonId: course.lessonId });
    const otherOpened = await openPlayer(elsewhere, other.lessonId);
    tick(10);
    await elsewhere.caller.video.progress({
      progressToken: otherOpened.progressToken,
      watchedSeconds: 10,
      totalSeconds: 600,
    });
    const otherWaiting = await elsewhere.caller.video.requestAccess({ lessonId: other.lessonId });
    expect(await progressRows(course.lessonId)).toHaveLength(1);

    await teacher.lesson.setVideo({
      lessonId: course.lessonId,
      youtubeUrl: 'https://youtu.be/Hn4BaNwe7Qs',
      videoDuration: 200,
    });
    expect((await tokenRow(waiting.tokenId)).revokedAt).toBe(now.toISOString());
    expect(await progressRows(course.lessonId)).toHaveLength(0);
    expect(await learner.caller.lesson.getVideoProgress({ lessonId: course.lessonId })).toEqual({
      watchedSeconds: 0,
      totalSeconds: 200,
      percent: 0,
      resumeAt: 0,
    });
    expect(countOf(await actionsOf(owner.id), 'video_token_revoked')).toBeGreaterThan(0);
    // Other lessons are untouched.
    expect((await tokenRow(otherWaiting.tokenId)).revokedAt).toBeNull();
    expect(await progressRows(other.lessonId)).toHaveLength(1);
  });

  it('keeps tokens and positions when the same video is saved again with another length', async () => {
    const course = await seedVideoCourse(services, owner, { durationSeconds: 300 });
    const learner = await enrolledIn(course.courseId);
    const opened = await openPlayer(learner, course.lessonId);
    tick(10);
    await learner.caller.video.progress({
      progressToken: opened.progressToken,
      watchedSeconds: 10,
      totalSeconds: 300,
    });
    const waiting = await learner.caller.video.requestAccess({ lessonId: course.lessonId });

    const view = await teacher.lesson.setVideo({
      lessonId: course.lessonId,
      youtubeUrl: `https://youtu.be/${VIDEO_IDS.members}`,
      videoDuration: 320,
    });
    expect(view.video).toEqual({ durationSeconds: 320, thumbnailUrl: null });
    expect((await tokenRow(waiting.tokenId)).revokedAt).toBeNull();
    expect(await progressRows(course.lessonId)).toHaveLength(1);
    // The open player keeps reporting: it plays the same video.
    tick(10);
    const report = await learner.caller.video.progress({
      progressToken: opened.progressToken,
      watchedSeconds: 20,
      totalSeconds: 320,
    });
    expect(report.watchedSeconds).toBe(20);
  });

  it('stops crediting watch time once the learner unenrolls', async () => {
    const course = await seedVideoCourse(services, owner, { durationSeconds: 300 });
    const learner = await enrolledIn(course.courseId);
    const opened = await openPlayer(learner, course.lessonId);
    await learner.caller.enrollment.unenroll({ courseId: course.courseId });
    tick(10);
    expect(
      await outcome(
        learner.caller.video.progress({
          progressToken: opened.progressToken,
          watchedSeconds: 10,
          totalSeconds: 300,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await progressRows(course.lessonId)).toHaveLength(0);
  });

  it('removes a video: tokens revoked, lesson.get shows none, the row keeps nothing', async () => {
    const course = await seedVideoCourse(services, owner);
    const learner = await enrolledIn(course.courseId);
    const waiting = await learner.caller.video.requestAccess({ lessonId: course.lessonId });
    const view = await teacher.lesson.removeVideo({ lessonId: course.lessonId });
    expect(view.video).toBeNull();
    expect((await learner.caller.lesson.get({ lessonId: course.lessonId })).video).toBeNull();
    const row = await services.backend.tables.get({ ...LESSONS, rowId: course.lessonId });
    expect(row.encryptedVideoData ?? null).toBeNull();
    expect(row.videoDuration ?? null).toBeNull();
    expect((await tokenRow(waiting.tokenId)).revokedAt).not.toBeNull();
    expect(await actionsOf(owner.id)).toContain('video_removed');
    expect(await outcome(learner.caller.video.requestAccess({ lessonId: course.lessonId }))).toBe(
      'NOT_FOUND',
    );
    // Removing again is a no-op.
    const before = await videoWritesSoFar(services);
    expect((await teacher.lesson.removeVideo({ lessonId: course.lessonId })).video).toBeNull();
    expect(await videoWritesSoFar(services)).toEqual(before);
  });
});

describe('with the YouTube Data API', () => {
  const IDS = {
    ok: 'Ok4PublcV1d',
    private: 'Pr1vateVid0',
    noEmbed: 'NoEmbedVd02',
    deleted: 'DeletedVd03',
  } as const;
  let fake: FakeYouTube;
  let api: TestServices;
  let apiTeacher: Caller;
  let apiOwner: AuthUser;
  beforeAll(async () => {
    fake = await startFakeYouTube({
      apiKey: 'test-key',
      videos: {
        [IDS.ok]: { title: 'Joins explained', duration: 'PT4M13S' },
        [IDS.private]: { privacyStatus: 'private' },
        [IDS.noEmbed]: { embeddable: false },
        [IDS.deleted]: { uploadStatus: 'deleted' },
      },
    });
    api = await createTestServices({
      now: clock,
      env: { YOUTUBE_API_KEY: 'test-key', YOUTUBE_API_BASE_URL: fake.baseUrl },
    });
    apiOwner = await createTestUser(api, 'instructor');
    apiTeacher = createCaller(await contextFor(api, apiOwner));
  });
  afterAll(async () => {
    await fake.close();
    await api.cleanup();
  });
  const link = (id: string) => `https://www.youtube.com/watch?v=${id}`;

  it('takes the length from YouTube and caches the thumbnail in Aurora’s own bucket', async () => {
    const course = await seedCourse(api, apiOwner);
    const view = await apiTeacher.lesson.setVideo({ lessonId: course.lessonId, youtubeUrl: link(IDS.ok) });
    expect(view.video?.durationSeconds).toBe(253);
    const thumbnailUrl = view.video?.thumbnailUrl ?? '';
    expect(thumbnailUrl).toMatch(/^\/thumbnails\/[^/]+$/);
    const fileId = thumbnailUrl.slice('/thumbnails/'.length);
    const { files } = await api.backend.storage.list({ bucketId: 'thumbnails' });
    expect(files.map((file) => file.id)).toContain(fileId);
    const learner = await enrolledIn(course.courseId, api);
    expect((await learner.caller.lesson.get({ lessonId: course.lessonId })).video).toEqual({
      durationSeconds: 253,
      thumbnailUrl: `/thumbnails/${fileId}`,
    });
    expect(JSON.stringify(view)).not.toContain(IDS.ok);

    // A length given by hand does not override YouTube's.
    const again = await apiTeacher.lesson.setVideo({
      lessonId: course.lessonId,
      youtubeUrl: link(IDS.ok),
      videoDuration: 999,
    });
    expect(again.video?.durationSeconds).toBe(253);
    // The replaced video's thumbnail is gone; the new one is there.
    const after = (await api.backend.storage.list({ bucketId: 'thumbnails' })).files.map((file) => file.id);
    expect(after).not.toContain(fileId);
    expect(after).toContain((again.video?.thumbnailUrl ?? '').slice('/thumbnails/'.length));
  });

  it.each([
    ['private', IDS.private, /private/],
    ['not embeddable', IDS.noEmbed, /embedding/],
    ['deleted', IDS.deleted, /deleted/],
    ['unknown', 'Zz9Unknown0', /deleted/],
  ] as const)('refuses a %s video with a clear reason and writes nothing', async (_label, id, reason) => {
    const course = await seedCourse(api, apiOwner);
    const before = await videoWritesSoFar(api);
    const logs = await securityActions(api);
    const setting = apiTeacher.lesson.setVideo({
      lessonId: course.lessonId,
      youtubeUrl: link(id),
      videoDuration: 60,
    });
    expect(await outcome(setting)).toBe('BAD_REQUEST');
    expect(
      await message(apiTeacher.lesson.setVideo({ lessonId: course.lessonId, youtubeUrl: link(id) })),
    ).toMatch(reason);
    expect(await videoWritesSoFar(api)).toEqual(before);
    expect(await securityActions(api)).toEqual(logs);
  });

  it('checks a link, or the saved video, without saving anything', async () => {
    const course = await seedCourse(api, apiOwner);
    expect(
      await apiTeacher.lesson.validateVideo({ lessonId: course.lessonId, youtubeUrl: link(IDS.ok) }),
    ).toEqual({
      valid: true,
      reason: null,
      title: 'Joins explained',
      durationSeconds: 253,
      checkedWithYouTube: true,
    });
    expect(
      await apiTeacher.lesson.validateVideo({ lessonId: course.lessonId, youtubeUrl: link(IDS.private) }),
    ).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/private/) as unknown,
      checkedWithYouTube: true,
    });
    expect(await outcome(apiTeacher.lesson.validateVideo({ lessonId: course.lessonId }))).toBe('BAD_REQUEST');

    const id = 'LaterPrivt1';
    fake.videos[id] = { title: 'Soon private', duration: 'PT2M' };
    await apiTeacher.lesson.setVideo({ lessonId: course.lessonId, youtubeUrl: link(id) });
    const before = await videoWritesSoFar(api);
    expect(await apiTeacher.lesson.validateVideo({ lessonId: course.lessonId })).toMatchObject({
      valid: true,
      durationSeconds: 120,
    });
    fake.videos[id] = { ...fake.videos[id], privacyStatus: 'private' };
    const answer = await apiTeacher.lesson.validateVideo({ lessonId: course.lessonId });
    expect(answer).toMatchObject({ valid: false, checkedWithYouTube: true });
    expect(answer.reason).toMatch(/private/);
    expect(JSON.stringify(answer)).not.toContain(id);
    expect(await videoWritesSoFar(api)).toEqual(before);
  });

  it('answers SERVICE_UNAVAILABLE when YouTube cannot be reached, and writes nothing', async () => {
    const gone = await startFakeYouTube({ apiKey: 'test-key', videos: {} });
    await gone.close();
    const offline = await createTestServices({
      now: clock,
      env: { YOUTUBE_API_KEY: 'test-key', YOUTUBE_API_BASE_URL: gone.baseUrl },
    });
    try {
      const instructor = await createTestUser(offline, 'instructor');
      const caller = createCaller(await contextFor(offline, instructor));
      const course = await seedCourse(offline, instructor);
      const before = await videoWritesSoFar(offline);
      expect(
        await outcome(
          caller.lesson.setVideo({ lessonId: course.lessonId, youtubeUrl: link(IDS.ok), videoDuration: 60 }),
        ),
      ).toBe('SERVICE_UNAVAILABLE');
      expect(
        await message(caller.lesson.validateVideo({ lessonId: course.lessonId, youtubeUrl: link(IDS.ok) })),
      ).toMatch(/could not be reached/);
      expect(await videoWritesSoFar(offline)).toEqual(before);
    } finally {
      await offline.cleanup();
    }
  });
});

describe('video.progress and lesson.getVideoProgress', () => {
  it('believes no more than the clock allows, caps at the length and completes the lesson at 90%', async () => {
    const course = await seedVideoCourse(services, owner, { durationSeconds: 100 });
    const learner = await enrolledIn(course.courseId);
    const lessonId = course.lessonId;
    const { progressToken, startSeconds } = await openPlayer(learner, lessonId);
    expect(startSeconds).toBe(0);
    const report = (watchedSeconds: number) =>
      learner.caller.video.progress({ progressToken, watchedSeconds, totalSeconds: 100 });

    tick(10);
    expect(await report(10)).toEqual({
      watchedSeconds: 10,
      totalSeconds: 100,
      percent: 10,
      resumeAt: 10,
      refusedSeconds: 0,
      lessonCompleted: false,
    });
    tick(10);
    // Ten seconds of clock since the last report, plus five of tolerance.
    expect(await report(100)).toMatchObject({
      watchedSeconds: 25,
      refusedSeconds: 75,
      lessonCompleted: false,
    });
    tick(1);
    // Going backwards (a seek) keeps the furthest point.
    expect(await report(5)).toMatchObject({ watchedSeconds: 25, refusedSeconds: 0 });
    expect(await learner.caller.lesson.getVideoProgress({ lessonId })).toEqual({
      watchedSeconds: 25,
      totalSeconds: 100,
      percent: 25,
      resumeAt: 25,
    });
    expect((await learner.caller.enrollment.get({ courseId: course.courseId }))?.completedLessons).toEqual(
      [],
    );

    tick(70);
    expect(await report(90)).toMatchObject({ watchedSeconds: 90, percent: 90, lessonCompleted: true });
    expect((await learner.caller.enrollment.get({ courseId: course.courseId }))?.completedLessons).toEqual([
      lessonId,
    ]);
    tick(10);
    expect(await report(95)).toMatchObject({ watchedSeconds: 95, lessonCompleted: false });
    tick(60);
    expect(await report(150)).toMatchObject({ watchedSeconds: 100, refusedSeconds: 50, percent: 100 });
    expect(await learner.caller.lesson.getVideoProgress({ lessonId })).toEqual({
      watchedSeconds: 100,
      totalSeconds: 100,
      percent: 100,
      resumeAt: 0,
    });
    const rows = await progressRows(lessonId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: learner.user.id, watchedSeconds: 100, totalSeconds: 100 });
  });

  it('counts only the clock since the page opened for a first report', async () => {
    const course = await seedVideoCourse(services, owner, { durationSeconds: 600 });
    const learner = await enrolledIn(course.courseId);
    const { progressToken } = await openPlayer(learner, course.lessonId);
    tick(10);
    expect(
      await learner.caller.video.progress({ progressToken, watchedSeconds: 100, totalSeconds: 600 }),
    ).toMatchObject({ watchedSeconds: 15, refusedSeconds: 85, lessonCompleted: false });
    // The server's length wins over the player's.
    tick(10);
    expect(
      await learner.caller.video.progress({ progressToken, watchedSeconds: 20, totalSeconds: 30 }),
    ).toMatchObject({ watchedSeconds: 20, totalSeconds: 600, percent: 3 });
  });

  it('stores the owner’s position but completes nothing for someone not enrolled', async () => {
    const course = await seedVideoCourse(services, owner, { durationSeconds: 20 });
    const { progressToken } = await openPlayer(
      { user: owner, ctx: ownerCtx, caller: teacher },
      course.lessonId,
    );
    tick(30);
    expect(
      await teacher.video.progress({ progressToken, watchedSeconds: 20, totalSeconds: 20 }),
    ).toMatchObject({
      watchedSeconds: 20,
      lessonCompleted: false,
    });
    expect(await teacher.lesson.getVideoProgress({ lessonId: course.lessonId })).toMatchObject({
      watchedSeconds: 20,
      percent: 100,
    });
  });

  it('does not let a player of the old video report positions in the new one', async () => {
    const course = await seedVideoCourse(services, owner, { durationSeconds: 600 });
    const learner = await enrolledIn(course.courseId);
    const { progressToken } = await openPlayer(learner, course.lessonId);
    tick(540);
    await learner.caller.video.progress({ progressToken, watchedSeconds: 500, totalSeconds: 600 });
    await teacher.lesson.setVideo({
      lessonId: course.lessonId,
      youtubeUrl: 'https://youtu.be/Hn4BaNwe7Qs',
      videoDuration: 600,
    });
    expect(await progressRows(course.lessonId)).toHaveLength(0);
    tick(10);
    // The old page is still playing the old video: its positions are not positions in the new one.
    const late = await outcome(
      learner.caller.video.progress({ progressToken, watchedSeconds: 545, totalSeconds: 600 }),
    );
    expect(late).not.toBe('ok');
    expect(await progressRows(course.lessonId)).toHaveLength(0);
    expect((await learner.caller.enrollment.get({ courseId: course.courseId }))?.completedLessons).toEqual(
      [],
    );
  });

  it('refuses expired and forged progress tokens and bad input, storing nothing', async () => {
    const course = await seedVideoCourse(services, owner, { durationSeconds: 100 });
    const learner = await enrolledIn(course.courseId);
    const { progressToken } = await openPlayer(learner, course.lessonId);
    const before = await videoWritesSoFar(services);
    const report = (input: { progressToken?: string; watchedSeconds?: number; totalSeconds?: number }) =>
      outcome(
        learner.caller.video.progress({ progressToken, watchedSeconds: 10, totalSeconds: 100, ...input }),
      );

    tick(10);
    expect(await report({ watchedSeconds: -1 })).toBe('BAD_REQUEST');
    expect(await report({ totalSeconds: -5 })).toBe('BAD_REQUEST');
    expect(await report({ watchedSeconds: Number.NaN })).toBe('BAD_REQUEST');
    expect(await report({ progressToken: '' })).toBe('BAD_REQUEST');
    expect(await report({ progressToken: 'not-a-token' })).toBe('UNAUTHORIZED');
    const [head, , signature] = progressToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...payloadOf(progressToken), sub: learner.user.id, lid: course.previewLessonId }),
    ).toString('base64url');
    expect(await report({ progressToken: `${head}.${forged}.${signature}` })).toBe('UNAUTHORIZED');
    // An access token is not a progress token.
    const grant = await learner.caller.video.requestAccess({ lessonId: course.lessonId });
    expect(await report({ progressToken: tokenOf(grant.embedUrl) })).toBe('UNAUTHORIZED');
    const afterGrant = await videoWritesSoFar(services);
    expect(afterGrant).toEqual({ ...before, tokens: before.tokens + 1 });

    tick(60 * 60);
    expect(await report({})).toBe('UNAUTHORIZED');
    expect(
      await message(learner.caller.video.progress({ progressToken, watchedSeconds: 10, totalSeconds: 100 })),
    ).toMatch(/open too long/);
    expect(await videoWritesSoFar(services)).toEqual(afterGrant);
    expect(await learner.caller.lesson.getVideoProgress({ lessonId: course.lessonId })).toEqual({
      watchedSeconds: 0,
      totalSeconds: 100,
      percent: 0,
      resumeAt: 0,
    });
  });
});

describe('video.securityLog', () => {
  it('filters by person, action and time, pages with a cursor and names the people', async () => {
    const email = `ada-${Date.now()}@example.test`;
    const ada = await person({ name: 'Ada Lovelace', email });
    const bob = await person({ name: 'Bob Builder' });
    const rows: [string, string, string][] = [
      [ada.user.id, 'video_access_granted', '2026-11-29T08:10:00.000Z'],
      [ada.user.id, 'video_access_denied', '2026-11-29T08:40:00.000Z'],
      [ada.user.id, 'video_access_granted', '2026-11-29T09:10:00.000Z'],
      [ada.user.id, 'video_access_denied', '2026-11-29T09:40:00.000Z'],
      [ada.user.id, 'video_token_revoked', '2026-11-29T10:10:00.000Z'],
      [bob.user.id, 'video_access_denied', '2026-11-29T09:20:00.000Z'],
    ];
    for (const [userId, action, timestamp] of rows) {
      await services.backend.tables.create({
        ...SECURITY_LOGS,
        data: {
          userId,
          action,
          reason: `lesson x: ${action}`,
          ipAddress: '127.0.0.1',
          userAgent: 'Aurora tests',
          timestamp,
        },
      });
    }

    const byEmail = await admin.video.securityLog({ userEmail: email });
    expect(byEmail.total).toBe(5);
    expect(byEmail.nextCursor).toBeNull();
    expect(byEmail.items.map((item) => item.timestamp)).toEqual([
      '2026-11-29T10:10:00.000Z',
      '2026-11-29T09:40:00.000Z',
      '2026-11-29T09:10:00.000Z',
      '2026-11-29T08:40:00.000Z',
      '2026-11-29T08:10:00.000Z',
    ]);
    expect(byEmail.items[0]).toMatchObject({
      action: 'video_token_revoked',
      userId: ada.user.id,
      user: { name: 'Ada Lovelace', email },
      ipAddress: '127.0.0.1',
      userAgent: 'Aurora tests',
    });
    expect((await admin.video.securityLog({ userEmail: email.toUpperCase() })).total).toBe(5);

    const byId = await admin.video.securityLog({ userId: bob.user.id });
    expect(byId.items.map((item) => [item.action, item.user?.name])).toEqual([
      ['video_access_denied', 'Bob Builder'],
    ]);

    const denied = await admin.video.securityLog({ userId: ada.user.id, action: 'video_access_denied' });
    expect(denied.items.map((item) => item.timestamp)).toEqual([
      '2026-11-29T09:40:00.000Z',
      '2026-11-29T08:40:00.000Z',
    ]);

    // A datetime-local value (no offset), as the admin page's filter sends it: read as UTC,
    // the time zone the log is shown in, whatever the server's own zone is.
    const nineLocal = '2026-11-29T09:00';
    const fromNine = await admin.video.securityLog({ userId: ada.user.id, from: nineLocal });
    expect(fromNine.total).toBe(3);
    const window = await admin.video.securityLog({
      userId: ada.user.id,
      from: nineLocal,
      to: '2026-11-29T09:45:00Z',
    });
    expect(window.items.map((item) => item.timestamp)).toEqual([
      '2026-11-29T09:40:00.000Z',
      '2026-11-29T09:10:00.000Z',
    ]);
    expect(await outcome(admin.video.securityLog({ from: 'yesterday' }))).toBe('BAD_REQUEST');

    const pages: string[][] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await admin.video.securityLog({
        userEmail: email,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      pages.push(page.items.map((item) => item.timestamp));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(pages).toEqual([
      ['2026-11-29T10:10:00.000Z', '2026-11-29T09:40:00.000Z'],
      ['2026-11-29T09:10:00.000Z', '2026-11-29T08:40:00.000Z'],
      ['2026-11-29T08:10:00.000Z'],
    ]);

    expect(await admin.video.securityLog({ userEmail: 'nobody@example.test' })).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
      totalCapped: false,
    });
  });

  it('lists real grants with the person who got them', async () => {
    const course = await seedVideoCourse(services, owner);
    const learner = await enrolledIn(course.courseId);
    const grant = await learner.caller.video.requestAccess({ lessonId: course.lessonId });
    const { items } = await admin.video.securityLog({
      userId: learner.user.id,
      action: 'video_access_granted',
    });
    expect(items).toHaveLength(1);
    expect(items[0]?.reason).toContain(grant.tokenId);
    expect(items[0]?.user?.email).toBe(learner.user.email);
    for (const videoId of Object.values(VIDEO_IDS)) expect(JSON.stringify(items)).not.toContain(videoId);
  });
});
