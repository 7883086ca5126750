/**
 * The job_runs table: a scheduled run happens only after its row is inserted, and the
 * row is unique on (jobName, scheduledFor). Whoever inserts it runs the job; anyone
 * else (a second process, a second start, a catch-up racing the timer) gets `conflict`
 * and skips. That is what makes a missed run happen exactly once.
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import { isBackendError } from '../backend/errors';
import type { Backend } from '../backend/port';
import { firstRow, rowDatetime } from '../services/rows';
import { JOB_RUNS } from '../services/tables';

/** `baseline`: recorded, not run: the first start of a new install marks where the schedule begins. */
export type JobRunStatus = 'running' | 'succeeded' | 'failed' | 'baseline';

const runRowSchema = z.object({
  $id: z.string(),
  jobName: z.string(),
  scheduledFor: rowDatetime,
  status: z.enum(['running', 'succeeded', 'failed', 'baseline']),
  startedAt: rowDatetime,
  finishedAt: rowDatetime.nullable().optional(),
  error: z.string().nullable().optional(),
});

export type JobRunRecord = z.infer<typeof runRowSchema>;

export function parseJobRun(row: unknown): JobRunRecord {
  return runRowSchema.parse(row);
}

/** Inserts the run's row; the id of the new row, or null when the run was already claimed. */
export async function claimRun(
  backend: Backend,
  input: { jobName: string; scheduledFor: Date; status: 'running' | 'baseline'; now: Date },
): Promise<string | null> {
  try {
    const row = await backend.tables.create({
      ...JOB_RUNS,
      data: {
        jobName: input.jobName,
        scheduledFor: input.scheduledFor.toISOString(),
        status: input.status,
        startedAt: input.now.toISOString(),
        finishedAt: input.status === 'baseline' ? input.now.toISOString() : null,
      },
    });
    return row.$id;
  } catch (error) {
    if (isBackendError(error, 'conflict')) return null;
    throw error;
  }
}

export async function finishRun(
  backend: Backend,
  rowId: string,
  result: { status: 'succeeded' | 'failed'; error?: string; now: Date },
): Promise<void> {
  await backend.tables.update({
    ...JOB_RUNS,
    rowId,
    data: {
      status: result.status,
      finishedAt: result.now.toISOString(),
      error: result.error === undefined ? null : result.error.slice(0, 1000),
    },
  });
}

/** The run with the latest scheduled time, or null when the job never ran (a new install). */
export async function latestRun(backend: Backend, jobName: string): Promise<JobRunRecord | null> {
  const row = await firstRow(backend, JOB_RUNS, [
    Query.equal('jobName', jobName),
    Query.orderDesc('scheduledFor'),
  ]);
  return row ? parseJobRun(row) : null;
}
