import type { ServerBuild } from '@remix-run/node';
import type { Server } from 'node:http';
import type { ViteDevServer } from 'vite';

export interface ViteDev {
  vite: ViteDevServer;
  loadBuild: () => Promise<ServerBuild>;
}

/**
 * Development: Vite compiles app/ on demand and hot-reloads it. Loaded lazily so a
 * production server never needs Vite installed. HMR shares the app's own port.
 */
export async function startViteDev(httpServer: Server): Promise<ViteDev> {
  const { createServer } = await import('vite');
  const vite = await createServer({
    server: { middlewareMode: true, hmr: { server: httpServer } },
    appType: 'custom',
  });
  const loadBuild = async () => (await vite.ssrLoadModule('virtual:remix/server-build')) as ServerBuild;
  return { vite, loadBuild };
}
