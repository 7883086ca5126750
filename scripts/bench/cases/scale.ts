/**
 * The data-scale case: the catalog (visitor), a course page and a lesson page (enrolled
 * learner) on BENCH_BASE_COURSES (1,000) courses and on BENCH_SCALE_COURSES (100,000)
 * with BENCH_SCALE_ENROLLMENTS (1,000,000) enrollments, both servers up at once and
 * measured in alternating rounds. The cost is server CPU per request; the budget is the
 * large set's cost within 1.5x of the small one's, on all cores.
 */
import type { Check } from '../budgets';
import { dataSet, ENROLLMENTS_PER_COURSE, type DataSet } from '../data-sets';
import type { BenchOptions, WorkerMode } from '../options';
import { alternatingRounds, type Summary } from '../rounds';
import * as scenarios from '../scenarios';
import { fixed, printTable } from '../table';
import { auroraWithLearners } from './signed-in';

const PAGES = ['catalog', 'coursePage', 'lessonPage'] as const;
type Page = (typeof PAGES)[number];
type Costs = Record<Page, { base: Summary; large: Summary }>;

const LIMIT = 1.5;
const PAGE_NAMES: Record<Page, string> = {
  catalog: 'catalog (visitor)',
  coursePage: 'course page (learner)',
  lessonPage: 'lesson page (learner)',
};

async function runMode(
  options: BenchOptions,
  mode: WorkerMode,
  base: DataSet,
  large: DataSet,
): Promise<Costs> {
  const small = await auroraWithLearners(base, mode, options.learners, false);
  try {
    const big = await auroraWithLearners(large, mode, options.learners, false);
    try {
      const build = (world: scenarios.ScenarioWorld): Record<Page, scenarios.Scenario> => ({
        catalog: scenarios.catalog(),
        coursePage: scenarios.coursePage(world),
        lessonPage: scenarios.lessonPage(world),
      });
      const smallScenarios = build(small.world);
      const bigScenarios = build(big.world);
      const targets = PAGES.flatMap((page) => [
        {
          label: `${smallScenarios[page].name}, ${base.manifest.courses} courses`,
          server: small.server,
          scenario: smallScenarios[page],
        },
        {
          label: `${bigScenarios[page].name}, ${large.manifest.courses} courses`,
          server: big.server,
          scenario: bigScenarios[page],
        },
      ]);
      console.log(`\ndata scale, Aurora with ${mode.label}`);
      const summaries = await alternatingRounds(targets, options);
      const pair = (page: Page) => {
        const index = PAGES.indexOf(page);
        const [baseSummary, largeSummary] = summaries.slice(2 * index, 2 * index + 2);
        if (!baseSummary || !largeSummary) throw new Error(`no rounds of ${page}`);
        return { base: baseSummary, large: largeSummary };
      };
      const costs: Costs = {
        catalog: pair('catalog'),
        coursePage: pair('coursePage'),
        lessonPage: pair('lessonPage'),
      };
      const label = (set: DataSet) =>
        `${set.manifest.courses} courses / ${set.manifest.enrollments} enrollments`;
      console.log(`\ncost with data — Aurora with ${mode.label}: ${label(base)} vs ${label(large)}\n`);
      printTable(
        [
          'page',
          'CPU µs/req (small)',
          'CPU µs/req (large)',
          'ratio',
          'req/s (small)',
          'req/s (large)',
          'p99 ms (large)',
          'failed',
        ],
        PAGES.map((page) => {
          const { base: b, large: l } = costs[page];
          return [
            PAGE_NAMES[page],
            fixed(b.cpuPerRequestUs),
            fixed(l.cpuPerRequestUs),
            ratioText(ratioOf(b, l)),
            fixed(b.rps),
            fixed(l.rps),
            fixed(l.p99),
            String(b.failures + l.failures),
          ];
        }),
      );
      return costs;
    } finally {
      await big.server.stop();
    }
  } finally {
    await small.server.stop();
  }
}

const ratioText = (ratio: number | null): string =>
  ratio !== null && Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : fixed(ratio);

function ratioOf(base: Summary, large: Summary): number | null {
  // No request completed (on either set): the cost is beyond measure, which fails, not unknown.
  if (large.requests === 0 || base.requests === 0) return Number.POSITIVE_INFINITY;
  if (base.cpuPerRequestUs === null || large.cpuPerRequestUs === null || base.cpuPerRequestUs === 0)
    return null;
  return large.cpuPerRequestUs / base.cpuPerRequestUs;
}

export async function benchScale(
  options: BenchOptions,
): Promise<{ checks: Check[]; failedRequests: number }> {
  const base = await dataSet(null, {
    courses: options.baseCourses,
    enrollments: options.baseCourses * ENROLLMENTS_PER_COURSE,
    benchLearners: options.learners,
  });
  const large = await dataSet(options.scaleDataDir, {
    courses: options.scaleCourses,
    enrollments: options.scaleEnrollments,
    benchLearners: options.learners,
  });
  let judged: Costs | null = null;
  let failedRequests = 0;
  for (const mode of options.modes) {
    judged = await runMode(options, mode, base, large);
    for (const page of PAGES) failedRequests += judged[page].base.failures + judged[page].large.failures;
  }
  const ratio = (page: Page) => (judged ? ratioOf(judged[page].base, judged[page].large) : null);
  const checks: Check[] = [
    {
      budget: 'catalog cost, large / small data',
      value: ratio('catalog'),
      unit: 'x',
      limit: LIMIT,
      kind: 'max',
      digits: 2,
    },
    {
      budget: 'course page cost, large / small data',
      value: ratio('coursePage'),
      unit: 'x',
      limit: LIMIT,
      kind: 'max',
      digits: 2,
    },
    {
      budget: 'lesson page cost, large / small data',
      value: ratio('lessonPage'),
      unit: 'x',
      limit: LIMIT,
      kind: 'max',
      digits: 2,
    },
  ];
  return { checks, failedRequests };
}
