/**
 * Starts the in-process job runner of embedded mode (outbox events and schedules, a
 * missed run caught up). Exactly one process on a box calls this: the single process,
 * or the cluster's primary (decision 0034). Appwrite runs the same jobs as Functions, so
 * there it starts nothing, but the job list is still checked: a pattern or schedule
 * Appwrite would refuse stops the start in both modes.
 */
import type { Outbox } from '../backend/events';
import { createJobContext } from '../jobs/context';
import { jobs as jobList } from '../jobs/index';
import { assertValidJobs } from '../jobs/registry-check';
import { createJobRunner, type JobRunner } from '../jobs/runner';
import type { AppServices } from '../services/scope';

export function startJobRunner(services: AppServices, outbox: Outbox | null): JobRunner | null {
  assertValidJobs(jobList);
  if (!outbox) return null;
  const runner = createJobRunner({
    jobs: jobList,
    outbox,
    context: createJobContext({
      backend: services.backend,
      mailer: services.mailer,
      env: services.env,
      now: services.now,
    }),
  });
  // Not awaited: a catch-up run must not hold back the first request.
  runner.start().catch((error: unknown) => console.error('[jobs] the job runner did not start:', error));
  return runner;
}
