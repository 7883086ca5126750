/**
 * Who may do what with a particular record, decided against permissions (issue 15,
 * docs/decisions/0039): the viewer's `Access` comes from the resolver
 * (server/services/permissions/), organization-wide gates are tRPC's
 * `permissionProcedure`, and everything that depends on the record is decided here, once,
 * and services ask. Nothing here looks at a role.
 *
 * Which permission each rule asks for:
 * - changing a course or its lessons, and seeing it while it is a draft: `courses.modify`;
 * - publishing and unpublishing: `courses.publish`; deleting: `courses.delete`;
 * - a course's roster: `students.view`, or `students.grade` (a grader sees whom they grade);
 * - answering requests to join a paid course: `students.view` too — whoever tends the
 *   roster decides who joins it (an author and an admin, as before);
 * - enrolling someone else, or anyone in a paid course, and revoking someone else's video
 *   tokens: `users.manage`, organization-wide (an admin's job, as before);
 * - which team a course belongs to: `courses.modify` on it and membership (any role) of
 *   the team it goes to, or `users.manage` — nobody hands a course to a team they are not in;
 * - review before publishing (decision 0040): a draft in review is read, never changed, by
 *   those holding `content.review` or `content.approve` on it; they send it back with a comment, and those
 *   holding `content.approve` publish it — and publish without review where it applies.
 *   Nobody reviews their own course.
 */
import type { AuthUser } from '../backend/port';
import type { ReviewStatus } from '../../shared/fields/limits';
import { can, holds, type Access, type CourseFacts as ResolverCourseFacts } from './permissions/access';

/** Personal API tokens are their owner's alone — not even an admin may use or revoke another's. */
export function mayUseApiToken(viewer: Pick<AuthUser, 'id'>, token: { userId: string }): boolean {
  return viewer.id === token.userId;
}

/** Video tokens are revoked by their holder, or by whoever manages people (an admin). */
export function mayRevokeVideoTokensOf(access: Access, userId: string): boolean {
  return userId === access.userId || holds(access, 'users.manage');
}

/**
 * Who takes over a deleted user's courses: the admin who deleted them, or — when an
 * admin deletes their own account — another admin, so courses never lose an owner.
 */
export function courseHeirFor(
  deleted: Pick<AuthUser, 'id'>,
  actor: Pick<AuthUser, 'id'>,
  otherAdminId: string | null,
): string | null {
  return actor.id !== deleted.id ? actor.id : otherAdminId;
}

interface CourseFacts extends ResolverCourseFacts {
  isPublished: boolean;
  reviewStatus: ReviewStatus | null;
}

/** A course is changed by those holding `courses.modify` on it: its instructor, an admin, its team. */
export function canEditCourse(access: Access, course: ResolverCourseFacts): Promise<boolean> {
  return can(access, 'courses.modify', course);
}

/** Publishing and unpublishing a course: `courses.publish` on it. */
export function canPublishCourse(access: Access, course: ResolverCourseFacts): Promise<boolean> {
  return can(access, 'courses.publish', course);
}

/** Deleting a course: `courses.delete` on it. */
export function canDeleteCourse(access: Access, course: ResolverCourseFacts): Promise<boolean> {
  return can(access, 'courses.delete', course);
}

/** Reviewing a course submitted for review: sending it back with a comment. */
export function mayReviewCourse(access: Access, course: ResolverCourseFacts): Promise<boolean> {
  return can(access, 'content.review', course);
}

/** Approving a course in review, which publishes it; and publishing one where review applies, without it. */
export function mayApproveCourse(access: Access, course: ResolverCourseFacts): Promise<boolean> {
  return can(access, 'content.approve', course);
}

/** Reviewers judge other people's work: an author's own course goes to someone else. */
export function isOwnCourse(access: Access, course: ResolverCourseFacts): boolean {
  return access.userId === course.instructor;
}

/** Everything in a course, draft or not: its editors, and its reviewers and approvers while it is in review. */
async function readsWholeCourse(access: Access, course: CourseFacts): Promise<boolean> {
  if (await canEditCourse(access, course)) return true;
  if (course.reviewStatus !== 'in_review') return false;
  return (await mayReviewCourse(access, course)) || (await mayApproveCourse(access, course));
}

/** Published courses are for everyone; a draft exists only for its editors (and its reviewers while in review). */
export async function canSeeCourse(access: Access, course: CourseFacts): Promise<boolean> {
  return course.isPublished || (await readsWholeCourse(access, course));
}

/**
 * Whether the viewer may open a lesson (its page, content and attachments):
 * - `ok`: the course's editors; a learner enrolled in the course — also after it was
 *   unpublished, since unpublishing keeps enrollments (decision 0012); anyone for a
 *   preview lesson of a published course;
 * - `not_found`: the course is a draft the viewer may not see (its existence stays secret);
 * - `sign_in`: an anonymous visitor asking for a members-only lesson;
 * - `enroll`: a signed-in person who is not (yet) allowed in.
 */
