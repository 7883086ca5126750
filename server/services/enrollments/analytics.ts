/**
 * `course_analytics` per course, kept current from enrollment events (decision 0025):
 * `totalEnrollments` and `completedEnrollments` are counters moved by atomic increments,
 * `completionRate` is derived from the two. Nothing here counts rows with a list total
 * (Appwrite caps totals at 5,000).
 *
 * Delivery is at least once and in any order, so an event is never trusted for what it
 * says; it only names an enrollment to reconcile. Each enrollment has a receipt (row id
 * = enrollment id) saying what it already contributes to its course's counters; the
 * reconciler reads the enrollment as it is now, moves the receipt to match with a
 * compare-and-set, and then moves the counters by the difference. A second delivery
 * finds nothing to change and writes nothing. A removed enrollment's receipt stays,
 * marked removed, so a late create or update event for it counts nothing.
 */
import { Query } from 'node-appwrite';
import { isBackendError } from '../../backend/errors';
import type { Backend, Row } from '../../backend/port';
import { parseEnrollment } from './records';
import { getRowOrNull } from '../rows';
import { listByIds } from '../rows-by-ids';
import { ANALYTICS_RECEIPTS, COURSE_ANALYTICS, ENROLLMENTS } from '../tables';

/** What one enrollment contributes to its course's counters. */
export interface Contribution {
  inTotal: boolean;
  inCompleted: boolean;
  removed: boolean;
}

const NONE: Contribution = { inTotal: false, inCompleted: false, removed: false };
const COMPARE_AND_SET_ATTEMPTS = 5;

function contributionOf(row: Row): Contribution {
  return {
    inTotal: row.inTotal === true,
    inCompleted: row.inCompleted === true,
    removed: row.removed === true,
  };
}

/** What the enrollment should contribute now: nothing once it is gone. */
async function wantedContribution(backend: Backend, enrollmentId: string): Promise<Contribution> {
  const row = await getRowOrNull(backend, ENROLLMENTS, enrollmentId);
  if (!row) return { inTotal: false, inCompleted: false, removed: true };
  const enrollment = parseEnrollment(row);
  return { inTotal: true, inCompleted: enrollment.completedAt !== null, removed: false };
}

async function ensureAnalyticsRow(backend: Backend, courseId: string, now: Date): Promise<void> {
  try {
    await backend.tables.create({
      ...COURSE_ANALYTICS,
      rowId: courseId,
      data: {
        courseId,
        totalEnrollments: 0,
        completedEnrollments: 0,
        completionRate: 0,
        lastUpdated: now.toISOString(),
      },
    });
  } catch (error) {
    // Someone else made it first: exactly what we wanted.
    if (!isBackendError(error, 'conflict')) throw error;
  }
}

async function moveCounter(backend: Backend, courseId: string, column: string, by: number): Promise<void> {
  if (by === 0) return;
  try {
    await backend.tables.increment({ ...COURSE_ANALYTICS, rowId: courseId, column, by, min: 0 });
  } catch (error) {
    // Already zero (counted before receipts were kept): zero is the right floor, not an error.
    if (!(by < 0 && isBackendError(error, 'invalid'))) throw error;
  }
}

const count = (value: Row[string]) => (typeof value === 'number' ? value : 0);

/** Percentage with two decimals; 0 for a course nobody is enrolled in. */
export function completionRateOf(total: number, completed: number): number {
  return total > 0 ? Math.round((10000 * Math.min(completed, total)) / total) / 100 : 0;
}

/**
 * Writes the rate for the counters as they are, only if they are still those counters
 * when written (a concurrent change re-reads and writes its own, newer rate).
 */
async function refreshCompletionRate(backend: Backend, courseId: string, now: Date): Promise<void> {
  for (let attempt = 0; attempt < COMPARE_AND_SET_ATTEMPTS; attempt += 1) {
    const row = await getRowOrNull(backend, COURSE_ANALYTICS, courseId);
    if (!row) return;
    const total = count(row.totalEnrollments);
    const completed = count(row.completedEnrollments);
    const written = await backend.tables.updateIf({
      ...COURSE_ANALYTICS,
      rowId: courseId,
      where: [Query.equal('totalEnrollments', total), Query.equal('completedEnrollments', completed)],
      data: { completionRate: completionRateOf(total, completed), lastUpdated: now.toISOString() },
    });
    if (written) return;
  }
  throw new Error(`course_analytics of ${courseId} kept changing; the rate is refreshed on the next event`);
}

