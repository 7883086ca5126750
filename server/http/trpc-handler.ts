import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { RequestListener } from 'node:http';
import { createContext, type AppServices } from '../trpc/context';
import { appRouter } from '../trpc/root';
import { requestFactsOf } from './request-facts';

export const TRPC_PATH = '/api/trpc';
/** Room for a batch carrying one base64 avatar (2 MiB → 2.7 MiB) and more; beyond it, 413. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The public tRPC endpoint, served by tRPC's own Node adapter (no Express, no Remix in the way). */
export function createTrpcHandler(services: AppServices): RequestListener {
  return createHTTPHandler({
    router: appRouter,
    basePath: `${TRPC_PATH}/`,
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req }) => createContext(services, requestFactsOf(req, services.env.trustedProxies)),
    responseMeta({ ctx }) {
      const headers = new Headers(ctx?.responseHeaders);
      // Answers depend on who asks; shared caches must not keep them.
      if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'private, no-store');
      return { headers };
    },
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        console.error(`tRPC ${path ?? '(unknown path)'} failed:`, error);
    },
  });
}
