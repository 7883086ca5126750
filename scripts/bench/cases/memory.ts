/**
 * The memory case: BENCH_MEMORY_SECONDS (60) of sustained mixed load — every connection
 * going round the catalog, course.list, lesson.get, the lesson page and video.progress —
 * then the resident memory of each server process. Issue 14's "RSS under 250 MiB" is
 * read per process: each process of a cluster is a whole server, and a box with more
 * cores runs more of them, so a total would judge the core count rather than the
 * server. The total is printed beside it.
 */
import type { Check } from '../budgets';
import { dataSet, ENROLLMENTS_PER_COURSE } from '../data-sets';
import { measure } from '../load';
import type { BenchOptions, WorkerMode } from '../options';
import { processTree, rssMiB } from '../proc-stats';
import * as scenarios from '../scenarios';
import { fixed, printTable } from '../table';
import { auroraWithLearners } from './signed-in';

const LIMIT_MIB = 250;

interface Memory {
  largestMiB: number | null;
  totalMiB: number | null;
  perProcess: string;
  failures: number;
  rps: number;
}

async function runMode(options: BenchOptions, mode: WorkerMode): Promise<Memory> {
  const set = await dataSet(options.dataDir, {
    courses: options.courses,
    enrollments: options.courses * ENROLLMENTS_PER_COURSE,
    benchLearners: options.learners,
  });
  const { server, world } = await auroraWithLearners(set, mode, options.learners, true);
  try {
    const mix = [
      scenarios.catalog(),
      scenarios.courseList(),
      scenarios.lessonGet(world),
      scenarios.lessonPage(world),
      scenarios.videoProgress(world),
    ];
    process.stdout.write(`\nmemory, Aurora with ${mode.label}: ${options.memorySeconds} s of mixed load … `);
    const run = await measure(
      server,
      mix.map((scenario) => scenario.request),
      { connections: options.connections, duration: options.memorySeconds },
    );
    const sizes = processTree(server.pid).flatMap((pid) => {
      const rss = rssMiB(pid);
      return rss === null ? [] : [rss];
    });
    console.log(`${run.rps.toFixed(0)} req/s, ${run.failures} failed`);
    return {
      largestMiB: sizes.length > 0 ? Math.max(...sizes) : null,
      totalMiB: sizes.length > 0 ? sizes.reduce((sum, size) => sum + size, 0) : null,
      perProcess: sizes.map((size) => size.toFixed(0)).join(' + '),
      failures: run.failures,
      rps: run.rps,
    };
  } finally {
    await server.stop();
  }
}

export async function benchMemory(
  options: BenchOptions,
): Promise<{ checks: Check[]; failedRequests: number }> {
  const rows: string[][] = [];
  let judged: Memory | null = null;
  let failedRequests = 0;
  for (const mode of options.modes) {
    judged = await runMode(options, mode);
    failedRequests += judged.failures;
    rows.push([
      mode.label,
      fixed(judged.rps),
      judged.perProcess || '–',
      fixed(judged.largestMiB),
      fixed(judged.totalMiB),
    ]);
  }
  console.log(`\nresident memory after ${options.memorySeconds} s of mixed load (MiB)\n`);
  printTable(['Aurora with', 'req/s', 'per process', 'largest', 'total'], rows);
  return {
    checks: [
      {
        budget: `RSS after ${options.memorySeconds} s load, largest process`,
        value: judged?.largestMiB ?? null,
        unit: 'MiB',
        limit: LIMIT_MIB,
        kind: 'max',
      },
    ],
    failedRequests,
  };
}
