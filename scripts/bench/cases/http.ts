/**
 * The HTTP case: issue 14's five scenarios on BENCH_COURSES (300) published courses,
 * in alternating rounds with bare node:http, once per worker mode. Budgets are taken
 * from the all-cores mode (the last one run).
 */
import type { Check } from '../budgets';
import { dataSet, ENROLLMENTS_PER_COURSE } from '../data-sets';
import type { BenchOptions, WorkerMode } from '../options';
import { startHelloWorld } from '../processes';
import { printScenarios } from '../report';
import { alternatingRounds, type Summary } from '../rounds';
import * as scenarios from '../scenarios';
import { auroraWithLearners } from './signed-in';

export type HttpResults = Partial<Record<scenarios.ScenarioKey, Summary>>;

async function runMode(options: BenchOptions, mode: WorkerMode): Promise<HttpResults> {
  const set = await dataSet(options.dataDir, {
    courses: options.courses,
    enrollments: options.courses * ENROLLMENTS_PER_COURSE,
    benchLearners: options.learners,
  });
  const hello = await startHelloWorld();
  try {
    const { server, world } = await auroraWithLearners(set, mode, options.learners, true);
    try {
      const list = [
        scenarios.hello,
        scenarios.catalog(),
        scenarios.courseList(),
        scenarios.lessonGet(world),
        scenarios.lessonPage(world),
        scenarios.videoProgress(world),
      ].filter((scenario) => scenario.key === 'hello' || !options.only || options.only.has(scenario.key));
      const targets = list.map((scenario) => ({
        label: scenario.name,
        server: scenario.key === 'hello' ? hello : server,
        scenario,
      }));
      console.log(`\nHTTP scenarios, Aurora with ${mode.label} (${set.manifest.courses} courses)`);
      const summaries = await alternatingRounds(targets, options);
      const results: HttpResults = {};
      for (const [index, scenario] of list.entries()) {
        const summary = summaries[index];
        if (summary) results[scenario.key] = summary;
      }
      printScenarios(
        `${options.connections} connections, ${options.duration} s per run, ${options.rounds} round(s), medians — Aurora with ${mode.label}`,
        list.map((scenario, index) => ({ name: scenario.name, summary: summaries[index] as Summary })),
        results.hello ?? null,
      );
      return results;
    } finally {
      await server.stop();
    }
  } finally {
    await hello.stop();
  }
}

export async function benchHttp(options: BenchOptions): Promise<{ checks: Check[]; failedRequests: number }> {
  let judged: HttpResults = {};
  let failedRequests = 0;
  for (const mode of options.modes) {
    judged = await runMode(options, mode);
    failedRequests += Object.values(judged).reduce((sum, summary) => sum + summary.failures, 0);
  }
  const rps = (key: scenarios.ScenarioKey) => judged[key]?.rps ?? null;
  // A scenario whose requests all outlasted the run has no p99: it is over every budget.
  const p99 = (key: scenarios.ScenarioKey) => {
    const summary = judged[key];
    if (!summary) return null;
    return summary.requests > 0 ? summary.p99 : Number.POSITIVE_INFINITY;
  };
  const checks: Check[] = [
    { budget: '/catalog (visitor) req/s', value: rps('catalog'), unit: 'req/s', limit: 1500, kind: 'min' },
    { budget: '/catalog (visitor) p99', value: p99('catalog'), unit: 'ms', limit: 50, kind: 'max' },
    {
      budget: 'lesson page (learner) req/s',
      value: rps('lessonPage'),
      unit: 'req/s',
      limit: 800,
      kind: 'min',
    },
    { budget: 'lesson page (learner) p99', value: p99('lessonPage'), unit: 'ms', limit: 100, kind: 'max' },
    { budget: 'course.list req/s', value: rps('courseList'), unit: 'req/s', limit: 2000, kind: 'min' },
    { budget: 'lesson.get req/s', value: rps('lessonGet'), unit: 'req/s', limit: 2000, kind: 'min' },
    { budget: 'video.progress req/s', value: rps('videoProgress'), unit: 'req/s', limit: 3000, kind: 'min' },
  ];
  return { checks, failedRequests };
}
