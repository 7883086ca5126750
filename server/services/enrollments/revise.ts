/**
 * Every change to an enrollment goes through `reviseEnrollment`: read the row, compute
 * the new columns from it, write them only if nobody wrote in between (`revision`
 * unchanged, via the port's atomic `updateIf`), otherwise read again and recompute.
 * Two learners' tabs completing different lessons at once therefore never lose either
 * completion (decision 0012).
 */
import { Query } from 'node-appwrite';
import type { Backend, RowData } from '../../backend/port';
import { ServiceError } from '../errors';
import { parseEnrollment, type EnrollmentRecord } from './records';
import { getRowOrNull, unlessMissing } from '../rows';
import { ENROLLMENTS } from '../tables';

/**
 * Every round of a race has a winner, so N simultaneous writers need at most N attempts.
 * One learner's enrollment sees a handful at once (tabs, devices, a lesson edit); 25
 * covers the tested burst of 20 with room, and beyond it we say so instead of looping.
 */
const MAX_ATTEMPTS = 25;

/** A short random pause after a lost race, so the losers do not collide again in lock-step. */
const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 * attempt, 20)));

async function readEnrollment(backend: Backend, enrollmentId: string): Promise<EnrollmentRecord | null> {
  const found = await getRowOrNull(backend, ENROLLMENTS, enrollmentId);
  return found ? parseEnrollment(found) : null;
}

export interface Revision<T> {
  /** The columns to write, or null when nothing needs to change. */
  data: RowData | null;
  /** Whatever the caller wants to know about the attempt that won. */
  result: T;
}

/**
 * Applies `compute` to the current row until its write lands. Returns null when the
 * enrollment no longer exists (the learner unenrolled meanwhile). `known`, the row as
 * the caller just read it, saves the first read: the write is conditional on its
 * revision, so a stale one only costs the round the re-read would have cost anyway.
 */
export async function reviseEnrollment<T>(
  backend: Backend,
  enrollmentId: string,
  compute: (current: EnrollmentRecord) => Promise<Revision<T>> | Revision<T>,
  known?: EnrollmentRecord,
): Promise<{ enrollment: EnrollmentRecord; result: T } | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (attempt > 0) await backOff(attempt);
    const found =
      attempt === 0 && known?.$id === enrollmentId ? known : await readEnrollment(backend, enrollmentId);
    if (!found) return null;
    const current = found;
    const { data, result } = await compute(current);
    if (!data) return { enrollment: current, result };
    const written = backend.tables.updateIf({
      ...ENROLLMENTS,
      rowId: enrollmentId,
      where: [Query.equal('revision', current.revision)],
      data: { ...data, revision: current.revision + 1 },
    });
    // Deleted meanwhile: gone, like a missing row above. A null row lost the race: go round.
    const row = await unlessMissing(written, 'gone' as const);
    if (row === 'gone') return null;
    if (row) return { enrollment: parseEnrollment(row), result };
  }
  throw new ServiceError(
    'conflict',
    'Your progress was being saved from several places at once. Please try again.',
  );
}
