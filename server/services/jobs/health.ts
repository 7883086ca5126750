/**
 * Job health for admins (/admin/jobs): each job with its trigger and, for a scheduled
 * job, its latest run; and the recent failures (dead letters and failed runs) with their
 * error. Two calls while the schedules keep up: the failures, and one list of the rows
 * of every scheduled job's last two slots (at most two rows per job: job_runs is unique
 * on job and slot). A job with neither of those rows — a runner stopped for a while, a
 * new install — is then looked up on its own, so the calls stay fixed by the job list,
 * never by the number of rows.
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import type { Backend, Row } from '../../backend/port';
import { latestRun, parseJobRun, type JobRunRecord, type JobRunStatus } from '../../jobs/job-runs';
import { recentDue } from '../../jobs/scheduled-run';
import { rowDatetime } from '../rows';
import type { ServiceScope } from '../scope';
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

function runViewOf(row: Row): JobRunView {
  return viewOf(parseJobRun(row));
}

function viewOf(run: JobRunRecord): JobRunView {
  return {
    scheduledFor: run.scheduledFor,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? null,
    error: run.error ?? null,
  };
}

async function latestRunOf(backend: Backend, jobName: string): Promise<JobRunView | null> {
  const run = await latestRun(backend, jobName);
  return run ? viewOf(run) : null;
}

/** The latest run of each job among the rows of its last two slots, in one call. */
async function runsOfRecentSlots(
  backend: Backend,
  schedules: ReadonlyMap<string, string>,
  now: Date,
): Promise<Map<string, JobRunView>> {
  const filters = [...schedules].flatMap(([jobName, schedule]) => {
    const oldest = recentDue(schedule, now, 2).at(-1);
    return oldest
      ? [
          Query.and([
            Query.equal('jobName', jobName),
            Query.greaterThanEqual('scheduledFor', oldest.toISOString()),
          ]),
        ]
      : [];
  });
  const [only] = filters;
  if (!only) return new Map();
  const { rows } = await backend.tables.list({
    ...JOB_RUNS,
    queries: [
      filters.length === 1 ? only : Query.or(filters),
      Query.orderDesc('scheduledFor'),
      Query.limit(2 * filters.length),
    ],
    total: false,
  });
  const latest = new Map<string, JobRunView>();
  for (const row of rows) {
    const jobName = String(row.jobName);
    // Newest first: the first row of a job is its latest.
    if (!latest.has(jobName)) latest.set(jobName, runViewOf(row));
  }
  return latest;
}

export async function jobHealth(scope: ServiceScope, jobs: readonly JobDescription[]): Promise<JobHealth> {
  const { backend } = scope;
  const schedules = new Map(
    jobs.flatMap((job) =>
      job.trigger.kind === 'schedule' ? [[job.name, job.trigger.schedule] as const] : [],
    ),
  );
  const [failureList, recent] = await Promise.all([
    backend.tables.list({
      ...JOB_FAILURES,
      queries: [Query.orderDesc('createdAt'), Query.limit(RECENT_FAILURES)],
    }),
    runsOfRecentSlots(backend, schedules, scope.now()),
  ]);
  const behind = [...schedules.keys()].filter((jobName) => !recent.has(jobName));
  const caughtUp = await Promise.all(behind.map((jobName) => latestRunOf(backend, jobName)));
  const lastRuns = new Map(recent);
  behind.forEach((jobName, i) => {
    const run = caughtUp[i];
    if (run) lastRuns.set(jobName, run);
  });
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
    jobs: jobs.map((job) => ({
      ...job,
      lastRun: lastRuns.get(job.name) ?? null,
      recentFailures: failures.filter((failure) => failure.jobName === job.name).length,
    })),
    failures,
  };
}