export type LessonAccess = 'ok' | 'not_found' | 'sign_in' | 'enroll';

export async function canReadLesson(
  access: Access,
  course: CourseFacts,
  lesson: { isPreview: boolean },
  enrolled: boolean,
): Promise<LessonAccess> {
  if (await readsWholeCourse(access, course)) return 'ok';
  const signedIn = access.userId !== null;
  if (signedIn && enrolled) return 'ok';
  if (!course.isPublished) return 'not_found';
  if (lesson.isPreview) return 'ok';
  return signedIn ? 'enroll' : 'sign_in';
}

/**
 * Whether the actor may enroll `userId` (themselves or, holding `users.manage`, anyone)
 * in a course nobody is enrolled in yet:
 * - `others_admin_only`: enrolling someone else is an admin's job;
 * - `not_found`: a draft the actor may not see;
 * - `not_published`: a draft the actor can see (its editors) — nobody joins a draft;
 * - `paid`: paid enrollment is not open yet; only an admin can enroll people in it.
 */
export type EnrollAccess = 'ok' | 'others_admin_only' | 'not_found' | 'not_published' | 'paid';

/** Enrolling other people (and anyone in a paid course) is for those who manage people. */
export function mayEnrollOthers(access: Access): boolean {
  return holds(access, 'users.manage');
}

export async function canEnroll(
  access: Access,
  userId: string,
  course: CourseFacts & { price: number },
): Promise<EnrollAccess> {
  const managesPeople = mayEnrollOthers(access);
  if (userId !== access.userId && !managesPeople) return 'others_admin_only';
  if (!course.isPublished) return (await canSeeCourse(access, course)) ? 'not_published' : 'not_found';
  if (course.price > 0 && !managesPeople) return 'paid';
  return 'ok';
}

/**
 * A course's roster (names, emails, progress): `students.view` on it, or `students.grade`
 * — whoever grades a course's students has to see who they are (issue 15: a team with
 * `courses.modify` and `students.grade` "sees its students"). The team's grants are read
 * once per request, so asking twice costs no backend call.
 */
export async function canSeeStudents(access: Access, course: ResolverCourseFacts): Promise<boolean> {
  return (await can(access, 'students.view', course)) || can(access, 'students.grade', course);
}

/**
 * Whether the viewer may be given a lesson's video (DESIGN §6): whoever may read the
 * lesson, and a learner only while the course is published — its editors also watch
 * drafts. A visitor watches the preview lessons of published courses only; their grant
 * is bound to a visitor cookie instead of an account (decision 0013, "Visitors").
 * - `not_published`: an enrolled learner of a course taken off the catalog.
 */
export type VideoAccess = LessonAccess | 'not_published';

export async function canWatchVideo(
  access: Access,
  course: CourseFacts,
  lesson: { isPreview: boolean },
  enrolled: boolean,
): Promise<VideoAccess> {
  const reading = await canReadLesson(access, course, lesson, enrolled);
  if (reading !== 'ok') return reading;
  if (access.userId === null) return course.isPublished && lesson.isPreview ? 'ok' : 'sign_in';
  if (!course.isPublished && !(await readsWholeCourse(access, course))) return 'not_published';
  return 'ok';
}

/**
 * Whether the actor may ask to join a paid course (decision 0020: until payments exist,
 * the instructor lets learners in):
 * - `not_found` / `not_published`: as for `canEnroll`;
 * - `free`: nothing to ask — enroll;
 * - `teaches`: the course's editors (an admin enrolls directly) need no permission.
 */
export type AccessRequestAccess = 'ok' | 'not_found' | 'not_published' | 'free' | 'teaches';

export async function canRequestAccess(
  access: Access,
  course: CourseFacts & { price: number },
): Promise<AccessRequestAccess> {
  if (!course.isPublished) return (await canSeeCourse(access, course)) ? 'not_published' : 'not_found';
  if (await canEditCourse(access, course)) return 'teaches';
  if (course.price <= 0) return 'free';
  return 'ok';
}

/** Access requests are answered by those who tend the course's roster (`students.view`); see the header. */
export function canDecideAccess(access: Access, course: ResolverCourseFacts): Promise<boolean> {
  return can(access, 'students.view', course);
}

/** Who may change which team a course belongs to (the target team is checked apart: `mayGiveCourseToTeam`). */
export async function mayChangeCourseTeam(access: Access, course: ResolverCourseFacts): Promise<boolean> {
  return holds(access, 'users.manage') || (await canEditCourse(access, course));
}

/** Giving a course to a team: its members, or whoever manages people; taking it out of one needs no membership. */
export function mayGiveCourseToTeam(access: Access, target: { inTeam: boolean } | null): boolean {
  return target === null || target.inTeam || holds(access, 'users.manage');
}
