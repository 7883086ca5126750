/**
 * Who may call what: every `enrollment` procedure as a visitor, a learner acting for
 * themselves, another learner, the course's instructor, another instructor and an admin.
 * Each call gets a fresh published free course owned by "owner" in which "learner" is
 * enrolled and has opened nothing yet (or, for access requests, a paid course "learner"
 * asked to join) — so a refusal can only come from authorization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCourse, type SeededCourse } from '../../../tests/helpers/courses';
import { outcome } from '../../../tests/helpers/identity';
import {
  scopeAt,
  contextAs,
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import { requestAccess } from '../../services/enrollments/access-requests';
import { enroll } from '../../services/enrollments/membership';
import { appRouter, createCaller, type Caller } from '../root';

type Who = 'anonymous' | 'learner' | 'another learner' | 'owner' | 'other instructor' | 'admin';
interface Arranged {
  course: SeededCourse;
  learner: AuthUser;
  /** On a paid course: the learner's pending access request. */
  requestId: string;
}
interface Options {
  draft?: boolean;
  /** A paid course the learner asked to join (and is not enrolled in). */
  paid?: boolean;
}
type Call = (caller: Caller, arranged: Arranged) => Promise<unknown>;

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => {
  await services.cleanup();
});

const PROCEDURES: [string, Call, Options?][] = [
  ['enrollment.enroll', (caller, { course }) => caller.enrollment.enroll({ courseId: course.courseId })],
  [
    'enrollment.enroll (someone else)',
    (caller, { course, learner }) =>
      caller.enrollment.enroll({ courseId: course.courseId, userId: learner.id }),
  ],
  ['enrollment.unenroll', (caller, { course }) => caller.enrollment.unenroll({ courseId: course.courseId })],
  ['enrollment.get', (caller, { course }) => caller.enrollment.get({ courseId: course.courseId })],
  ['enrollment.mine', (caller) => caller.enrollment.mine()],
  [
    'enrollment.completeLesson',
    (caller, { course }) => caller.enrollment.completeLesson({ lessonId: course.lessonId }),
  ],
  ['enrollment.students', (caller, { course }) => caller.enrollment.students({ courseId: course.courseId })],
  // The caller's own courses only: another instructor or an admin gets their own (empty) feed.
  ['enrollment.recent', (caller) => caller.enrollment.recent()],
  [
    'enrollment.students (draft)',
    (caller, { course }) => caller.enrollment.students({ courseId: course.courseId }),
    { draft: true },
  ],
  [
    'enrollment.requestAccess',
    (caller, { course }) => caller.enrollment.requestAccess({ courseId: course.courseId }),
    { paid: true },
  ],
  [
    'enrollment.myAccessRequest',
    (caller, { course }) => caller.enrollment.myAccessRequest({ courseId: course.courseId }),
    { paid: true },
  ],
  [
    'enrollment.accessRequests',
    (caller, { course }) => caller.enrollment.accessRequests({ courseId: course.courseId }),
    { paid: true },
  ],
  [
    'enrollment.accessRequests (draft)',
    (caller, { course }) => caller.enrollment.accessRequests({ courseId: course.courseId }),
    { paid: true, draft: true },
  ],
  [
    'enrollment.decideAccess',
    (caller, { requestId }) => caller.enrollment.decideAccess({ requestId, decision: 'approve' }),
    { paid: true },
  ],
  [
    'enrollment.decideAccess (draft)',
    (caller, { requestId }) => caller.enrollment.decideAccess({ requestId, decision: 'decline' }),
    { paid: true, draft: true },
  ],
];

