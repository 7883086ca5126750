/**
 * Who may call what: every `course` and `lesson` procedure as a visitor, a learner, the
 * course's instructor, another instructor, an admin, and learners in the course's team
 * with and without `courses.modify`. Each call gets a fresh course
 * (published, with a preview lesson and a members-only lesson holding an attachment)
 * owned by the "owner" — so a refusal can only come from authorization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseFields, pdfUpload, seedCourse, type SeededCourse } from '../../../tests/helpers/courses';
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
import type { Permission } from '../../../shared/permissions';
import { enroll } from '../../services/enrollments/membership';
import { COURSES } from '../../services/tables';
import type { Context } from '../context';
import { appRouter, createCaller, type Caller } from '../root';

type BaseWho = 'anonymous' | 'regular' | 'owner' | 'other instructor' | 'admin';
/**
 * Learners by base role, in the team the course belongs to: the team grants
 * `courses.modify` and `students.view` (editor) or `students.view` only (reader).
 */
type TeamWho = 'team editor' | 'team reader';
type Who = BaseWho | TeamWho;
type Call = (caller: Caller, course: SeededCourse) => Promise<unknown>;

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => {
  await services.cleanup();
});

/**
 * `enrolled`: the regular user is enrolled in the course (before it is made a draft, for
 * `draft`); `inReview`: the draft is waiting for review (decision 0040).
 */
const PROCEDURES: [string, Call, { draft?: boolean; enrolled?: boolean; inReview?: boolean }?][] = [
  ['course.list', (caller) => caller.course.list()],
  ['course.categories', (caller) => caller.course.categories()],
  ['course.get', (caller, c) => caller.course.get({ courseId: c.courseId })],
  ['course.get (draft)', (caller, c) => caller.course.get({ courseId: c.courseId }), { draft: true }],
  ['course.mine', (caller) => caller.course.mine()],
  ['course.listAll', (caller) => caller.course.listAll({ search: 'course', status: 'draft' })],
  ['course.create', (caller) => caller.course.create(courseFields())],
  ['course.update', (caller, c) => caller.course.update({ courseId: c.courseId, title: 'Renamed' })],
  [
    'course.update (draft)',
    (caller, c) => caller.course.update({ courseId: c.courseId, price: 5 }),
    { draft: true },
  ],
  ['course.delete', (caller, c) => caller.course.delete({ courseId: c.courseId })],
  ['course.publish', (caller, c) => caller.course.publish({ courseId: c.courseId }), { draft: true }],
  ['course.unpublish', (caller, c) => caller.course.unpublish({ courseId: c.courseId })],
  ['course.teamChoices', (caller, c) => caller.course.teamChoices({ courseId: c.courseId })],
  [
    'course.teamChoices (draft)',
    (caller, c) => caller.course.teamChoices({ courseId: c.courseId }),
    { draft: true },
  ],
  // Out of no team into none: the answer can only be authorization (teams: course-team.test.ts).
  ['course.setTeam', (caller, c) => caller.course.setTeam({ courseId: c.courseId, teamId: null })],
  [
    'course.setTeam (draft)',
    (caller, c) => caller.course.setTeam({ courseId: c.courseId, teamId: null }),
    { draft: true },
  ],
  [
    'course.submitForReview',
    (caller, c) => caller.course.submitForReview({ courseId: c.courseId }),
    { draft: true },
  ],
  [
    'course.review',
    (caller, c) =>
      caller.course.review({ courseId: c.courseId, decision: 'changes', comment: 'More examples.' }),
    { draft: true, inReview: true },
  ],
  ['course.reviewQueue', (caller) => caller.course.reviewQueue()],
  ['course.reviewState', (caller, c) => caller.course.reviewState({ courseId: c.courseId })],
  [
    'course.reviewState (draft)',
    (caller, c) => caller.course.reviewState({ courseId: c.courseId }),
    { draft: true },
  ],
  ['lesson.get', (caller, c) => caller.lesson.get({ lessonId: c.lessonId })],
  ['lesson.get (enrolled)', (caller, c) => caller.lesson.get({ lessonId: c.lessonId }), { enrolled: true }],
  [
    'lesson.get (enrolled, unpublished since)',
    (caller, c) => caller.lesson.get({ lessonId: c.lessonId }),
    { enrolled: true, draft: true },
  ],
  ['lesson.get (preview)', (caller, c) => caller.lesson.get({ lessonId: c.previewLessonId })],
  [
    'lesson.get (preview of a draft)',
    (caller, c) => caller.lesson.get({ lessonId: c.previewLessonId }),
    { draft: true },
  ],
  [
    'lesson.create',
    (caller, c) => caller.lesson.create({ courseId: c.courseId, title: 'More', isPreview: false }),
  ],
  ['lesson.update', (caller, c) => caller.lesson.update({ lessonId: c.lessonId, title: 'Renamed' })],
  ['lesson.delete', (caller, c) => caller.lesson.delete({ lessonId: c.lessonId })],
  [
    'lesson.reorder',
    (caller, c) =>
      caller.lesson.reorder({ courseId: c.courseId, lessonIds: [c.lessonId, c.previewLessonId] }),
  ],
  [
    'lesson.addAttachment',
    (caller, c) => caller.lesson.addAttachment({ lessonId: c.lessonId, file: pdfUpload() }),
  ],
  [
    'lesson.replaceAttachment',
    (caller, c) =>
      caller.lesson.replaceAttachment({
        lessonId: c.lessonId,
        attachmentId: c.attachmentId,
        file: pdfUpload(),
      }),
  ],
  [
    'lesson.removeAttachment',
    (caller, c) => caller.lesson.removeAttachment({ lessonId: c.lessonId, attachmentId: c.attachmentId }),
  ],
  [
    'lesson.attachmentHistory',
    (caller, c) => caller.lesson.attachmentHistory({ lessonId: c.lessonId, attachmentId: c.attachmentId }),
  ],
  ['lesson.previewContent', (caller) => caller.lesson.previewContent({ content: '<p>Hello</p>' })],
];

