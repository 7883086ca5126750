/**
 * One worker of the cluster (decision 0034): it opens the backend (the primary already
 * migrated it and created the configured accounts), serves the shared port, relays
 * catalog changes, and never runs jobs — the primary does. SIGTERM (from the primary) or
 * SIGINT (Ctrl-C reaches the whole process group) stops it gracefully once it serves;
 * before that there is nothing to finish and it exits at once. A second signal changes
 * nothing: the primary decides when waiting is over. A worker whose primary is gone
 * exits at once (node:cluster does that when the IPC channel closes).
 */
import type { Env } from '../env';
import { openAppServices } from '../runtime/app-services';
import { closeGracefully, serveHttp, type ServerMode } from '../runtime/http-listener';
import { relayWorkerCatalogChanges } from './catalog-relay';
import { primaryChannel } from './channels';

export async function runWorker(env: Env, mode: ServerMode): Promise<void> {
  const exitNow = () => process.exit(0);
  process.on('SIGINT', exitNow);
  process.on('SIGTERM', exitNow);

  const opened = await openAppServices(env);
  const stopRelay = relayWorkerCatalogChanges(primaryChannel());
  const { server } = await serveHttp(opened.services, mode);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    stopRelay();
    await closeGracefully(server);
    try {
      await opened.close();
      process.exit(0);
    } catch (error) {
      console.error('an Aurora worker did not stop cleanly:', error);
      process.exit(1);
    }
  };
  process.off('SIGINT', exitNow);
  process.off('SIGTERM', exitNow);
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
