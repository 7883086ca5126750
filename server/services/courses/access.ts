/** Loading a course for someone who wants to change it: the policy decides, in one place. */
import type { AuthUser, Backend } from '../../backend/port';
import { ServiceError } from '../errors';
import { canEditCourse, canSeeCourse } from '../policy';
import { findCourse, NO_SUCH_COURSE, type CourseRecord } from './records';

export const NOT_YOURS = 'Only the instructor of this course or an admin can change it.';

/** A draft the actor may not see is NOT_FOUND (never revealed); a published course of someone else is FORBIDDEN. */
export async function requireEditableCourse(
  backend: Backend,
  actor: AuthUser | null,
  courseId: string,
): Promise<CourseRecord> {
  return editableOrRefused(actor, await findCourse(backend, courseId));
}

/** The same decision on a course already read (with its lesson, say). */
export function editableOrRefused(actor: AuthUser | null, course: CourseRecord | null): CourseRecord {
  if (!course || !canSeeCourse(actor, course)) throw new ServiceError('not_found', NO_SUCH_COURSE);
  if (!canEditCourse(actor, course)) throw new ServiceError('forbidden', NOT_YOURS);
  return course;
}
