/**
 * `npm run bench`: how fast is Aurora next to the fastest possible Node server?
 *
 * Starts, each in its own process on a free 127.0.0.1 port, a bare node:http
 * hello-world and the real Aurora server (production build, embedded backend in a
 * temporary folder), then runs alternating rounds of hello-world, GET /api/trpc/health
 * and GET / (the home page) with autocannon, and prints the median of the rounds.
 * Alternating rounds spread machine noise (other processes, CPU boost) over all targets.
 *
 *   BENCH_DURATION=10 BENCH_CONNECTIONS=50 BENCH_ROUNDS=3 npm run bench
 *   BENCH_DURATION=2 BENCH_ROUNDS=1 npm run bench        # a quick smoke run
 *   BENCH_CASE=jobs npm run bench                        # only the background-jobs budgets
 *
 * Then the background-jobs budgets of issue 12 (scripts/bench-jobs.ts): a burst of
 * BENCH_ENROLLMENTS enrollments, every welcome mail delivered to a test SMTP server in
 * 30 s with enroll's p99 within 1.5x of its quiet p99, and an idle runner under 1% CPU.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBackgroundJobs } from './bench-jobs';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;

// autocannon ships no types; this is the slice of its programmatic API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const root = fileURLToPath(new URL('..', import.meta.url));

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

const DURATION = positiveInt('BENCH_DURATION', 10);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 50);
const ROUNDS = positiveInt('BENCH_ROUNDS', 3);
const ENROLLMENTS = positiveInt('BENCH_ENROLLMENTS', 1000);
const CASE = process.env.BENCH_CASE ?? 'all';

// What a browser sends, so a server that compresses is measured doing it.
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html,*/*' };

const HELLO_WORLD = `
require('node:http')
  .createServer((req, res) => res.end('Hello, world!'))
  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} was not ready within 60 s (${url})`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

interface Target {
  name: string;
  url: string;
  rounds: AutocannonResult[];
}

function printTable(targets: Target[]): void {
  const rows = targets.map((target) => {
    const rps = target.rounds.map((round) => round.requests.average);
    return [
      target.name,
      median(rps).toFixed(0),
      median(target.rounds.map((round) => round.latency.p99)).toFixed(1),
      median(target.rounds.map((round) => round.latency.p50)).toFixed(1),
      rps.map((value) => value.toFixed(0)).join(' / '),
      String(target.rounds.reduce((sum, round) => sum + round.non2xx + round.errors + round.timeouts, 0)),
    ];
  });
  const header = ['target', 'median req/s', 'p99 ms', 'p50 ms', 'req/s per round', 'failures'];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  console.log(
    `\n${CONNECTIONS} connections, ${DURATION} s per run, ${ROUNDS} round(s); medians over rounds\n`,
  );
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  if (CASE !== 'jobs') await benchHttp();
  if (CASE !== 'http') {
    const jobs = await benchBackgroundJobs(ENROLLMENTS);
    if (!jobs.passed) throw new Error('the background jobs are over budget (see above)');
  }
}

async function benchHttp(): Promise<void> {
  if (!existsSync(join(root, 'build/server/index.js')))
    throw new Error('no production build: run npm run build first');

  const children: ChildProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'aurora-bench-'));
  const cleanUp = async () => {
    await Promise.all(children.map(stop));
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

  try {
    const [helloPort, auroraPort] = await Promise.all([freePort(), freePort()]);
    const hello = spawn(process.execPath, ['-e', HELLO_WORLD], {
      env: { ...process.env, PORT: String(helloPort) },
      stdio: 'ignore',
    });
    children.push(hello);
    const aurora = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(auroraPort),
        AURORA_PUBLIC_URL: `http://127.0.0.1:${auroraPort}`,
        AURORA_BACKEND: 'embedded',
        AURORA_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(aurora);

    const helloUrl = `http://127.0.0.1:${helloPort}/`;
    const auroraUrl = `http://127.0.0.1:${auroraPort}`;
    await Promise.all([
      waitUntilUp(helloUrl, hello, 'the hello-world server'),
      waitUntilUp(`${auroraUrl}/healthz`, aurora, 'Aurora'),
    ]);

    const targets: Target[] = [
      { name: 'node:http hello world', url: helloUrl, rounds: [] },
      { name: 'GET /api/trpc/health', url: `${auroraUrl}/api/trpc/health`, rounds: [] },
      { name: 'GET / (home page)', url: `${auroraUrl}/`, rounds: [] },
    ];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const target of targets) {
        process.stdout.write(`round ${round}/${ROUNDS}: ${target.name} … `);
        const result = await autocannon({
          url: target.url,
          connections: CONNECTIONS,
          duration: DURATION,
          headers: BROWSER_HEADERS,
        });
        target.rounds.push(result);
        console.log(`${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`);
      }
    }
    printTable(targets);
    const failures = targets
      .flatMap((target) => target.rounds)
      .some((r) => r.non2xx + r.errors + r.timeouts > 0);
    if (failures) throw new Error('some requests failed (see the failures column)');
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
