/**
 * The checks every job list passes before anything runs (embedded start, the function
 * build, a test): names usable as Appwrite Function ids, event patterns Appwrite
 * accepts and that do not fire on the runner's own writes, five-field UTC cron schedules,
 * and a catch-up that exists for each event job.
 */
import { Cron } from 'croner';
import { assertEventPatterns, InvalidJobError } from './event-patterns';
import { isEventJob, type Job } from './job';
import { matchesRunnerTables } from './job-tables';

/** Appwrite Function ids: at most 36 characters; Aurora keeps them lower-case with dashes. */
const JOB_NAME = /^[a-z][a-z0-9-]{0,35}$/;

/** Why Appwrite (and croner) would not take `schedule`, or null. */
export function scheduleProblem(schedule: string): string | null {
  // Appwrite takes classic five-field cron; croner would also accept a seconds field.
  if (schedule.trim().split(/\s+/).length !== 5)
    return 'a schedule has five fields (minute hour day month weekday)';
  try {
    new Cron(schedule, { timezone: 'UTC', paused: true }).stop();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function assertValidJobs(jobs: readonly Job[]): void {
  const names = new Set<string>();
  for (const job of jobs) {
    if (!JOB_NAME.test(job.name))
      throw new InvalidJobError(
        `job "${job.name}": a name is lower-case letters, digits and dashes, at most 36`,
      );
    if (names.has(job.name)) throw new InvalidJobError(`job ${job.name} is listed twice`);
    names.add(job.name);
  }
  for (const job of jobs) {
    if (isEventJob(job)) {
      assertEventPatterns(job.name, job.events);
      const broad = job.events.find(matchesRunnerTables);
      if (broad)
        throw new InvalidJobError(
          `job ${job.name}: "${broad}" also matches the runner's own tables (job_runs, job_failures); name the table`,
        );
      const catchUp = jobs.find((other) => other.name === job.catchUp);
      if (!catchUp || isEventJob(catchUp))
        throw new InvalidJobError(
          `job ${job.name}: its catch-up "${job.catchUp}" is not a scheduled job of the list`,
        );
    } else {
      const problem = scheduleProblem(job.schedule);
      if (problem) throw new InvalidJobError(`job ${job.name}: schedule "${job.schedule}": ${problem}`);
    }
  }
}