/**
 * Moves the receipt from `from` to `to` (creating it when there was none). False when
 * another delivery moved it first: the caller reads again.
 */
async function claimReceipt(
  backend: Backend,
  enrollmentId: string,
  courseId: string,
  from: Contribution | null,
  to: Contribution,
  now: Date,
): Promise<boolean> {
  const data = { ...to, updatedAt: now.toISOString() };
  if (!from) {
    try {
      await backend.tables.create({
        ...ANALYTICS_RECEIPTS,
        rowId: enrollmentId,
        data: { courseId, ...data },
      });
      return true;
    } catch (error) {
      if (isBackendError(error, 'conflict')) return false;
      throw error;
    }
  }
  const written = await backend.tables.updateIf({
    ...ANALYTICS_RECEIPTS,
    rowId: enrollmentId,
    where: [
      Query.equal('inTotal', from.inTotal),
      Query.equal('inCompleted', from.inCompleted),
      Query.equal('removed', from.removed),
    ],
    data,
  });
  return written !== null;
}

/** Puts the receipt back after the counters could not be moved, so a redelivery tries again. */
async function releaseReceipt(
  backend: Backend,
  enrollmentId: string,
  previous: Contribution | null,
  now: Date,
): Promise<void> {
  try {
    if (previous) {
      await backend.tables.update({
        ...ANALYTICS_RECEIPTS,
        rowId: enrollmentId,
        data: { ...previous, updatedAt: now.toISOString() },
      });
    } else {
      await backend.tables.delete({ ...ANALYTICS_RECEIPTS, rowId: enrollmentId });
    }
  } catch {
    // The original error is the one worth reporting; the receipt then stays ahead by one.
  }
}

const delta = (from: boolean, to: boolean) => Number(to) - Number(from);

export type ReconcileOutcome = 'unchanged' | 'counted';

/**
 * Brings the course's counters in line with enrollment `enrollmentId` of `courseId` as
 * it is now. Safe to call any number of times, for any event of the enrollment, in any
 * order.
 */
export async function reconcileEnrollmentAnalytics(
  backend: Backend,
  enrollment: { enrollmentId: string; courseId: string },
  now: Date,
): Promise<ReconcileOutcome> {
  const { enrollmentId, courseId } = enrollment;
  for (let attempt = 0; attempt < COMPARE_AND_SET_ATTEMPTS; attempt += 1) {
    const receiptRow = await getRowOrNull(backend, ANALYTICS_RECEIPTS, enrollmentId);
    const previous = receiptRow ? contributionOf(receiptRow) : null;
    // Removal is final: enrollment ids are never reused.
    if (previous?.removed) return 'unchanged';
    const wanted = await wantedContribution(backend, enrollmentId);
    const from = previous ?? NONE;
    const totalBy = delta(from.inTotal, wanted.inTotal);
    const completedBy = delta(from.inCompleted, wanted.inCompleted);
    if (previous && totalBy === 0 && completedBy === 0 && previous.removed === wanted.removed) {
      return 'unchanged';
    }
    if (!(await claimReceipt(backend, enrollmentId, courseId, previous, wanted, now))) continue;
    if (totalBy === 0 && completedBy === 0) return 'unchanged';
    try {
      await ensureAnalyticsRow(backend, courseId, now);
      await moveCounter(backend, courseId, 'totalEnrollments', totalBy);
      await moveCounter(backend, courseId, 'completedEnrollments', completedBy);
    } catch (error) {
      await releaseReceipt(backend, enrollmentId, previous, now);
      throw error;
    }
    await refreshCompletionRate(backend, courseId, now);
    return 'counted';
  }
  throw new Error(`the analytics receipt of enrollment ${enrollmentId} kept changing; retry later`);
}

/** The receipts of `enrollmentIds` (one call for a page of 100), for the catch-up's check of a page. */
export async function receiptsAmong(
  backend: Backend,
  enrollmentIds: readonly string[],
): Promise<Map<string, Contribution>> {
  const rows = await listByIds(backend, ANALYTICS_RECEIPTS, enrollmentIds);
  return new Map(rows.map((row) => [row.$id, contributionOf(row)]));
}
