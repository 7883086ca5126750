/** Issue 12's background-job budgets (scripts/bench-jobs.ts) as rows of the final table. */
import { benchBackgroundJobs, BURST_DEADLINE_MS, IDLE_CPU_LIMIT, P99_FACTOR_LIMIT } from '../../bench-jobs';
import type { Check } from '../budgets';
import type { BenchOptions } from '../options';

export async function benchJobs(options: BenchOptions): Promise<{ checks: Check[]; failedRequests: number }> {
  const jobs = await benchBackgroundJobs(options.jobEnrollments);
  // Mails that never arrive stop the wait at 4x the deadline: far past the tolerance.
  const checks: Check[] = [
    {
      budget: `all ${jobs.enrollments} welcome mails delivered`,
      value: jobs.allMailedMs / 1000,
      unit: 's',
      limit: BURST_DEADLINE_MS / 1000,
      kind: 'max',
      digits: 1,
    },
    {
      budget: 'enroll p99 during the burst / quiet',
      value: jobs.baselineP99Ms > 0 ? jobs.burstP99Ms / jobs.baselineP99Ms : null,
      unit: 'x',
      limit: P99_FACTOR_LIMIT,
      kind: 'max',
      digits: 2,
    },
    {
      budget: 'idle job runner CPU',
      value: jobs.idleCpuShare * 100,
      unit: '%',
      limit: IDLE_CPU_LIMIT * 100,
      kind: 'max',
      digits: 2,
    },
  ];
  return { checks, failedRequests: 0 };
}
