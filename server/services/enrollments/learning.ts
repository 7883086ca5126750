/**
 * What a learner does inside a course: complete a lesson, and (by opening it) mark
 * where they are. Both go through reviseEnrollment, so neither loses the other's write.
 */
import type { Backend } from '../../backend/port';
import { lessonsOf } from '../courses/lesson-view';
import { NO_SUCH_LESSON, requireLesson } from '../courses/records';
import { ServiceError } from '../errors';
import { canSeeCourse } from '../policy';
import { recordActivity } from '../audit/activity';
import { completedAtFor, progressOf } from './progress';
import { findEnrollment, toEnrollment, type Enrollment, type EnrollmentRecord } from './records';
import { reviseEnrollment } from './revise';
import type { SignedInScope } from '../scope';

export const ENROLL_TO_TRACK = 'Enroll in this course to track your progress.';

export async function completeLesson(scope: SignedInScope, lessonId: string): Promise<Enrollment> {
  const { backend, actor } = scope;
  const now = scope.now();
  const { course } = await requireLesson(backend, lessonId);
  const enrollment = await findEnrollment(backend, actor.id, course.$id);
  if (!enrollment) {
    if (!(await canSeeCourse(scope.access, course))) throw new ServiceError('not_found', NO_SUCH_LESSON);
    throw new ServiceError('forbidden', ENROLL_TO_TRACK);
  }
  const stamp = now.toISOString();
  const revised = await reviseEnrollment(
    backend,
    enrollment.$id,
    async (current) => {
      const lessonIds = (await lessonsOf(backend, course.$id)).map((lesson) => lesson.$id);
      const first = !current.completedLessons.includes(lessonId);
      const completedLessons = first ? [...current.completedLessons, lessonId] : current.completedLessons;
      const progress = progressOf(completedLessons, lessonIds);
      const completedAt = completedAtFor(progress, current.completedAt, now);
      return {
        data: { completedLessons, progress, completedAt, lastLessonId: lessonId, lastActivityAt: stamp },
        result: { first },
      };
    },
    enrollment,
  );
  // Unenrolled between the check and the write: nothing was recorded.
  if (!revised) throw new ServiceError('forbidden', ENROLL_TO_TRACK);
  if (revised.result.first) {
    await recordActivity(
      backend,
      {
        userId: actor.id,
        action: 'lesson_complete',
        resourceId: lessonId,
        metadata: { courseId: course.$id },
      },
      now,
    );
  }
  return toEnrollment(revised.enrollment);
}

/**
 * Opening the lesson noted last again within this long writes nothing: "last activity"
 * is kept to the minute. A learner reloading or coming back to the same lesson would
 * otherwise write the enrollment, and raise its change event, on every page view.
 */
export const LESSON_OPENED_RESOLUTION_MS = 60_000;

/**
 * Remembers the lesson an enrolled learner just opened. Best-effort: reading a lesson
 * must never fail because this bookkeeping did.
 */
export async function noteLessonOpened(
  backend: Backend,
  enrollment: EnrollmentRecord,
  lessonId: string,
  now: Date,
): Promise<void> {
  const notedAt = enrollment.lastActivityAt ? Date.parse(enrollment.lastActivityAt) : Number.NaN;
  const age = now.getTime() - notedAt;
  if (enrollment.lastLessonId === lessonId && age >= 0 && age < LESSON_OPENED_RESOLUTION_MS) return;
  try {
    await reviseEnrollment(
      backend,
      enrollment.$id,
      () => ({ data: { lastLessonId: lessonId, lastActivityAt: now.toISOString() }, result: undefined }),
      enrollment,
    );
  } catch (error) {
    console.error(`could not note lesson ${lessonId} as opened:`, error);
  }
}
