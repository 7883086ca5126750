/**
 * Job health for admins (/admin/jobs): each job with its trigger and, for a scheduled
 * job, its latest run; and the recent failures (dead letters and failed runs) with their
 * error. The calls are fixed by the job list, never by the number of rows: one list of
 * failures and one single-row list per scheduled job.
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import type { Backend } from '../../backend/port';
import { parseJobRun, type JobRunStatus } from '../../jobs/job-runs';
import { rowDatetime } from '../rows';
import { JOB_FAILURES, JOB_RUNS } from '../tables';

/** What the page needs to know about a job; the router maps the job list to these. */
export type JobTrigger = { kind: 'event'; events: string[] } | { kind: 'schedule'; schedule: string };

export interface JobDescription {
  name: string;
  description: string;
  trigger: JobTrigger;
}

export interface JobRunView {
  scheduledFor: string;
  status: JobRunStatus;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface JobStatus extends JobDescription {
  /** Scheduled jobs only: the latest slot recorded (a `baseline` on a new install). */
  lastRun: JobRunView | null;
  /** Failures of this job among the recent ones below. */
  recentFailures: number;
}

export interface JobFailureView {
  id: string;
  jobName: string;
  event: string;
  kind: 'invalid_payload' | 'handler_failed';
  error: string;
  payloadExcerpt: string | null;
  createdAt: string;
}

export interface JobHealth {
  jobs: JobStatus[];
  failures: JobFailureView[];
}

/** How many of the latest failures the page shows. */
export const RECENT_FAILURES = 50;

const failureRowSchema = z.object({
  $id: z.string(),
  jobName: z.string(),
  event: z.string(),
  kind: z.enum(['invalid_payload', 'handler_failed']),
  error: z.string(),
  payloadExcerpt: z.string().nullable().optional(),
  createdAt: rowDatetime,
});

async function latestRunOf(backend: Backend, jobName: string): Promise<JobRunView | null> {
  const { rows } = await backend.tables.list({
    ...JOB_RUNS,
    queries: [Query.equal('jobName', jobName), Query.orderDesc('scheduledFor'), Query.limit(1)],
  });
  const row = rows[0];
  if (!row) return null;
  const run = parseJobRun(row);
  return {
    scheduledFor: run.scheduledFor,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? null,
    error: run.error ?? null,
  };
}

export async function jobHealth(backend: Backend, jobs: readonly JobDescription[]): Promise<JobHealth> {
  const [failureList, runs] = await Promise.all([
    backend.tables.list({
      ...JOB_FAILURES,
      queries: [Query.orderDesc('createdAt'), Query.limit(RECENT_FAILURES)],
    }),
    Promise.all(jobs.map((job) => (job.trigger.kind === 'schedule' ? latestRunOf(backend, job.name) : null))),
  ]);
  const failures: JobFailureView[] = failureList.rows.map((row) => {
    const failure = failureRowSchema.parse(row);
    return {
      id: failure.$id,
      jobName: failure.jobName,
      event: failure.event,
      kind: failure.kind,
      error: failure.error,
      payloadExcerpt: failure.payloadExcerpt ?? null,
      createdAt: failure.createdAt,
    };
  });
  return {
    jobs: jobs.map((job, i) => ({
      ...job,
      lastRun: runs[i] ?? null,
      recentFailures: failures.filter((failure) => failure.jobName === job.name).length,
    })),
    failures,
  };
}
