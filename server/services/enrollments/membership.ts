/** Joining and leaving courses (decision 0012). */
import { isBackendError } from '../../backend/errors';
import type { Backend } from '../../backend/port';
import { NO_SUCH_COURSE, requireCourse } from '../courses/records';
import { ServiceError } from '../errors';
import { findProfile } from '../identity/profiles';
import { canEnroll } from '../policy';
import type { SignedInScope } from '../scope';
import { findEnrollment, parseEnrollment, toEnrollment, type Enrollment } from './records';
import { deleteRowIfPresent } from '../rows';
import { ENROLLMENTS } from '../tables';

/** Until payments exist, a paid course is joined by asking its instructor (decision 0020). */
export const PAID_NOT_OPEN =
  'This is a paid course: request access on its page, and you are enrolled once the instructor approves.';
const NOT_ENROLLED = 'You are not enrolled in this course.';

/**
 * Enrolls `userId` (the actor unless an admin names someone else). Idempotent: the
 * unique (userId, courseId) index lets exactly one create win however many race; the
 * others read the winner's row and return it.
 */
export async function enroll(
  scope: SignedInScope,
  input: { courseId: string; userId?: string },
): Promise<Enrollment> {
  const { backend, actor } = scope;
  const now = scope.now();
  const { courseId } = input;
  const userId = input.userId ?? actor.id;
  const course = await requireCourse(backend, courseId);
  const access = await canEnroll(scope.access, userId, course);
  if (access === 'others_admin_only')
    throw new ServiceError('forbidden', 'Only an admin can enroll someone else.');
  if (userId !== actor.id && !(await findProfile(backend, userId))) {
    throw new ServiceError('not_found', 'There is no such user (they may have been deleted).');
  }
  // Already in: return the place they have, whatever happened to the course since.
  const existing = await findEnrollment(backend, userId, courseId);
  if (existing) return toEnrollment(existing);
  switch (access) {
    case 'not_found':
      throw new ServiceError('not_found', NO_SUCH_COURSE);
    case 'not_published':
      throw new ServiceError('bad_request', 'Publish this course before anyone can enroll in it.');
    case 'paid':
      throw new ServiceError('forbidden', PAID_NOT_OPEN);
    case 'ok':
      break;
  }
  return admitLearner(backend, userId, courseId, now);
}

/**
 * Creates the enrollment of `userId` in `courseId`, whoever decided it (`enroll` above, or
 * an instructor approving an access request — decision 0020). Callers check who may; this
 * only makes sure there is exactly one row however many calls race.
 */
export async function admitLearner(
  backend: Backend,
  userId: string,
  courseId: string,
  now: Date,
): Promise<Enrollment> {
  const stamp = now.toISOString();
  try {
    const row = await backend.tables.create({
      ...ENROLLMENTS,
      data: {
        userId,
        courseId,
        progress: 0,
        completedLessons: [],
        enrolledAt: stamp,
        completedAt: null,
        lastLessonId: null,
        lastActivityAt: null,
        revision: 0,
      },
    });
    return toEnrollment(parseEnrollment(row));
  } catch (error) {
    if (!isBackendError(error, 'conflict')) throw error;
    const winner = await findEnrollment(backend, userId, courseId);
    if (!winner) throw error;
    return toEnrollment(winner);
  }
}

/**
 * Deletes one enrollment; false when it was already gone. The course's numbers follow
 * from the delete event (server/jobs/enrollment-analytics.ts).
 */
export async function removeEnrollment(
  backend: Backend,
  enrollment: { $id: string; courseId: string },
): Promise<boolean> {
  // A second, simultaneous unenroll: only the first one counts.
  if (!(await deleteRowIfPresent(backend, ENROLLMENTS, enrollment.$id))) return false;
  return true;
}

/** Leaves the course; access to members-only lessons ends with this write. */
export async function unenroll(scope: SignedInScope, courseId: string): Promise<void> {
  const { backend, actor } = scope;
  const enrollment = await findEnrollment(backend, actor.id, courseId);
  if (!enrollment || !(await removeEnrollment(backend, enrollment))) {
    throw new ServiceError('not_found', NOT_ENROLLED);
  }
}

export async function getEnrollment(scope: SignedInScope, courseId: string): Promise<Enrollment | null> {
  const { backend, actor } = scope;
  const enrollment = await findEnrollment(backend, actor.id, courseId);
  return enrollment ? toEnrollment(enrollment) : null;
}
