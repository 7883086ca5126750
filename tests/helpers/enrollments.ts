/** Enrollment fixtures for tests: more lessons, analytics rows, activity counts. */
import { Query } from 'node-appwrite';
import type { AuthUser } from '../../server/backend/port';
import { createLesson } from '../../server/services/courses/lessons';
import { enrollmentCatchUpJob } from '../../server/jobs/enrollment-catch-up';
import { enrollmentChangedJob } from '../../server/jobs/enrollment-changed';
import { enrollmentCreatedJob } from '../../server/jobs/enrollment-created';
import { createJobRunner } from '../../server/jobs/runner';
import { testJobContext } from '../../server/jobs/testing';
import { scopeFor, type TestServices } from './services';
import { COURSE_ANALYTICS, ENROLLMENTS, USER_ACTIVITY } from '../../server/services/tables';

/** Adds `count` members-only lessons to the course; returns their ids in order. */
export async function addLessons(
  services: TestServices,
  owner: AuthUser,
  courseId: string,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const lesson = await createLesson(scopeFor(services, owner), {
      courseId,
      title: `Lesson ${index + 1}`,
      description: '',
      content: '<p>Text</p>',
      isPreview: false,
    });
    ids.push(lesson.id);
  }
  return ids;
}

/**
 * Delivers the waiting backend events to the enrollment jobs, as the runner does in the
 * background: course analytics follow enrollments through events (decision 0025).
 */
export async function drainEnrollmentJobs(services: TestServices): Promise<void> {
  await createJobRunner({
    jobs: [enrollmentCreatedJob, enrollmentChangedJob, enrollmentCatchUpJob],
    context: testJobContext(services),
    outbox: services.backend.outbox,
    schedules: false,
  }).drain();
}

/** The course's analytics once the enrollment events so far have been delivered. */
export async function analyticsOf(services: TestServices, courseId: string) {
  await drainEnrollmentJobs(services);
  const { rows } = await services.backend.tables.list({
    ...COURSE_ANALYTICS,
    queries: [Query.equal('courseId', courseId)],
  });
  const row = rows[0];
  return row ? { totalEnrollments: row.totalEnrollments, completionRate: row.completionRate } : null;
}

export async function enrollmentRows(services: TestServices, filters: string[] = []): Promise<number> {
  return (await services.backend.tables.list({ ...ENROLLMENTS, queries: [...filters, Query.limit(1)] }))
    .total;
}

export async function activityRows(services: TestServices, userId: string) {
  const { rows } = await services.backend.tables.list({
    ...USER_ACTIVITY,
    queries: [Query.equal('userId', userId), Query.equal('action', 'lesson_complete'), Query.limit(100)],
  });
  return rows.map((row) => ({ resourceId: row.resourceId, metadata: row.metadata }));
}

/** Everything a refused enrollment call could have written. */
export async function enrollmentWritesSoFar(services: TestServices) {
  const count = async (ref: typeof ENROLLMENTS) =>
    (await services.backend.tables.list({ ...ref, queries: [Query.limit(1)] })).total;
  return {
    enrollments: await count(ENROLLMENTS),
    analytics: await count(COURSE_ANALYTICS),
    activity: await count(USER_ACTIVITY),
    events: (await services.backend.outbox.pending()).waiting,
  };
}
