/**
 * One measured run: autocannon against a server for a while, and the server's CPU (its
 * whole process tree, from /proc) over the same span, so each result carries req/s, p99
 * and CPU microseconds per request.
 */
import { createRequire } from 'node:module';
import { cpuMeter, procAvailable, processTree } from './proc-stats';
import type { Server } from './processes';

/** A request as autocannon builds it; `setupRequest` may change it before each send. */
export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: LoadRequest) => LoadRequest;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: LoadRequest[];
}) => Promise<AutocannonResult>;

// autocannon ships no types; this is the slice of its programmatic API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface RunResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  /** Status codes other than 2xx, e.g. `429×12`; empty when there were none. */
  refusals: string;
  /** Server CPU per request in µs; null without /proc. */
  cpuPerRequestUs: number | null;
  /** Server processes seen at the end of the run (a cluster shows its workers). */
  processes: number;
}

const SETTLE_STEP_MS = 200;
/** Below a tenth of a core over a step, the server has worked off what the last run left. */
const IDLE_MICROS_PER_STEP = SETTLE_STEP_MS * 100;
const SETTLE_LIMIT_MS = 30_000;

/**
 * Waits until the server is idle: requests still queued when a run ends (the client has
 * gone, the server works on) would otherwise be charged to the next run.
 */
async function settle(server: Server): Promise<void> {
  if (!procAvailable) return;
  const meter = cpuMeter(server.pid);
  let last = meter.sample();
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
    const now = meter.sample();
    if (now - last < IDLE_MICROS_PER_STEP) return;
    last = now;
  }
}

export async function measure(
  server: Server,
  requests: LoadRequest[],
  load: { connections: number; duration: number },
): Promise<RunResult> {
  const meter = cpuMeter(server.pid);
  const before = meter.sample();
  const result = await autocannon({ url: server.url, ...load, requests });
  const cpu = meter.sample() - before;
  await settle(server);
  const refusals = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, stats]) => `${code}×${stats.count}`)
    .join(' ');
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    refusals,
    cpuPerRequestUs: procAvailable && result.requests.total > 0 ? cpu / result.requests.total : null,
    processes: processTree(server.pid).length,
  };
}