const ANYONE = { anonymous: 'ok', regular: 'ok', owner: 'ok', 'other instructor': 'ok', admin: 'ok' };
const INSTRUCTORS = {
  anonymous: 'UNAUTHORIZED',
  regular: 'FORBIDDEN',
  owner: 'ok',
  'other instructor': 'ok',
  admin: 'ok',
};
const OWNER_ADMIN = {
  anonymous: 'UNAUTHORIZED',
  regular: 'FORBIDDEN',
  owner: 'ok',
  'other instructor': 'FORBIDDEN',
  admin: 'ok',
};
/** A draft is not revealed to those who may not see it. */
const DRAFT = {
  anonymous: 'NOT_FOUND',
  regular: 'NOT_FOUND',
  owner: 'ok',
  'other instructor': 'NOT_FOUND',
  admin: 'ok',
};
/** Changing a draft: signing in comes first, then the draft stays hidden from all who may not edit it. */
const DRAFT_EDIT = { ...DRAFT, anonymous: 'UNAUTHORIZED' };
/** Anyone signed in: what the procedure touches decides, not the role. */
const SIGNED_IN = { ...ANYONE, anonymous: 'UNAUTHORIZED' };

const EXPECTED: Record<string, Record<BaseWho, string>> = {
  'course.list': ANYONE,
  'course.categories': ANYONE,
  'course.get': ANYONE,
  'course.get (draft)': DRAFT,
  'course.mine': INSTRUCTORS,
  // Every course, drafts of others included: admins only, owners of some course too are refused.
  'course.listAll': { ...OWNER_ADMIN, owner: 'FORBIDDEN' },
  'course.create': INSTRUCTORS,
  'course.update': OWNER_ADMIN,
  'course.update (draft)': DRAFT_EDIT,
  'course.delete': OWNER_ADMIN,
  'course.publish': DRAFT_EDIT,
  'course.unpublish': OWNER_ADMIN,
  'course.setTeam': OWNER_ADMIN,
  'course.teamChoices': OWNER_ADMIN,
  'course.teamChoices (draft)': DRAFT_EDIT,
  'course.setTeam (draft)': DRAFT_EDIT,
  // Review is off here: an author may still ask for one (decision 0040).
  'course.submitForReview': DRAFT_EDIT,
  // content.review: admins; the author may not review, and nobody else sees the draft.
  'course.review': { ...DRAFT_EDIT, owner: 'FORBIDDEN' },
  'course.reviewQueue': { ...OWNER_ADMIN, owner: 'FORBIDDEN' },
  'course.reviewState': OWNER_ADMIN,
  'course.reviewState (draft)': DRAFT_EDIT,
  // Members-only lessons: the owner, admins and enrolled learners (the regular user here is not enrolled).
  'lesson.get': { ...OWNER_ADMIN, anonymous: 'UNAUTHORIZED', regular: 'FORBIDDEN' },
  'lesson.get (enrolled)': { ...OWNER_ADMIN, regular: 'ok' },
  // Unpublishing keeps enrollments, and with them access (decision 0012); the draft stays hidden from others.
  'lesson.get (enrolled, unpublished since)': { ...DRAFT, regular: 'ok' },
  'lesson.get (preview)': ANYONE,
  'lesson.get (preview of a draft)': DRAFT,
  'lesson.create': OWNER_ADMIN,
  'lesson.update': OWNER_ADMIN,
  'lesson.delete': OWNER_ADMIN,
  'lesson.reorder': OWNER_ADMIN,
  'lesson.addAttachment': OWNER_ADMIN,
  'lesson.replaceAttachment': OWNER_ADMIN,
  'lesson.removeAttachment': OWNER_ADMIN,
  'lesson.attachmentHistory': OWNER_ADMIN,
  // Sanitizing touches no course: a team member who is not an instructor previews too.
  'lesson.previewContent': SIGNED_IN,
};

