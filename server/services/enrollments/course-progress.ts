/**
 * Keeping every learner's progress right when the course's lessons change: adding a
 * lesson lowers everyone's percentage, deleting one may raise it (completions of a
 * deleted lesson stay stored but stop counting). Runs after the lesson write, so each
 * revision reads the lessons as they now are.
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import { lessonsOf } from '../courses/lesson-view';
import { completedAtFor, progressOf } from './progress';
import { allEnrollments } from './records';
import { reviseEnrollment } from './revise';

export async function recomputeCourseProgress(backend: Backend, courseId: string, now: Date): Promise<void> {
  const enrollments = await allEnrollments(backend, [Query.equal('courseId', courseId)]);
  if (enrollments.length === 0) return;
  for (const { $id } of enrollments) {
    await reviseEnrollment(backend, $id, async (current) => {
      // Read inside the attempt: a retry after a lost race must see the lessons of now.
      const lessonIds = (await lessonsOf(backend, courseId)).map((lesson) => lesson.$id);
      const progress = progressOf(current.completedLessons, lessonIds);
      const completedAt = completedAtFor(progress, current.completedAt, now);
      if (progress === current.progress && completedAt === current.completedAt) {
        return { data: null, result: undefined };
      }
      return { data: { progress, completedAt }, result: undefined };
    });
  }
}
