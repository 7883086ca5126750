/**
 * The long-lived services one server process builds at start, the same in a single
 * process, in the cluster's primary and in each of its workers: the backend (with the
 * content rows its GET requests share, services/shared-reads.ts), the mailer and the
 * clock, plus one way to let go of them at the end.
 */
import type { Outbox } from '../backend/events';
import { openBackend } from '../backend/index';
import type { Env } from '../env';
import { mailerFor } from '../jobs/context';
import type { AppServices } from '../services/scope';
import { shareContentReads } from '../services/shared-reads';

export interface OpenedServices {
  services: AppServices;
  /** The embedded outbox the job runner reads; null in Appwrite mode. */
  outbox: Outbox | null;
  /** Closes the mailer's connections and the backend. */
  close(): Promise<void>;
}

export async function openAppServices(env: Env): Promise<OpenedServices> {
  const { backend, outbox } = await openBackend(env);
  const mailer = mailerFor(env);
  // Everything this process writes goes through `shared.backend`, so its content writes drop the shared rows.
  const shared = shareContentReads(backend);
  const services: AppServices = {
    env,
    backend: shared.backend,
    displayBackend: shared.forDisplay,
    startedAt: new Date(),
    now: () => new Date(),
    mailer,
  };
  return {
    services,
    outbox,
    async close() {
      shared.close();
      await mailer.close();
      await backend.close();
    },
  };
}
