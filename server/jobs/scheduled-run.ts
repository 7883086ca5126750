/**
 * One slot of a schedule (the job at one due time), run at most once across every
 * process and restart: the job_runs row is inserted first, and only its inserter runs
 * the job. Used by the embedded scheduler and by a scheduled Function execution alike.
 *
 * A failed run is recorded (job_runs `failed`, plus a job_failures row) and not retried:
 * the next slot runs as usual, and a scheduled job is written to catch up on whatever
 * earlier slots left undone. A process that dies mid-run leaves its row `running`; that
 * slot is not run again.
 */
import { Cron } from 'croner';
import { executeJob } from './execute';
import type { JobContext, ScheduledJob } from './job';
import { recordJobFailure } from './job-failures';
import { claimRun, finishRun, latestRun } from './job-runs';

/** The latest `count` times at or before `now` the schedule was due, newest first. */
export function recentDue(schedule: string, now: Date, count: number): Date[] {
  const cron = new Cron(schedule, { timezone: 'UTC', paused: true });
  try {
    // previousRuns looks strictly before its reference; a slot due exactly now counts.
    return cron.previousRuns(count, new Date(now.getTime() + 1));
  } finally {
    cron.stop();
  }
}

/** The latest time at or before `now` the schedule was due, or null if it never was. */
export function lastDue(schedule: string, now: Date): Date | null {
  return recentDue(schedule, now, 1)[0] ?? null;
}

/** How early a scheduler's clock may fire a slot and still be taken for that slot. */
const EARLY_FIRE_MS = 5_000;

/**
 * The slot an execution fired by a scheduler belongs to (a scheduled Function): the
 * latest due one, unless the next is only moments away — a scheduler whose clock runs a
 * little ahead would otherwise claim the previous, already taken, slot and skip the run.
 */
export function slotNear(schedule: string, now: Date): Date | null {
  const cron = new Cron(schedule, { timezone: 'UTC', paused: true });
  try {
    const next = cron.nextRun(now);
    if (next && next.getTime() - now.getTime() <= EARLY_FIRE_MS) return next;
  } finally {
    cron.stop();
  }
  return lastDue(schedule, now);
}

export type SlotOutcome =
  /** Someone (another process, an earlier start) already claimed this slot. */
  | 'taken'
  /** New install: the slot was recorded as the schedule's starting point and not run. */
  | 'baseline'
  /** Nothing is due: the latest slot already has its row. */
  | 'up_to_date'
  | 'succeeded'
  | 'failed';

/** Runs `scheduledFor` unless its row exists already. */
export async function runSlot<Payload>(
  job: ScheduledJob<Payload>,
  context: JobContext,
  scheduledFor: Date,
): Promise<SlotOutcome> {
  const rowId = await claimRun(context.backend, {
    jobName: job.name,
    scheduledFor,
    status: 'running',
    now: context.now(),
  });
  if (rowId === null) return 'taken';
  // A schedule carries no payload: the job's schema sees `{}` (Appwrite sends an empty body).
  const outcome = await executeJob(job, context, { trigger: 'schedule', scheduledFor }, {});
  // Success is not logged (a per-minute job would fill the log): job_runs and /admin/jobs keep it.
  if (outcome.status === 'done') {
    await finishRun(context.backend, rowId, { status: 'succeeded', now: context.now() });
    return 'succeeded';
  }
  await finishRun(context.backend, rowId, { status: 'failed', error: outcome.error, now: context.now() });
  context.logger.error('scheduled run failed (the next slot runs as usual)', {
    job: job.name,
    scheduledFor: scheduledFor.toISOString(),
    error: outcome.error,
  });
  await recordJobFailure(
    context.backend,
    {
      jobName: job.name,
      event: `schedule:${scheduledFor.toISOString()}`,
      kind: outcome.status === 'invalid_payload' ? 'invalid_payload' : 'handler_failed',
      error: outcome.error,
      payload: {},
    },
    context.now(),
    context.logger,
  );
  return 'failed';
}

/**
 * Runs the job's latest due slot if no run is recorded for it (the timer's tick, or a
 * slot missed while the server was down). Only the latest missed slot runs, once; the
 * ones before it are skipped. With no run recorded at all (a new install) the latest
 * slot is written as a `baseline` and nothing runs: the job first runs at its next slot.
 */
export async function runIfDue<Payload>(
  job: ScheduledJob<Payload>,
  context: JobContext,
): Promise<SlotOutcome> {
  const now = context.now();
  const due = lastDue(job.schedule, now);
  if (!due) return 'up_to_date';
  const latest = await latestRun(context.backend, job.name);
  if (!latest) {
    const baseline = await claimRun(context.backend, {
      jobName: job.name,
      scheduledFor: due,
      status: 'baseline',
      now,
    });
    if (baseline === null) return 'taken';
    context.logger.info('schedule baseline recorded (new install; first run at the next slot)', {
      job: job.name,
      scheduledFor: due.toISOString(),
    });
    return 'baseline';
  }
  if (new Date(latest.scheduledFor).getTime() >= due.getTime()) return 'up_to_date';
  return runSlot(job, context, due);
}
