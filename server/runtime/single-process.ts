/**
 * AURORA_WORKERS=1 (and `npm run dev`): one process does everything — bootstrap, the
 * job runner, HTTP — and a stop signal finishes open requests before it exits.
 */
import type { Env } from '../env';
import { bootstrapIdentity } from '../services/identity/bootstrap';
import { backgroundScope } from '../services/scope';
import { openAppServices } from './app-services';
import { closeGracefully, serveHttp, type ServerMode } from './http-listener';
import { describeBackend, readyUrl } from './lifecycle';
import { startJobRunner } from './job-runner';

export async function runSingleProcess(env: Env, mode: ServerMode): Promise<void> {
  const opened = await openAppServices(env);
  // The configured admin (and, on a new embedded install, the demo accounts) before the first request.
  await bootstrapIdentity(backgroundScope(opened.services));
  const jobs = startJobRunner(opened.services, opened.outbox);
  const { server, address } = await serveHttp(opened.services, mode);
  console.log(`Aurora is ready on ${readyUrl(env, address.port)} (${describeBackend(env)})`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(`${signal} again: stopping now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: finishing open requests, then stopping`);
    await closeGracefully(server);
    try {
      await jobs?.stop();
      await opened.close();
      process.exit(0);
    } catch (error) {
      console.error('Aurora did not stop cleanly:', error);
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}
