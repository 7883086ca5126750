import type { Env } from '../env';
import type { Outbox } from './events';
import type { Backend } from './port';

export interface RunningBackend {
  backend: Backend;
  /** The durable event queue in embedded mode; Appwrite delivers events to Functions itself. */
  outbox: Outbox | null;
}

/** Opens the configured backend. Adapters are loaded lazily so each mode loads only its own driver. */
export async function openBackend(env: Env): Promise<RunningBackend> {
  if (env.backend === 'appwrite') {
    if (!env.appwrite)
      throw new Error('appwrite mode needs APPWRITE_ENDPOINT, APPWRITE_PROJECT_ID, APPWRITE_API_KEY');
    const { createAppwriteBackend } = await import('./appwrite/index');
    return { backend: createAppwriteBackend(env.appwrite), outbox: null };
  }
  const { createEmbeddedBackend } = await import('./embedded/index');
  const backend = await createEmbeddedBackend({ dataDir: env.dataDir });
  return { backend, outbox: backend.outbox };
}