const SIGNED_IN = {
  anonymous: 'UNAUTHORIZED',
  learner: 'ok',
  'another learner': 'ok',
  owner: 'ok',
  'other instructor': 'ok',
  admin: 'ok',
};
const OWNER_ADMIN = {
  anonymous: 'UNAUTHORIZED',
  learner: 'FORBIDDEN',
  'another learner': 'FORBIDDEN',
  owner: 'ok',
  'other instructor': 'FORBIDDEN',
  admin: 'ok',
};
/** A draft's roster and requests: its editors; nobody else is told it exists. */
const DRAFT_HIDDEN = {
  ...OWNER_ADMIN,
  learner: 'NOT_FOUND',
  'another learner': 'NOT_FOUND',
  'other instructor': 'NOT_FOUND',
};
/** Only someone enrolled has an enrollment to act on. */
const ENROLLED_ONLY = {
  ...SIGNED_IN,
  'another learner': 'NOT_FOUND',
  owner: 'NOT_FOUND',
  'other instructor': 'NOT_FOUND',
  admin: 'NOT_FOUND',
};

const EXPECTED: Record<string, Record<Who, string>> = {
  'enrollment.enroll': SIGNED_IN,
  'enrollment.enroll (someone else)': {
    ...OWNER_ADMIN,
    // Naming yourself is just enrolling.
    learner: 'ok',
    owner: 'FORBIDDEN',
  },
  'enrollment.unenroll': ENROLLED_ONLY,
  'enrollment.get': SIGNED_IN,
  'enrollment.mine': SIGNED_IN,
  'enrollment.completeLesson': {
    ...SIGNED_IN,
    'another learner': 'FORBIDDEN',
    owner: 'FORBIDDEN',
    'other instructor': 'FORBIDDEN',
    admin: 'FORBIDDEN',
  },
  'enrollment.students': OWNER_ADMIN,
  'enrollment.recent': { ...OWNER_ADMIN, 'other instructor': 'ok' },
  // A draft is not revealed to those who may not see it, learners included.
  'enrollment.students (draft)': DRAFT_HIDDEN,
  // Learners ask (the learner gets their pending request back); those who teach it need not.
  'enrollment.requestAccess': { ...SIGNED_IN, owner: 'BAD_REQUEST', admin: 'BAD_REQUEST' },
  'enrollment.myAccessRequest': SIGNED_IN,
  'enrollment.accessRequests': OWNER_ADMIN,
  'enrollment.accessRequests (draft)': DRAFT_HIDDEN,
  'enrollment.decideAccess': OWNER_ADMIN,
  'enrollment.decideAccess (draft)': DRAFT_HIDDEN,
};

const WHO: Who[] = ['anonymous', 'learner', 'another learner', 'owner', 'other instructor', 'admin'];

async function arrange(who: Who, options: Options): Promise<{ caller: Caller; arranged: Arranged }> {
  const owner = await createTestUser(services, 'instructor');
  const course = await seedCourse(services, owner, options.paid ? { fields: { price: 29 } } : {});
  const learner = await createTestUser(services, 'regular');
  let requestId = '';
  if (options.paid)
    requestId = (await requestAccess(scopeAt(services, learner, services.now()), course.courseId)).id;
  else await enroll(scopeAt(services, learner, services.now()), { courseId: course.courseId });
  if (options.draft)
    await createCaller(await contextFor(services, owner)).course.unpublish({ courseId: course.courseId });
  const ctx =
    who === 'owner'
      ? await contextFor(services, owner)
      : who === 'learner'
        ? await contextFor(services, learner)
        : await contextAs(
            services,
            who === 'other instructor' ? 'instructor' : who === 'another learner' ? 'regular' : who,
          );
  return { caller: createCaller(ctx), arranged: { course, learner, requestId } };
}

describe('enrollment authorization matrix', () => {
  it('covers every enrollment procedure', () => {
    const paths = Object.keys(appRouter._def.procedures).filter((path) => path.startsWith('enrollment.'));
    const covered = new Set(PROCEDURES.map(([name]) => name.split(' ')[0]));
    expect([...covered].sort()).toEqual(paths.sort());
  });

  it.each(
    PROCEDURES.flatMap(([name, call, options]) => WHO.map((who) => [name, who, call, options] as const)),
  )('%s as %s', async (name, who, call, options) => {
    const { caller, arranged } = await arrange(who, options ?? {});
    expect(await outcome(call(caller, arranged))).toBe(EXPECTED[name]?.[who]);
  });
});
