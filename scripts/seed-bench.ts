/**
 * `npm run bench:seed -- --courses 100000 --enrollments 1000000 --data-dir DIR`: fills an
 * embedded data directory for the bench's data-scale case (scripts/bench/seed/seed.ts),
 * so that a slow seed is paid once and the bench reuses it (BENCH_SCALE_DATA_DIR=DIR).
 * A directory already seeded at that size is left as it is.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { seedBenchData } from './bench/seed/seed';

const count = z.coerce.number().int().nonnegative();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      courses: { type: 'string', default: process.env.BENCH_SEED_COURSES ?? '100000' },
      enrollments: { type: 'string', default: process.env.BENCH_SEED_ENROLLMENTS ?? '1000000' },
      'bench-learners': { type: 'string', default: process.env.BENCH_LEARNERS ?? '100' },
      'data-dir': { type: 'string', default: process.env.BENCH_SEED_DATA_DIR },
    },
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('say where: --data-dir DIR (a new or empty directory)');
  await seedBenchData(resolve(dataDir), {
    courses: count.parse(values.courses),
    enrollments: count.parse(values.enrollments),
    benchLearners: Math.max(1, count.parse(values['bench-learners'])),
  });
}

main()
  .then(
    // The job runner drained while seeding may leave a retry timer armed: nothing is left to do.
    () => process.exit(0),
  )
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
