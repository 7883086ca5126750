/**
 * The policy's rules against permissions, for today's three roles and for what the
 * teams port will add: a member of a course's team acting with the team's permissions.
 * The routers' authorization matrices cover the same rules through real procedures.
 */
import { describe, expect, it } from 'vitest';
import type { Permission } from '../../shared/permissions';
import type { AuthUser, Role } from '../backend/port';
import { resolveAccess, type TeamGrants } from './permissions/access';
import {
  canDecideAccess,
  canDeleteCourse,
  canEditCourse,
  canEnroll,
  canPublishCourse,
  canReadLesson,
  canSeeCourse,
  canSeeStudents,
  canWatchVideo,
  mayApproveCourse,
  mayChangeCourseTeam,
  mayGiveCourseToTeam,
  mayReviewCourse,
  mayRevokeVideoTokensOf,
} from './policy';

function person(id: string, role: Role): AuthUser {
  return {
    id,
    email: `${id}@school.test`,
    name: id,
    role,
    orgRole: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

const draft = { instructor: 'maya', teamId: 'biology', isPublished: false, reviewStatus: null, price: 0 };
const biology: TeamGrants = (teamId) =>
  Promise.resolve(new Set<Permission>(teamId === 'biology' ? ['courses.modify', 'students.view'] : []));

const WHO = {
  visitor: resolveAccess(null),
  learner: resolveAccess(person('ada', 'regular')),
  author: resolveAccess(person('maya', 'instructor')),
  'other instructor': resolveAccess(person('sam', 'instructor')),
  'team member': resolveAccess(person('sam', 'instructor'), biology),
  admin: resolveAccess(person('alex', 'admin')),
};
type Who = keyof typeof WHO;

describe('course rules', () => {
  it.each<[Who, { edit: boolean; publish: boolean; remove: boolean; students: boolean }]>([
    ['visitor', { edit: false, publish: false, remove: false, students: false }],
    ['learner', { edit: false, publish: false, remove: false, students: false }],
    ['author', { edit: true, publish: true, remove: true, students: true }],
    ['other instructor', { edit: false, publish: false, remove: false, students: false }],
    ['team member', { edit: true, publish: false, remove: false, students: true }],
    ['admin', { edit: true, publish: true, remove: true, students: true }],
  ])('%s on a team draft', async (who, expected) => {
    const access = WHO[who];
    expect({
      edit: await canEditCourse(access, draft),
      publish: await canPublishCourse(access, draft),
      remove: await canDeleteCourse(access, draft),
      students: await canSeeStudents(access, draft),
    }).toEqual(expected);
    // Drafts are seen by their editors; access requests answered by who sees the roster.
    expect(await canSeeCourse(access, draft)).toBe(expected.edit);
    expect(await canDecideAccess(access, draft)).toBe(expected.students);
  });

  it('shows the roster to a team that grades but was not given students.view, and only the roster', async () => {
    const graders: TeamGrants = (teamId) =>
      Promise.resolve(new Set<Permission>(teamId === 'biology' ? ['courses.modify', 'students.grade'] : []));
    const grader = resolveAccess(person('sam', 'instructor'), graders);
    expect(await canSeeStudents(grader, draft)).toBe(true);
    expect(await canSeeStudents(grader, { ...draft, teamId: 'chemistry' })).toBe(false);
    // Deciding who joins stays with students.view.
    expect(await canDecideAccess(grader, draft)).toBe(false);
  });

  it('opens a draft’s lessons to its editors only, and keeps it secret from everyone else', async () => {
    const lesson = { isPreview: true };
    expect(await canReadLesson(WHO['team member'], draft, lesson, false)).toBe('ok');
    expect(await canReadLesson(WHO['other instructor'], draft, lesson, false)).toBe('not_found');
    expect(await canReadLesson(WHO.visitor, draft, lesson, false)).toBe('not_found');
  });
});

describe('review before publishing', () => {
  const moderator = resolveAccess({ ...person('mo', 'regular'), orgRole: 'moderator' });
  const inReview = { ...draft, reviewStatus: 'in_review' as const };
  const sentBack = { ...draft, reviewStatus: 'changes_requested' as const };
  const lesson = { isPreview: false };

  it('lets reviewers read a draft while it is in review, and never change it', async () => {
    expect(await canSeeCourse(moderator, inReview)).toBe(true);
    expect(await canReadLesson(moderator, inReview, lesson, false)).toBe('ok');
    expect(await canWatchVideo(moderator, inReview, lesson, false)).toBe('ok');
    expect(await canEditCourse(moderator, inReview)).toBe(false);
    expect(await canPublishCourse(moderator, inReview)).toBe(false);
  });

  it('keeps a draft not in review secret from reviewers, and one in review from everyone else', async () => {
    expect(await canSeeCourse(moderator, draft)).toBe(false);
    expect(await canSeeCourse(moderator, sentBack)).toBe(false);
    expect(await canReadLesson(moderator, sentBack, lesson, false)).toBe('not_found');
    expect(await canSeeCourse(WHO['other instructor'], inReview)).toBe(false);
    expect(await canSeeCourse(WHO.learner, inReview)).toBe(false);
  });

  it('gives reviewing and approving to content.review and content.approve holders, not to authors', async () => {
    expect(await mayReviewCourse(moderator, inReview)).toBe(true);
    expect(await mayApproveCourse(moderator, inReview)).toBe(true);
    expect(await mayReviewCourse(WHO.author, inReview)).toBe(false);
    expect(await mayApproveCourse(WHO.author, inReview)).toBe(false);
    expect(await mayApproveCourse(WHO.admin, inReview)).toBe(true);
  });
});

describe('enrolling and tokens', () => {
  const published = { ...draft, isPublished: true };

  it('lets only those who manage people enroll someone else or into a paid course', async () => {
    expect(await canEnroll(WHO.learner, 'ada', published)).toBe('ok');
    expect(await canEnroll(WHO.learner, 'grace', published)).toBe('others_admin_only');
    expect(await canEnroll(WHO['team member'], 'grace', published)).toBe('others_admin_only');
    expect(await canEnroll(WHO.admin, 'grace', published)).toBe('ok');
    expect(await canEnroll(WHO.learner, 'ada', { ...published, price: 20 })).toBe('paid');
    expect(await canEnroll(WHO.admin, 'grace', { ...published, price: 20 })).toBe('ok');
    expect(await canEnroll(WHO['team member'], 'sam', draft)).toBe('not_published');
    expect(await canEnroll(WHO.learner, 'ada', draft)).toBe('not_found');
  });

  it('lets people revoke their own video tokens, and admins anyone’s', () => {
    expect(mayRevokeVideoTokensOf(WHO.learner, 'ada')).toBe(true);
    expect(mayRevokeVideoTokensOf(WHO.learner, 'grace')).toBe(false);
    expect(mayRevokeVideoTokensOf(WHO.author, 'ada')).toBe(false);
    expect(mayRevokeVideoTokensOf(WHO.admin, 'ada')).toBe(true);
  });
});

describe("a course's team", () => {
  it('is changed by its editors, and by whoever manages people', async () => {
    expect(await mayChangeCourseTeam(WHO.author, draft)).toBe(true);
    expect(await mayChangeCourseTeam(WHO['team member'], draft)).toBe(true);
    expect(await mayChangeCourseTeam(WHO.admin, draft)).toBe(true);
    expect(await mayChangeCourseTeam(WHO['other instructor'], draft)).toBe(false);
    expect(await mayChangeCourseTeam(WHO.learner, draft)).toBe(false);
  });

  it('goes only to a team the editor is in, unless they manage people; leaving a team needs no membership', () => {
    expect(mayGiveCourseToTeam(WHO.author, { inTeam: true })).toBe(true);
    expect(mayGiveCourseToTeam(WHO.author, { inTeam: false })).toBe(false);
    expect(mayGiveCourseToTeam(WHO.admin, { inTeam: false })).toBe(true);
    expect(mayGiveCourseToTeam(WHO.author, null)).toBe(true);
  });
});
