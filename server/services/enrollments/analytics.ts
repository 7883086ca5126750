/**
 * `course_analytics` per course: `totalEnrollments` moves with each enrollment created or
 * deleted (atomic increments, so concurrent enrollments all count), `completionRate` is
 * recounted from the enrollments whenever a completion or an unenrollment may change it.
 * The row's id is the course id, so "create on first use" is a create that may conflict.
 */
import { Query } from 'node-appwrite';
import { isBackendError } from '../../backend/errors';
import type { Backend } from '../../backend/port';
import { COURSE_ANALYTICS, ENROLLMENTS } from '../tables';

async function ensureRow(backend: Backend, courseId: string, now: Date): Promise<void> {
  try {
    await backend.tables.create({
      ...COURSE_ANALYTICS,
      rowId: courseId,
      data: { courseId, totalEnrollments: 0, completionRate: 0, lastUpdated: now.toISOString() },
    });
  } catch (error) {
    // Someone else made it first: exactly what we wanted.
    if (!isBackendError(error, 'conflict')) throw error;
  }
}

async function countEnrollments(backend: Backend, filters: string[]): Promise<number> {
  const { total } = await backend.tables.list({
    ...ENROLLMENTS,
    queries: [...filters, Query.select(['$id']), Query.limit(1)],
  });
  return total;
}

/** Percentage (two decimals) of the course's enrollments that are complete. */
export async function recountCompletionRate(backend: Backend, courseId: string, now: Date): Promise<void> {
  const all = await countEnrollments(backend, [Query.equal('courseId', courseId)]);
  const done = all
    ? await countEnrollments(backend, [Query.equal('courseId', courseId), Query.isNotNull('completedAt')])
    : 0;
  const completionRate = all ? Math.round((10000 * done) / all) / 100 : 0;
  await ensureRow(backend, courseId, now);
  await backend.tables.update({
    ...COURSE_ANALYTICS,
    rowId: courseId,
    data: { completionRate, lastUpdated: now.toISOString() },
  });
}

/** `by` is +1 for an enrollment created, -1 for one deleted; never below zero. */
export async function countEnrollmentChange(
  backend: Backend,
  courseId: string,
  by: 1 | -1,
  now: Date,
): Promise<void> {
  await ensureRow(backend, courseId, now);
  try {
    await backend.tables.increment({
      ...COURSE_ANALYTICS,
      rowId: courseId,
      column: 'totalEnrollments',
      by,
      min: 0,
    });
  } catch (error) {
    // Already zero (enrollments written before analytics were kept): zero is right, not an error.
    if (!(by < 0 && isBackendError(error, 'invalid'))) throw error;
  }
  // One more (or one fewer) enrollment moves the rate's denominator too.
  await recountCompletionRate(backend, courseId, now);
}

/**
 * Analytics follow the enrollment; a failure here must not undo or refuse what the
 * learner did, so it is logged and the next recount repairs the rate.
 */
export async function bestEffort(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    console.error(`could not update course analytics (${what}):`, error);
  }
}
