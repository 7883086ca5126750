/**
 * A started server with its signed-in world: sessions (made before the server starts,
 * through the port) and progress tokens (taken from the server like a browser's), ready
 * for the scenario builders.
 */
import { signInLearners, watchersOf } from '../learners';
import type { DataSet } from '../data-sets';
import type { WorkerMode } from '../options';
import { startAurora, type Server } from '../processes';
import type { ScenarioWorld } from '../scenarios';

export async function auroraWithLearners(
  set: DataSet,
  mode: WorkerMode,
  learnerCount: number,
  withWatchers: boolean,
): Promise<{ server: Server; world: ScenarioWorld }> {
  const learners = await signInLearners(set.dataDir, set.manifest, learnerCount);
  const server = await startAurora(set.dataDir, mode);
  try {
    const watchers = withWatchers
      ? await watchersOf(server.url, set.dataDir, learners, set.manifest.videoLessonIds)
      : [];
    return { server, world: { baseUrl: server.url, manifest: set.manifest, learners, watchers } };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
