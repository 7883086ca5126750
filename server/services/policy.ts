/**
 * Who may do what with a particular record. Role gates (signed in, instructor, admin)
 * are the base procedures in server/trpc/init.ts; everything that depends on the
 * record itself is decided here, once, and procedures ask.
 */
import type { AuthUser } from '../backend/port';

/** Personal API tokens are their owner's alone — not even an admin may use or revoke another's. */
export function mayUseApiToken(viewer: Pick<AuthUser, 'id'>, token: { userId: string }): boolean {
  return viewer.id === token.userId;
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

type Viewer = Pick<AuthUser, 'id' | 'role'> | null;
interface CourseFacts {
  instructor: string;
  isPublished: boolean;
}

/** A course is changed by its instructor or an admin, nobody else. */
export function canEditCourse(viewer: Viewer, course: Pick<CourseFacts, 'instructor'>): boolean {
  return viewer !== null && (viewer.role === 'admin' || viewer.id === course.instructor);
}

/** Published courses are for everyone; a draft exists only for those who may edit it. */
export function canSeeCourse(viewer: Viewer, course: CourseFacts): boolean {
  return course.isPublished || canEditCourse(viewer, course);
}

/**
 * Whether `viewer` may open a lesson (its page, content and attachments):
 * - `ok`: the owner or an admin; a learner enrolled in the course — also after it was
 *   unpublished, since unpublishing keeps enrollments (decision 0012); anyone for a
 *   preview lesson of a published course;
 * - `not_found`: the course is a draft the viewer may not see (its existence stays secret);
 * - `sign_in`: an anonymous visitor asking for a members-only lesson;
 * - `enroll`: a signed-in person who is not (yet) allowed in.
 */
export type LessonAccess = 'ok' | 'not_found' | 'sign_in' | 'enroll';

export function canReadLesson(
  viewer: Viewer,
  course: CourseFacts,
  lesson: { isPreview: boolean },
  enrolled: boolean,
): LessonAccess {
  if (canEditCourse(viewer, course)) return 'ok';
  if (viewer && enrolled) return 'ok';
  if (!course.isPublished) return 'not_found';
  if (lesson.isPreview) return 'ok';
  return viewer ? 'enroll' : 'sign_in';
}

/**
 * Whether `actor` may enroll `userId` (themselves or, for an admin, anyone) in a course
 * nobody is enrolled in yet:
 * - `others_admin_only`: enrolling someone else is an admin's job;
 * - `not_found`: a draft the actor may not see;
 * - `not_published`: a draft the actor can see (its owner or an admin) — nobody joins a draft;
 * - `paid`: paid enrollment is not open yet; only an admin can enroll people in it.
 */
export type EnrollAccess = 'ok' | 'others_admin_only' | 'not_found' | 'not_published' | 'paid';

export function canEnroll(
  actor: Pick<AuthUser, 'id' | 'role'>,
  userId: string,
  course: CourseFacts & { price: number },
): EnrollAccess {
  if (userId !== actor.id && actor.role !== 'admin') return 'others_admin_only';
  if (!course.isPublished) return canSeeCourse(actor, course) ? 'not_published' : 'not_found';
  if (course.price > 0 && actor.role !== 'admin') return 'paid';
  return 'ok';
}

/** A course's roster (names, emails, progress) is for its instructor and admins. */
export const canSeeStudents = canEditCourse;

/**
 * Whether `viewer` may be given a lesson's video (DESIGN §6): whoever may read the
 * lesson, and a learner only while the course is published — its editors also watch
 * drafts. A visitor (null: nobody signed in) watches the preview lessons of published
 * courses only; their grant is bound to a visitor cookie instead of an account
 * (decision 0013, "Visitors").
 * - `not_published`: an enrolled learner of a course taken off the catalog.
 */
export type VideoAccess = LessonAccess | 'not_published';

export function canWatchVideo(
  viewer: Viewer,
  course: CourseFacts,
  lesson: { isPreview: boolean },
  enrolled: boolean,
): VideoAccess {
  const reading = canReadLesson(viewer, course, lesson, enrolled);
  if (reading !== 'ok') return reading;
  if (!viewer) return course.isPublished && lesson.isPreview ? 'ok' : 'sign_in';
  if (!course.isPublished && !canEditCourse(viewer, course)) return 'not_published';
  return 'ok';
}

/**
 * Whether `actor` may ask to join a paid course (decision 0020: until payments exist,
 * the instructor lets learners in):
 * - `not_found` / `not_published`: as for `canEnroll`;
 * - `free`: nothing to ask — enroll;
 * - `teaches`: the course's instructor (or an admin, who enrolls directly) needs no permission.
 */
export type AccessRequestAccess = 'ok' | 'not_found' | 'not_published' | 'free' | 'teaches';

export function canRequestAccess(
  actor: Pick<AuthUser, 'id' | 'role'>,
  course: CourseFacts & { price: number },
): AccessRequestAccess {
  if (!course.isPublished) return canSeeCourse(actor, course) ? 'not_published' : 'not_found';
  if (canEditCourse(actor, course)) return 'teaches';
  if (course.price <= 0) return 'free';
  return 'ok';
}

/** Access requests are answered by those who see the course's students: its instructor and admins. */
export const canDecideAccess = canSeeStudents;
