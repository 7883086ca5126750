/**
 * `npm run bench`: every budget of issue 14 (and issue 12's background jobs), measured.
 *
 * Cases (BENCH_CASE, default all):
 * - http: the five scenarios of issue 14 on 300 published courses, in alternating
 *   rounds with a bare node:http server: req/s, p99, server CPU per request, and the
 *   ratio to bare node (scripts/bench/cases/http.ts);
 * - scale: catalog, course page and lesson page cost at 1,000 courses and at 100,000
 *   courses with 1,000,000 enrollments (cases/scale.ts; seed the large set once with
 *   `npm run bench:seed` and pass it as BENCH_SCALE_DATA_DIR);
 * - memory: RSS after 60 s of sustained mixed load (cases/memory.ts);
 * - jobs: the background-job budgets (scripts/bench-jobs.ts).
 * Each server case runs with AURORA_WORKERS=1 and with the default (every core); the
 * budgets are judged on all cores. The final table lists budget, measurement and
 * verdict; the exit code is non-zero when a budget is missed by more than 20% or a
 * request failed.
 *
 *   BENCH_DURATION=2 BENCH_ROUNDS=1 BENCH_CASE=http npm run bench     # a quick smoke run
 *   BENCH_CASE=scale BENCH_SCALE_DATA_DIR=/var/tmp/aurora-100k npm run bench
 * Every knob is in scripts/bench/options.ts.
 */
import { printBudgets, type Check } from './bench/budgets';
import { benchHttp } from './bench/cases/http';
import { benchJobs } from './bench/cases/jobs';
import { benchMemory } from './bench/cases/memory';
import { benchScale } from './bench/cases/scale';
import { removeTemporaryDataSets } from './bench/data-sets';
import { options, type BenchCase } from './bench/options';
import { assertBuilt } from './bench/processes';

type CaseRun = (opts: typeof options) => Promise<{ checks: Check[]; failedRequests: number }>;

const RUNS: ReadonlyArray<[Exclude<BenchCase, 'all'>, CaseRun]> = [
  ['http', benchHttp],
  ['scale', benchScale],
  ['memory', benchMemory],
  ['jobs', benchJobs],
];

async function main(): Promise<boolean> {
  const wanted = RUNS.filter(([name]) => options.benchCase === 'all' || options.benchCase === name);
  if (wanted.some(([name]) => name !== 'jobs')) assertBuilt();
  const checks: Check[] = [];
  let failedRequests = 0;
  for (const [, run] of wanted) {
    const result = await run(options);
    checks.push(...result.checks);
    failedRequests += result.failedRequests;
  }
  const servers = wanted.some(([name]) => name !== 'jobs');
  const judgedOn = servers
    ? `Aurora with ${options.modes.at(-1)?.label ?? 'all cores'}`
    : 'the job runner, in process';
  const withinBudget = printBudgets(checks, judgedOn);
  if (failedRequests > 0) console.log(`\n${failedRequests} request(s) failed (see the tables above)`);
  return withinBudget && failedRequests === 0;
}

process.once('SIGINT', () => {
  removeTemporaryDataSets();
  process.exit(130);
});

main()
  .then((passed) => {
    removeTemporaryDataSets();
    // Servers are stopped; a timer of a drained job runner (seeding) must not hold the exit.
    process.exit(passed ? 0 : 1);
  })
  .catch((error: unknown) => {
    removeTemporaryDataSets();
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
