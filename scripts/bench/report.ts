/**
 * The per-mode table of the HTTP case: each scenario's medians beside bare node:http
 * measured in the same rounds — its share of bare node's req/s and its CPU per request
 * as a multiple of bare node's.
 */
import type { Summary } from './rounds';
import { fixed, printTable } from './table';

export interface ScenarioRow {
  name: string;
  summary: Summary;
}

export function printScenarios(title: string, rows: readonly ScenarioRow[], bare: Summary | null): void {
  console.log(`\n${title}\n`);
  const header = [
    'scenario',
    'req/s',
    'p99 ms',
    'p50 ms',
    'CPU µs/req',
    'req/s vs bare',
    'CPU vs bare',
    'processes',
    'failed',
    'req/s per round',
  ];
  const share = (summary: Summary) =>
    bare && bare.rps > 0 ? `${((100 * summary.rps) / bare.rps).toFixed(1)}%` : '–';
  const cost = (summary: Summary) =>
    bare?.cpuPerRequestUs && summary.cpuPerRequestUs !== null
      ? `${(summary.cpuPerRequestUs / bare.cpuPerRequestUs).toFixed(1)}x`
      : '–';
  printTable(
    header,
    rows.map(({ name, summary }) => [
      name,
      fixed(summary.rps),
      fixed(summary.p99),
      fixed(summary.p50),
      fixed(summary.cpuPerRequestUs),
      share(summary),
      cost(summary),
      String(summary.processes),
      summary.failures > 0 ? `${summary.failures} (${summary.refusals || 'errors'})` : '0',
      summary.roundRps.map((rps) => rps.toFixed(0)).join(' / '),
    ]),
  );
}
