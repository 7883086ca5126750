import { Query, type TablesDB } from 'node-appwrite';
import type { BackendHealth } from '../port';
import { toBackendError } from './errors';

/**
 * Lists one database: cheap, needs only the `databases.read` scope the adapter needs
 * anyway (node-appwrite 27 has no Health service), and proves endpoint, project and
 * API key together. Never throws: a failure is the answer.
 */
export async function checkHealth(db: TablesDB): Promise<BackendHealth> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    await db.list({ queries: [Query.limit(1)] });
    return { backend: 'appwrite', ok: true, latencyMs: latency() };
  } catch (error) {
    return { backend: 'appwrite', ok: false, latencyMs: latency(), detail: toBackendError(error).message };
  }
}
