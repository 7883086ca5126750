/**
 * Alternating rounds: every target runs once per round, in turn, and a target's figure
 * is the median over its rounds, so machine noise (other processes, CPU boost) is spread
 * over all targets instead of landing on whichever ran at a bad moment.
 */
import { measure, type RunResult } from './load';
import type { Server } from './processes';
import type { Scenario } from './scenarios';

export interface Target {
  /** Shown in progress lines and tables. */
  label: string;
  server: Server;
  scenario: Scenario;
}

export interface Summary {
  rps: number;
  p50: number;
  p99: number;
  cpuPerRequestUs: number | null;
  failures: number;
  refusals: string;
  processes: number;
  /** Requests completed over all rounds: none means the figures above describe nothing. */
  requests: number;
  roundRps: number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

function summarize(runs: readonly RunResult[]): Summary {
  const cpu = runs.flatMap((run) => (run.cpuPerRequestUs === null ? [] : [run.cpuPerRequestUs]));
  return {
    rps: median(runs.map((run) => run.rps)),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    cpuPerRequestUs: cpu.length > 0 ? median(cpu) : null,
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
    refusals: runs
      .map((run) => run.refusals)
      .filter(Boolean)
      .join(' '),
    processes: Math.max(...runs.map((run) => run.processes)),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    roundRps: runs.map((run) => run.rps),
  };
}

export async function alternatingRounds(
  targets: readonly Target[],
  load: { rounds: number; connections: number; duration: number; warmUp: number },
): Promise<Summary[]> {
  if (load.warmUp > 0) {
    process.stdout.write(`  warming up (${load.warmUp} s per target) … `);
    for (const target of targets)
      await measure(target.server, [target.scenario.request], {
        connections: load.connections,
        duration: load.warmUp,
      });
    console.log('done');
  }
  const runs: RunResult[][] = targets.map(() => []);
  for (let round = 1; round <= load.rounds; round++) {
    for (const [index, target] of targets.entries()) {
      process.stdout.write(`  round ${round}/${load.rounds}: ${target.label} … `);
      const result = await measure(target.server, [target.scenario.request], load);
      runs[index]?.push(result);
      const cpu = result.cpuPerRequestUs === null ? '' : `, ${result.cpuPerRequestUs.toFixed(0)} µs CPU/req`;
      const failed = result.failures > 0 ? `, ${result.failures} failed ${result.refusals}` : '';
      console.log(`${result.rps.toFixed(0)} req/s, p99 ${result.p99} ms${cpu}${failed}`);
    }
  }
  return runs.map(summarize);
}
