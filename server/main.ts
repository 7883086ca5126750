/**
 * `npm start` / `npm run dev`: configuration, backend, HTTP server, and a clean stop.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openBackend } from './backend/index';
import { EnvError, loadEnv, type Env } from './env';
import { createHttpServer } from './http/server';
import { bootstrapIdentity } from './services/identity/bootstrap';
import { createJobContext, mailerFor } from './jobs/context';
import { jobs as jobList } from './jobs/index';
import { assertValidJobs } from './jobs/registry-check';
import { createJobRunner } from './jobs/runner';
import { backgroundScope } from './services/scope';

/** Requests still running this long after a stop signal are cut off. */
const SHUTDOWN_GRACE_MS = 10_000;

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function describeBackend(env: Env): string {
  return env.backend === 'appwrite'
    ? `appwrite backend at ${env.appwrite?.endpoint ?? '?'}`
    : `embedded backend, data in ${env.dataDir}`;
}

async function main(): Promise<void> {
  const env = loadEnv();
  const mode = process.env.AURORA_DEV === '1' ? 'development' : 'production';
  // React and Remix pick their production code paths from NODE_ENV when first imported
  // (below, with the build). `npm start` leaves it unset so that demo content is on
  // (see env.ts); the libraries must still run as production.
  if (mode === 'production') process.env.NODE_ENV ??= 'production';

  const { backend, outbox } = await openBackend(env);
  const mailer = mailerFor(env);
  const services = { env, backend, startedAt: new Date(), now: () => new Date(), mailer };
  // The configured admin (and, on a new embedded install, the demo accounts) before the first request.
  await bootstrapIdentity(backgroundScope(services));
  // Embedded mode runs the jobs in-process (outbox events and schedules, a missed run caught
  // up); Appwrite runs the same jobs as Functions. In both modes a job list with a pattern or
  // schedule Appwrite would refuse stops the start here.
  assertValidJobs(jobList);
  const jobs = outbox
    ? createJobRunner({
        jobs: jobList,
        outbox,
        context: createJobContext({ backend, mailer, env, now: services.now }),
      })
    : null;
  // Not awaited: a catch-up run must not hold back the first request.
  jobs?.start().catch((error: unknown) => console.error('[jobs] the job runner did not start:', error));
  const server = await createHttpServer(services, { mode, buildDir: process.env.AURORA_BUILD_DIR });
  const address = await listen(server, env.host, env.port).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE'
      ? new EnvError(
          `Aurora cannot start: ${env.host}:${env.port} is already in use (set PORT to another port)`,
        )
      : error;
  });
  const url = env.port === 0 ? `http://${env.host}:${address.port}/` : env.publicUrl.href;
  console.log(`Aurora is ready on ${url} (${describeBackend(env)})`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(`${signal} again: stopping now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: finishing open requests, then stopping`);
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    const closed = new Promise((resolve) => server.close(resolve));
    // Keep-alive connections with no request in flight would hold close() open.
    server.closeIdleConnections();
    await closed;
    clearTimeout(force);
    try {
      await jobs?.stop();
      await mailer.close();
      await backend.close();
      process.exit(0);
    } catch (error) {
      console.error('Aurora did not stop cleanly:', error);
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) console.error(error.message);
  else console.error('Aurora could not start:', error);
  process.exit(1);
});