/** What only the author, or someone holding it organization-wide, does: this team grants none of it. */
const BEYOND_THE_TEAM = new Set([
  'course.mine',
  'course.listAll',
  'course.create',
  'course.delete',
  'course.publish',
  'course.unpublish',
  'course.submitForReview',
  'course.review',
  'course.reviewQueue',
]);

/**
 * The team editor is answered as the owner but for what the team does not grant; the
 * team reader as another instructor (outsiders to the course's content), who is not one.
 */
function expected(name: string, who: Who): string | undefined {
  const row = EXPECTED[name];
  if (!row) return undefined;
  if (who === 'team editor') return BEYOND_THE_TEAM.has(name) ? 'FORBIDDEN' : row.owner;
  if (who === 'team reader')
    return name === 'course.mine' || name === 'course.create' ? 'FORBIDDEN' : row['other instructor'];
  return row[who];
}

const WHO: Who[] = [
  'anonymous',
  'regular',
  'owner',
  'other instructor',
  'admin',
  'team editor',
  'team reader',
];

let teams = 0;
/** A learner in a team of `permissions` that the course is given to. */
async function teamMemberOf(course: SeededCourse, permissions: Permission[]): Promise<AuthUser> {
  const team = await services.backend.teams.create({ name: `Team ${++teams}`, description: '', permissions });
  const member = await createTestUser(services, 'regular');
  await services.backend.teams.addMember({ teamId: team.id, userId: member.id, role: 'member' });
  await services.backend.tables.update({ ...COURSES, rowId: course.courseId, data: { teamId: team.id } });
  return member;
}

async function arrange(
  who: Who,
  draft: boolean,
  enrolled: boolean,
): Promise<{ ctx: Context; course: SeededCourse }> {
  if (who === 'regular' && enrolled) {
    const owner = await createTestUser(services, 'instructor');
    const course = await seedCourse(services, owner);
    const learner = await createTestUser(services, 'regular');
    await enroll(scopeAt(services, learner, services.now()), { courseId: course.courseId });
    if (draft)
      await createCaller(await contextFor(services, owner)).course.unpublish({ courseId: course.courseId });
    return { ctx: await contextFor(services, learner), course };
  }
  if (who === 'owner') {
    const owner = await createTestUser(services, 'instructor');
    return {
      ctx: await contextFor(services, owner),
      course: await seedCourse(services, owner, { published: !draft }),
    };
  }
  const owner = await createTestUser(services, 'instructor');
  const course = await seedCourse(services, owner, { published: !draft });
  if (who === 'team editor' || who === 'team reader') {
    const grants: Permission[] =
      who === 'team editor' ? ['courses.modify', 'students.view'] : ['students.view'];
    return { ctx: await contextFor(services, await teamMemberOf(course, grants)), course };
  }
  const role = who === 'other instructor' ? 'instructor' : who;
  return { ctx: await contextAs(services, role), course };
}

describe('course and lesson authorization matrix', () => {
  it('covers every course and lesson procedure (the lesson video ones are in video-authorization.test.ts)', () => {
    const paths = Object.keys(appRouter._def.procedures).filter(
      (path) => /^(course|lesson)\./.test(path) && !/^lesson\.\w*Video/.test(path),
    );
    const covered = new Set(PROCEDURES.map(([name]) => name.split(' ')[0]));
    expect([...covered].sort()).toEqual(paths.sort());
  });

  it.each(
    PROCEDURES.flatMap(([name, call, options]) => WHO.map((who) => [name, who, call, options] as const)),
  )('%s as %s', async (name, who, call, options) => {
    const { ctx, course } = await arrange(who, options?.draft ?? false, options?.enrolled ?? false);
    if (options?.inReview)
      await services.backend.tables.update({
        ...COURSES,
        rowId: course.courseId,
        data: { reviewStatus: 'in_review', reviewRequestedAt: services.now().toISOString() },
      });
    expect(await outcome(call(createCaller(ctx), course))).toBe(expected(name, who));
  });
});
