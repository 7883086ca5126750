/**
 * `npm start` / `npm run dev`: configuration, then one of three ways to run — a single
 * process (AURORA_WORKERS=1, and always in development, where Vite's dev server and
 * its live reload belong to one process), or a cluster of worker processes behind a
 * primary (server/cluster/, decision 0034). Each way is loaded only where it runs, so
 * the primary never loads the HTTP layer.
 */
import cluster from 'node:cluster';
import { EnvError, loadEnv } from './env';

async function main(): Promise<void> {
  const env = loadEnv();
  const mode = process.env.AURORA_DEV === '1' ? 'development' : 'production';
  // React and Remix pick their production code paths from NODE_ENV when first imported
  // (with the build). `npm start` leaves it unset so that demo content is on (see
  // env.ts); the libraries must still run as production.
  if (mode === 'production') process.env.NODE_ENV ??= 'production';

  if (cluster.isWorker) {
    const { runWorker } = await import('./cluster/worker');
    return runWorker(env, mode);
  }
  if (env.workers > 1 && mode === 'production') {
    const { runPrimary } = await import('./cluster/primary');
    return runPrimary(env);
  }
  const { runSingleProcess } = await import('./runtime/single-process');
  return runSingleProcess(env, mode);
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) console.error(error.message);
  else console.error('Aurora could not start:', error);
  process.exit(1);
});
