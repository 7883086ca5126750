/**
 * The bench's knobs, all environment variables (read once, checked, with defaults), so
 * that `npm run bench` needs none and a smoke run is one line:
 *   BENCH_DURATION=2 BENCH_ROUNDS=1 BENCH_CASE=http npm run bench
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

function nonNegativeInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return value;
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const found = allowed.find((value) => value === raw);
  if (!found) throw new Error(`${name} must be one of ${allowed.join(', ')}, not "${raw}"`);
  return found;
}

function directory(name: string): string | null {
  const raw = process.env[name];
  return raw ? resolve(raw) : null;
}

function scenarioKeys(name: string): ReadonlySet<string> | null {
  const raw = process.env[name];
  if (!raw) return null;
  const keys = raw.split(',').map((key) => key.trim());
  const unknown = keys.filter((key) => !SCENARIO_KEYS.includes(key));
  if (unknown.length > 0)
    throw new Error(`${name}: unknown scenario ${unknown.join(', ')}; known: ${SCENARIO_KEYS.join(', ')}`);
  return new Set(keys);
}

const SCENARIO_KEYS = ['catalog', 'courseList', 'lessonGet', 'lessonPage', 'videoProgress'];

export const CASES = ['all', 'http', 'scale', 'memory', 'jobs'] as const;
export type BenchCase = (typeof CASES)[number];

/** How many server processes: AURORA_WORKERS=1, and the server's default (every core). */
export interface WorkerMode {
  label: string;
  /** AURORA_WORKERS for the server; null leaves it unset (the default). */
  workers: string | null;
}

const cores = availableParallelism();
const ONE: WorkerMode = { label: '1 process', workers: '1' };
const ALL: WorkerMode = { label: `all cores (${cores})`, workers: null };
const MODES = { both: cores > 1 ? [ONE, ALL] : [ALL], one: [ONE], all: [ALL] } as const;

export const options = {
  benchCase: oneOf('BENCH_CASE', CASES, 'all'),
  duration: positiveInt('BENCH_DURATION', 10),
  connections: positiveInt('BENCH_CONNECTIONS', 50),
  rounds: positiveInt('BENCH_ROUNDS', 3),
  /** Seconds of unmeasured load per target before the rounds (JIT, caches); 0 for none. */
  warmUp: nonNegativeInt('BENCH_WARMUP', 2),
  /** BENCH_MODES=one|all|both: which worker modes to run (budgets are judged on all cores). */
  modes: MODES[oneOf('BENCH_MODES', ['both', 'one', 'all'] as const, 'both')],
  /** The published courses of the HTTP and memory cases' data set (issue 14: 300). */
  courses: positiveInt('BENCH_COURSES', 300),
  /** Learners signed in for the learner scenarios; each watches every video lesson. */
  learners: positiveInt('BENCH_LEARNERS', 100),
  /** A data directory seeded at BENCH_COURSES for the HTTP and memory cases (else a temporary one). */
  dataDir: directory('BENCH_DATA_DIR'),
  /** The large data set of the scale case, seeded once by `npm run bench:seed` (else now). */
  scaleDataDir: directory('BENCH_SCALE_DATA_DIR'),
  scaleCourses: positiveInt('BENCH_SCALE_COURSES', 100_000),
  scaleEnrollments: positiveInt('BENCH_SCALE_ENROLLMENTS', 1_000_000),
  /** The scale case's baseline: issue 14 compares with 1,000 courses (10 enrollments each). */
  baseCourses: positiveInt('BENCH_BASE_COURSES', 1000),
  memorySeconds: positiveInt('BENCH_MEMORY_SECONDS', 60),
  /** BENCH_SCENARIOS=lessonPage,courseList: only these HTTP scenarios (and bare node), e.g. to profile one. */
  only: scenarioKeys('BENCH_SCENARIOS'),
  jobEnrollments: positiveInt('BENCH_ENROLLMENTS', 1000),
} as const;

export type BenchOptions = typeof options;
