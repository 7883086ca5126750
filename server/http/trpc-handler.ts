import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { RequestListener } from 'node:http';
import { createContext, type AppServices } from '../trpc/context';
import { appRouter } from '../trpc/root';
import { requestFactsOf } from './request-facts';

export const TRPC_PATH = '/api/trpc';
/** Room for one base64 lesson attachment (25 MiB → 33.4 MiB) and its envelope; beyond it, 413. */
const MAX_BODY_BYTES = 36 * 1024 * 1024;

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
