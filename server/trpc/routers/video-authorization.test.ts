/**
 * Who may call what: every `video` procedure and the video procedures of `lesson` as a
 * visitor, an enrolled learner, a learner who is not enrolled, the course's instructor,
 * another instructor and an admin. Each call gets a fresh published course with videos
 * on both lessons, owned by "owner", in which a fresh "learner" is enrolled and holds one
 * unused video token and one opened embed (its progress token) — so a refusal can only
 * come from authorization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome } from '../../../tests/helpers/identity';
import {
  scopeAt,
  browserFacts,
  contextAs,
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import { seedVideoCourse, type SeededVideoCourse } from '../../../tests/helpers/videos';
import type { AuthUser } from '../../backend/port';
import { unpublishCourse } from '../../services/courses/courses';
import { enroll } from '../../services/enrollments/membership';
import { EMBED_PATH } from '../../services/video/access';
import { openEmbed } from '../../services/video/embed';
import { visitorScope } from '../../services/scope';
import type { Context } from '../context';
import { appRouter, createCaller, type Caller } from '../root';

type Who = 'anonymous' | 'learner' | 'not enrolled' | 'owner' | 'other instructor' | 'admin';
interface Arranged {
  course: SeededVideoCourse;
  learner: AuthUser;
  /** An unused token of the learner's for the members-only lesson. */
  tokenId: string;
  /** The progress token the learner's opened embed page was given. */
  progressToken: string;
}
type Call = (caller: Caller, arranged: Arranged) => Promise<unknown>;

let services: TestServices;
let owner: AuthUser;
/** Everyone but the learner is the same person throughout; only the course and the learner are new. */
const contexts = new Map<Exclude<Who, 'learner'>, Context>();
beforeAll(async () => {
  services = await createTestServices();
  owner = await createTestUser(services, 'instructor');
  contexts.set('anonymous', await contextAs(services, 'anonymous'));
  contexts.set('not enrolled', await contextAs(services, 'regular'));
  contexts.set('owner', await contextFor(services, owner));
  contexts.set('other instructor', await contextAs(services, 'instructor'));
  contexts.set('admin', await contextAs(services, 'admin'));
});
afterAll(async () => {
  await services.cleanup();
});

/** validateAccess answers rather than throws: a refusal counts as `refused: <reason>`. */
async function answered(promise: Promise<{ allowed: boolean; reason: string }>): Promise<unknown> {
  const answer = await promise;
  if (!answer.allowed) throw Object.assign(new Error(answer.reason), { code: `refused: ${answer.reason}` });
  return answer;
}

const LINK = 'https://youtu.be/Hn4BaNwe7Qs';

const PROCEDURES: [string, Call, { draft?: boolean }?][] = [
  ['video.requestAccess', (caller, { course }) => caller.video.requestAccess({ lessonId: course.lessonId })],
  [
    'video.requestAccess (draft)',
    (caller, { course }) => caller.video.requestAccess({ lessonId: course.lessonId }),
    { draft: true },
  ],
  [
    'video.requestAccess (preview)',
    (caller, { course }) => caller.video.requestAccess({ lessonId: course.previewLessonId }),
  ],
  [
    'video.validateAccess',
    (caller, { course }) => answered(caller.video.validateAccess({ lessonId: course.lessonId })),
  ],
  [
    'video.validateAccess (preview)',
    (caller, { course }) => answered(caller.video.validateAccess({ lessonId: course.previewLessonId })),
  ],
  [
    'video.validateAccess (draft preview)',
    (caller, { course }) => answered(caller.video.validateAccess({ lessonId: course.previewLessonId })),
    { draft: true },
  ],
  [
    'video.progress',
    (caller, { progressToken }) =>
      caller.video.progress({ progressToken, watchedSeconds: 3, totalSeconds: 600 }),
  ],
  ['video.revokeAccess (tokenId)', (caller, { tokenId }) => caller.video.revokeAccess({ tokenId })],
  ['video.revokeAccess (userId)', (caller, { learner }) => caller.video.revokeAccess({ userId: learner.id })],
  ['video.securityLog', (caller, { learner }) => caller.video.securityLog({ userId: learner.id })],
  [
    'lesson.setVideo',
    (caller, { course }) =>
      caller.lesson.setVideo({ lessonId: course.lessonId, youtubeUrl: LINK, videoDuration: 300 }),
  ],
  [
    'lesson.setVideo (draft)',
    (caller, { course }) =>
      caller.lesson.setVideo({ lessonId: course.lessonId, youtubeUrl: LINK, videoDuration: 300 }),
    { draft: true },
  ],
  ['lesson.removeVideo', (caller, { course }) => caller.lesson.removeVideo({ lessonId: course.lessonId })],
  [
    'lesson.validateVideo',
    (caller, { course }) => caller.lesson.validateVideo({ lessonId: course.lessonId }),
  ],
  [
    'lesson.getVideoProgress',
    (caller, { course }) => caller.lesson.getVideoProgress({ lessonId: course.lessonId }),
  ],
];

const SELF_ADMIN = {
  anonymous: 'UNAUTHORIZED',
  learner: 'ok',
  'not enrolled': 'FORBIDDEN',
  owner: 'FORBIDDEN',
  'other instructor': 'FORBIDDEN',
  admin: 'ok',
};
const OWNER_ADMIN = {
  anonymous: 'UNAUTHORIZED',
  learner: 'FORBIDDEN',
  'not enrolled': 'FORBIDDEN',
  owner: 'ok',
  'other instructor': 'FORBIDDEN',
  admin: 'ok',
};
/** Whoever may read the members-only lesson: its learners, owner and admins. */
const READERS = {
  anonymous: 'UNAUTHORIZED',
  learner: 'ok',
  'not enrolled': 'FORBIDDEN',
  owner: 'ok',
  'other instructor': 'FORBIDDEN',
  admin: 'ok',
};

