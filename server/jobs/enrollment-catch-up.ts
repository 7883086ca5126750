/**
 * What the enrollment events missed (Appwrite never retries a failed execution; an
 * embedded event may be dead-lettered). Every 15 minutes, the enrollments changed in
 * the last day are read 100 at a time; for each page, one call finds their analytics
 * receipts and one their welcome mails. An enrollment whose receipt is missing or
 * disagrees with it (completed, reopened) is reconciled; one enrolled in the window
 * without a welcome mail gets it. Both are the idempotent steps the event jobs take, so
 * racing an event is harmless.
 *
 * Not covered: an unenroll whose delete event was lost leaves its receipt counted
 * (decision 0025 names this).
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import type { Backend } from '../backend/port';
import { reconcileEnrollmentAnalytics, receiptsAmong } from '../services/enrollments/analytics';
import { parseEnrollment, type EnrollmentRecord } from '../services/enrollments/records';
import type { JobContext, ScheduledJob } from './job';
import {
  ENROLLMENT_CATCH_UP_NAME,
  ENROLLMENT_CATCH_UP_SCHEDULE,
  ENROLLMENT_CATCH_UP_WINDOW_MS,
} from './enrollment-events';

import { queueWelcomeMail, welcomeMailKey } from './enrollment-welcome';
import { listByIds } from '../services/rows-by-ids';
import { ENROLLMENTS, MAIL_MESSAGES } from '../services/tables';

const PAGE = 100;

async function existingMailKeys(backend: Backend, keys: string[]): Promise<Set<string>> {
  // `key` is unique: at most one row per key.
  const rows = await listByIds(backend, MAIL_MESSAGES, keys, {
    column: 'key',
    rowsPerId: 'one',
    queries: [Query.select(['$id', 'key'])],
  });
  return new Set(rows.flatMap((row) => (typeof row.key === 'string' ? [row.key] : [])));
}

export interface CatchUpSummary {
  examined: number;
  reconciled: number;
  welcomed: number;
}

export async function catchUpEnrollments(context: JobContext): Promise<CatchUpSummary> {
  const { backend, env } = context;
  const now = context.now();
  const since = new Date(now.getTime() - ENROLLMENT_CATCH_UP_WINDOW_MS);
  const summary: CatchUpSummary = { examined: 0, reconciled: 0, welcomed: 0 };
  let afterId: string | null = null;
  for (;;) {
    const queries = [
      Query.greaterThanEqual('$updatedAt', since.toISOString()),
      Query.orderAsc('$id'),
      Query.limit(PAGE),
    ];
    if (afterId) queries.push(Query.greaterThan('$id', afterId));
    const { rows } = await backend.tables.list({ ...ENROLLMENTS, queries });
    if (rows.length === 0) break;
    afterId = rows.at(-1)?.$id ?? null;
    const enrollments: EnrollmentRecord[] = rows.map(parseEnrollment);
    const recent = enrollments.filter((enrollment) => Date.parse(enrollment.enrolledAt) >= since.getTime());
    const [receipts, mailed] = await Promise.all([
      receiptsAmong(
        backend,
        enrollments.map((enrollment) => enrollment.$id),
      ),
      existingMailKeys(
        backend,
        recent.map((enrollment) => welcomeMailKey(enrollment.$id)),
      ),
    ]);
    for (const enrollment of enrollments) {
      summary.examined += 1;
      const receipt = receipts.get(enrollment.$id);
      const completed = enrollment.completedAt !== null;
      if (!receipt || !receipt.inTotal || receipt.inCompleted !== completed) {
        const outcome = await reconcileEnrollmentAnalytics(
          backend,
          { enrollmentId: enrollment.$id, courseId: enrollment.courseId },
          now,
        );
        if (outcome === 'counted') summary.reconciled += 1;
      }
    }
    for (const enrollment of recent) {
      if (mailed.has(welcomeMailKey(enrollment.$id))) continue;
      if ((await queueWelcomeMail(backend, env, enrollment, now)) === 'queued') summary.welcomed += 1;
    }
    if (rows.length < PAGE) break;
  }
  if (summary.reconciled > 0 || summary.welcomed > 0) {
    context.logger.info('enrollment catch-up repaired missed events', { ...summary });
  }
  return summary;
}

export const enrollmentCatchUpJob: ScheduledJob<Record<string, never>> = {
  name: ENROLLMENT_CATCH_UP_NAME,
  description:
    'Every 15 minutes: welcome mails and course analytics for enrollments whose events were missed.',
  schedule: ENROLLMENT_CATCH_UP_SCHEDULE,
  payload: z.object({}),
  async handle(_payload, context) {
    await catchUpEnrollments(context);
  },
};
