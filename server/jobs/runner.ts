/**
 * The in-process job runner of embedded mode. It delivers outbox events to the event
 * jobs whose Appwrite patterns match and runs the scheduled jobs (schedules.ts). In
 * Appwrite mode the same jobs run as Functions instead (function-entry.ts).
 *
 * Delivery is at least once: an event is completed only after every matching job
 * succeeded, so when one of several jobs fails they all see the event again. Every
 * handler must therefore be idempotent (a second delivery changes nothing and sends
 * nothing twice).
 *
 * Failures: a handler error is retried with exponential backoff and, after
 * `maxAttempts`, dead-lettered (kept in the outbox as dead) and recorded in
 * job_failures. A payload that fails the job's schema is dead-lettered at once: a retry
 * would see the same payload. Admins read both at /admin/jobs.
 */
import { eventMatches, type Outbox, type OutboxEntry } from '../backend/events';
import { executeJob } from './execute';
import { isEventJob, type EventJob, type Job, type JobContext, type ScheduledJob } from './job';
import { recordJobFailure } from './job-failures';
import { isRunnerTableEvent } from './job-tables';
import { assertValidJobs } from './registry-check';
import { createScheduler, type Scheduler } from './schedules';
import { doublingDelay } from '../services/backoff';

export type { JobLogger } from './job';

export interface JobRunnerOptions {
  jobs: readonly Job[];
  context: JobContext;
  /** The embedded outbox; null runs schedules only. */
  outbox: Outbox | null;
  /** Run scheduled jobs (catch-up at start, then croner timers); default true. */
  schedules?: boolean;
  /** Pause between polls once nothing is due. */
  pollMs?: number;
  /** Deliveries before an event is dead-lettered. */
  maxAttempts?: number;
  /** Delay before retry number `attempt` (1 = first retry); defaults to exponential backoff. */
  retryDelayMs?: (attempt: number) => number;
  batchSize?: number;
  /** How long a claimed event stays hidden from other claimers while its handlers run. */
  leaseMs?: number;
}

/** Events handled by one drain; the runner's own job_runs / job_failures events are not counted. */
export interface DrainResult {
  completed: number;
  failed: number;
}

export interface JobRunner {
  /** Catches up missed scheduled runs, then polls the outbox and arms the schedules. */
  start(): Promise<void>;
  /** Stops polling and timers and waits for the work in progress. */
  stop(): Promise<void>;
  /** Delivers until nothing is due (events waiting for a later retry stay queued). */
  drain(): Promise<DrainResult>;
  readonly scheduler: Scheduler;
}

/** 1 s, 2 s, 4 s, ... capped at an hour. */
export function exponentialBackoff(attempt: number): number {
  return doublingDelay(attempt, { firstMs: 1000, maxMs: 60 * 60 * 1000 });
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const {
    jobs,
    context,
    outbox,
    schedules = true,
    // Idle cost: one indexed SQLite query a second.
    pollMs = 1000,
    maxAttempts = 8,
    retryDelayMs = exponentialBackoff,
    batchSize = 20,
    leaseMs = 5 * 60 * 1000,
  } = options;
  // A bad pattern or schedule stops the start, not the first delivery.
  assertValidJobs(jobs);
  const eventJobs = jobs.filter((job): job is EventJob<unknown> => isEventJob(job));
  const scheduledJobs = jobs.filter((job): job is ScheduledJob<unknown> => !isEventJob(job));
  const scheduler = createScheduler({ jobs: schedules ? scheduledJobs : [], context });
  const { logger } = context;

  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<unknown> | undefined;

  async function deliver(queue: Outbox, entry: OutboxEntry): Promise<boolean | 'ignored'> {
    if (isRunnerTableEvent(entry.name)) {
      await queue.complete(entry.id);
      return 'ignored';
    }
    const matching = eventJobs.filter((job) =>
      job.events.some((pattern) => eventMatches(pattern, entry.name)),
    );
    const retryable: { job: string; error: string }[] = [];
    const rejected: string[] = [];
    for (const job of matching) {
      const outcome = await executeJob(job, context, { trigger: 'event', event: entry.name }, entry.payload);
      if (outcome.status === 'done') continue;
      if (outcome.status === 'failed') {
        retryable.push({ job: job.name, error: outcome.error });
        continue;
      }
      rejected.push(`${job.name}: ${outcome.error}`);
      // Recorded on the first delivery only: a retry for another job would see it again.
      if (entry.attempts === 0) {
        await recordJobFailure(
          context.backend,
          {
            jobName: job.name,
            event: entry.name,
            kind: 'invalid_payload',
            error: outcome.error,
            payload: entry.payload,
          },
          context.now(),
          logger,
        );
      }
    }
    if (retryable.length === 0 && rejected.length === 0) {
      await queue.complete(entry.id);
      return true;
    }
    const attempt = entry.attempts + 1;
    if (retryable.length === 0) {
      await queue.fail(entry.id, { error: rejected.join('; '), retryAt: new Date(), deadLetter: true });
      logger.error('event dead-lettered: its payload does not fit a job', {
        event: entry.name,
        id: entry.id,
      });
      return false;
    }
    const deadLetter = attempt >= maxAttempts;
    const error = [...retryable.map((failure) => `${failure.job}: ${failure.error}`), ...rejected].join('; ');
    await queue.fail(entry.id, { error, retryAt: new Date(Date.now() + retryDelayMs(attempt)), deadLetter });
    logger.error(deadLetter ? 'event dead-lettered' : 'event delivery failed, will retry', {
      event: entry.name,
      id: entry.id,
      attempt,
      error,
    });
    if (deadLetter) {
      for (const failure of retryable) {
        await recordJobFailure(
          context.backend,
          {
            jobName: failure.job,
            event: entry.name,
            kind: 'handler_failed',
            error: `failed ${attempt} times; last: ${failure.error}`,
            payload: entry.payload,
          },
          context.now(),
          logger,
        );
      }
    }
    return false;
  }

  async function drain(): Promise<DrainResult> {
    const result: DrainResult = { completed: 0, failed: 0 };
    if (!outbox) return result;
    for (;;) {
      const batch = await outbox.claim({ limit: batchSize, leaseMs });
      if (batch.length === 0) return result;
      for (const entry of batch) {
        const delivered = await deliver(outbox, entry);
        if (delivered === true) result.completed += 1;
        else if (delivered === false) result.failed += 1;
      }
    }
  }

  async function tick(): Promise<void> {
    try {
      await drain();
    } catch (error) {
      logger.error('outbox polling failed', { error: describeError(error) });
    }
    if (running) {
      timer = setTimeout(() => {
        inFlight = tick();
      }, pollMs);
      // Polling alone must not keep the process alive (tests, CLI scripts).
      timer.unref();
    }
  }

  return {
    scheduler,
    async start() {
      if (running) return;
      running = true;
      logger.info('job runner started', { jobs: jobs.map((job) => job.name) });
      if (outbox) inFlight = tick();
      await scheduler.start();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await Promise.all([inFlight, scheduler.stop()]);
    },
    drain,
  };
}
