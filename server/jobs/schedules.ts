/**
 * Schedules in embedded mode: at start every scheduled job catches up (its latest slot
 * runs if the server was down when it was due), then a croner timer per job, in UTC,
 * runs each next slot. Overlap is prevented twice: croner's `protect` skips a tick while
 * the previous one still runs, and a job busy with its catch-up is not started again.
 * Across processes the job_runs row decides (scheduled-run.ts).
 */
import { Cron } from 'croner';
import { describeError } from './execute';
import type { JobContext, ScheduledJob } from './job';
import { runIfDue, type SlotOutcome } from './scheduled-run';

export interface Scheduler {
  /** Arms the timers and catches up every job's missed slot; resolves when the catch-up is done. */
  start(): Promise<void>;
  /** Stops the timers and waits for runs in progress. */
  stop(): Promise<void>;
  /** One pass over every job, as at start (tests call it with a moved clock). */
  runDue(): Promise<Record<string, SlotOutcome | 'busy' | 'error'>>;
}

export function createScheduler(options: {
  jobs: readonly ScheduledJob<unknown>[];
  context: JobContext;
  /** False: no timers, only `runDue` (tests and scripts). */
  timers?: boolean;
}): Scheduler {
  const { jobs, context, timers = true } = options;
  const crons: Cron[] = [];
  const busy = new Map<string, Promise<SlotOutcome | 'error'>>();

  function runOnce(job: ScheduledJob<unknown>): Promise<SlotOutcome | 'error'> | null {
    if (busy.has(job.name)) return null;
    const run = runIfDue(job, context)
      .catch((error: unknown) => {
        // The backend failed (not the handler): the slot was not claimed and is tried next time.
        context.logger.error('scheduled run could not start', { job: job.name, error: describeError(error) });
        return 'error' as const;
      })
      .finally(() => busy.delete(job.name));
    busy.set(job.name, run);
    return run;
  }

  async function runDue(): Promise<Record<string, SlotOutcome | 'busy' | 'error'>> {
    const entries = await Promise.all(
      jobs.map(async (job) => [job.name, (await runOnce(job)) ?? 'busy'] as const),
    );
    return Object.fromEntries(entries);
  }

  return {
    async start() {
      if (timers) {
        for (const job of jobs) {
          crons.push(
            new Cron(job.schedule, { timezone: 'UTC', protect: true, unref: true }, async () => {
              await runOnce(job);
            }),
          );
        }
      }
      await runDue();
    },
    async stop() {
      for (const cron of crons.splice(0)) cron.stop();
      await Promise.all(busy.values());
    },
    runDue,
  };
}
