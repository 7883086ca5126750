/**
 * What a learner-facing page records when someone signed in views it (issue 12: queries
 * write nothing). `course.get` and `lesson.get` only read, because editors, the CSV
 * export, admin pages and scripts call them too; the course page and the lesson page
 * call these once per page view, through their load context (decision 0026).
 */
import type { SignedInScope } from '../scope';
import { ServiceError } from '../errors';
import { noteLessonOpened } from '../enrollments/learning';
import { canSeeCourse } from '../policy';
import { recordActivity } from '../audit/activity';
import { requireReadableLesson } from './lessons';
import { findCourse, NO_SUCH_COURSE } from './records';

/** One `course_view` in user_activity, for a course the viewer may see. */
export async function recordCourseView(scope: SignedInScope, courseId: string): Promise<void> {
  const course = await findCourse(scope.backend, courseId);
  if (!course || !(await canSeeCourse(scope.access, course)))
    throw new ServiceError('not_found', NO_SUCH_COURSE);
  await recordActivity(
    scope.backend,
    { userId: scope.actor.id, action: 'course_view', resourceId: courseId },
    scope.now(),
  );
}

/**
 * "Continue where you left off" starts from the lesson last opened: an enrolled
 * learner's enrollment remembers it. Editors and preview readers have no enrollment.
 */
export async function recordLessonOpened(scope: SignedInScope, lessonId: string): Promise<void> {
  const { lesson, enrollment } = await requireReadableLesson(scope.backend, scope.access, lessonId);
  if (enrollment) await noteLessonOpened(scope.backend, enrollment, lesson.$id, scope.now());
}
