/** Loading a course for someone who wants to change it: the policy decides, in one place. */
import type { Backend } from '../../backend/port';
import { ServiceError } from '../errors';
import type { Access } from '../permissions/access';
import { canDeleteCourse, canEditCourse, canPublishCourse, canSeeCourse } from '../policy';
import { findCourse, NO_SUCH_COURSE, type CourseRecord } from './records';

export const NOT_YOURS = 'Only the instructor of this course or an admin can change it.';

/** What someone means to do with a course; each is its own rule (policy.ts). */
export type CourseChange = 'modify' | 'publish' | 'delete';

const MAY: Record<CourseChange, (access: Access, course: CourseRecord) => Promise<boolean>> = {
  modify: canEditCourse,
  publish: canPublishCourse,
  delete: canDeleteCourse,
};

/** A draft the actor may not see is NOT_FOUND (never revealed); a published course of someone else is FORBIDDEN. */
export async function requireEditableCourse(
  backend: Backend,
  access: Access,
  courseId: string,
  change: CourseChange = 'modify',
): Promise<CourseRecord> {
  return editableOrRefused(access, await findCourse(backend, courseId), change);
}

/** The same decision on a course already read (with its lesson, say). */
export async function editableOrRefused(
  access: Access,
  course: CourseRecord | null,
  change: CourseChange = 'modify',
): Promise<CourseRecord> {
  if (!course || !(await canSeeCourse(access, course))) throw new ServiceError('not_found', NO_SUCH_COURSE);
  if (!(await MAY[change](access, course))) throw new ServiceError('forbidden', NOT_YOURS);
  return course;
}
