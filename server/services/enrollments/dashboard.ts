/**
 * "My learning": a learner's enrollments, most recent activity first, each with its
 * course and the lesson to continue. A learner has tens of enrollments, so they are
 * sorted in memory; the cursor is the last enrollment id of the previous page.
 */
import { Query } from 'node-appwrite';
import type { AuthUser, Backend } from '../../backend/port';
import { lessonsOf } from '../courses/lesson-view';
import { findCourse, type CourseRecord } from '../courses/records';
import { summarize, type CourseSummary } from '../courses/summaries';
import { nextLessonOf } from './progress';
import { allEnrollments, toEnrollment, type Enrollment, type EnrollmentRecord } from './records';
import { pageAfter, type Page } from './paging';

export interface LearningItem {
  enrollment: Enrollment;
  course: CourseSummary;
  nextLessonId: string | null;
  lessonCount: number;
}

const activityOf = (enrollment: EnrollmentRecord) => enrollment.lastActivityAt ?? enrollment.enrolledAt;

export async function myLearning(
  backend: Backend,
  actor: AuthUser,
  page: { cursor?: string | undefined; limit: number },
): Promise<Page<LearningItem>> {
  const enrollments = await allEnrollments(backend, [Query.equal('userId', actor.id)]);
  enrollments.sort((a, b) => activityOf(b).localeCompare(activityOf(a)) || a.$id.localeCompare(b.$id));
  const { slice, nextCursor } = pageAfter(enrollments, page);
  // Unpublished courses stay listed: the learner keeps their place (decision 0012).
  const withCourses = (
    await Promise.all(
      slice.map(async (enrollment) => ({
        enrollment,
        course: await findCourse(backend, enrollment.courseId),
      })),
    )
  ).filter((entry): entry is { enrollment: EnrollmentRecord; course: CourseRecord } => entry.course !== null);
  const summaries = await summarize(
    backend,
    withCourses.map(({ course }) => course),
  );
  const items = await Promise.all(
    withCourses.map(async ({ enrollment }, index) => {
      const lessonIds = (await lessonsOf(backend, enrollment.courseId)).map((lesson) => lesson.$id);
      const course = summaries[index];
      if (!course) throw new Error('a course summary went missing');
      return {
        enrollment: toEnrollment(enrollment),
        course,
        nextLessonId: nextLessonOf(lessonIds, enrollment.completedLessons, enrollment.lastLessonId),
        lessonCount: lessonIds.length,
      };
    }),
  );
  return { items, nextCursor, total: enrollments.length };
}