const EXPECTED: Record<string, Record<Who, string>> = {
  'video.requestAccess': READERS,
  // A draft stays secret from outsiders; its learners are told it is off the catalog.
  'video.requestAccess (draft)': {
    ...READERS,
    learner: 'FORBIDDEN',
    'not enrolled': 'NOT_FOUND',
    'other instructor': 'NOT_FOUND',
  },
  // Anyone signed in may take a preview's token here; visitors use the player route.
  'video.requestAccess (preview)': {
    anonymous: 'UNAUTHORIZED',
    learner: 'ok',
    'not enrolled': 'ok',
    owner: 'ok',
    'other instructor': 'ok',
    admin: 'ok',
  },
  // Open to visitors, who are told to sign in for a members-only lesson.
  'video.validateAccess': {
    ...READERS,
    anonymous: 'refused: sign_in',
    'not enrolled': 'refused: enroll',
    'other instructor': 'refused: enroll',
  },
  // A published course's free preview plays for everyone, visitors included.
  'video.validateAccess (preview)': {
    anonymous: 'ok',
    learner: 'ok',
    'not enrolled': 'ok',
    owner: 'ok',
    'other instructor': 'ok',
    admin: 'ok',
  },
  // A draft's preview exists only for its editors; its learner is told it is off the catalog.
  'video.validateAccess (draft preview)': {
    anonymous: 'NOT_FOUND',
    learner: 'refused: not_published',
    'not enrolled': 'NOT_FOUND',
    owner: 'ok',
    'other instructor': 'NOT_FOUND',
    admin: 'ok',
  },
  // The progress token is the learner's: anyone else holding it is refused.
  'video.progress': {
    anonymous: 'UNAUTHORIZED',
    learner: 'ok',
    'not enrolled': 'FORBIDDEN',
    owner: 'FORBIDDEN',
    'other instructor': 'FORBIDDEN',
    admin: 'FORBIDDEN',
  },
  'video.revokeAccess (tokenId)': SELF_ADMIN,
  'video.revokeAccess (userId)': SELF_ADMIN,
  'video.securityLog': {
    anonymous: 'UNAUTHORIZED',
    learner: 'FORBIDDEN',
    'not enrolled': 'FORBIDDEN',
    owner: 'FORBIDDEN',
    'other instructor': 'FORBIDDEN',
    admin: 'ok',
  },
  'lesson.setVideo': OWNER_ADMIN,
  // Nobody who may not edit the draft is told it exists, its enrolled learner included.
  'lesson.setVideo (draft)': {
    ...OWNER_ADMIN,
    learner: 'NOT_FOUND',
    'not enrolled': 'NOT_FOUND',
    'other instructor': 'NOT_FOUND',
  },
  'lesson.removeVideo': OWNER_ADMIN,
  'lesson.validateVideo': OWNER_ADMIN,
  'lesson.getVideoProgress': READERS,
};

const WHO: Who[] = ['anonymous', 'learner', 'not enrolled', 'owner', 'other instructor', 'admin'];

/** The raw JWT at the end of an embed URL. */
const tokenOf = (embedUrl: string) => new URL(embedUrl).pathname.slice(EMBED_PATH.length);

async function arrange(who: Who, draft: boolean): Promise<{ caller: Caller; arranged: Arranged }> {
  const course = await seedVideoCourse(services, owner);
  const learner = await createTestUser(services, 'regular');
  await enroll(scopeAt(services, learner, services.now()), { courseId: course.courseId });
  const learnerCtx = await contextFor(services, learner);
  const asLearner = createCaller(learnerCtx);
  // One token opened (for its progress token), one left outstanding.
  const opened = await asLearner.video.requestAccess({ lessonId: course.lessonId });
  const embed = await openEmbed(visitorScope(services, learnerCtx.request), {
    token: tokenOf(opened.embedUrl),
    visitorId: null,
  });
  if (!embed.ok || embed.progressToken === null)
    throw new Error('the embed did not open with a progress token');
  const { tokenId } = await asLearner.video.requestAccess({ lessonId: course.lessonId });
  if (draft)
    await unpublishCourse(
      { ...scopeAt(services, owner, services.now()), request: browserFacts },
      { courseId: course.courseId },
    );
  const ctx = who === 'learner' ? learnerCtx : contexts.get(who);
  if (!ctx) throw new Error(`no context for ${who}`);
  return {
    caller: createCaller(ctx),
    arranged: { course, learner, tokenId, progressToken: embed.progressToken },
  };
}

describe('video authorization matrix', () => {
  it('covers every video procedure and every video procedure of lesson', () => {
    const paths = Object.keys(appRouter._def.procedures).filter(
      (path) => path.startsWith('video.') || (path.startsWith('lesson.') && /video/i.test(path)),
    );
    const covered = new Set(PROCEDURES.map(([name]) => name.split(' ')[0]));
    expect([...covered].sort()).toEqual(paths.sort());
    expect(paths).toEqual(expect.arrayContaining(['lesson.setVideo', 'lesson.getVideoProgress']));
  });

  it.each(
    PROCEDURES.flatMap(([name, call, options]) => WHO.map((who) => [name, who, call, options] as const)),
  )('%s as %s', async (name, who, call, options) => {
    const { caller, arranged } = await arrange(who, options?.draft ?? false);
    expect(await outcome(call(caller, arranged))).toBe(EXPECTED[name]?.[who]);
  });
});
