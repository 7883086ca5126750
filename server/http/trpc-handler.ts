import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { ProcedureType, TRPCError } from '@trpc/server';
import type { IncomingMessage, RequestListener } from 'node:http';
import { createRequestContext, type Context } from '../trpc/context';
import { type AppServices } from '../services/scope';
import { appRouter } from '../trpc/root';
import { requestFactsOf } from './request-facts';

export const TRPC_PATH = '/api/trpc';
/**
 * Calls per batched request. One request of many registrations or sign-ins would run
 * that many password hashes at once; @trpc/client batches far fewer in practice.
 */
export const MAX_BATCH_SIZE = 10;

/** `/api/trpc/a.b,c.d?batch=1` → `['a.b', 'c.d']`. */
export function procedurePathsOf(pathname: string): string[] {
  const names = pathname.slice(TRPC_PATH.length + 1);
  return names ? names.split(',') : [];
}

/** What tRPC tells `onError` about a failed call. */
export interface TrpcFailure {
  error: TRPCError;
  path: string | undefined;
  type: ProcedureType | 'unknown';
  input: unknown;
  ctx: Context | undefined;
  req: IncomingMessage;
}

/**
 * What the endpoint does around a call, whichever path serves it (tRPC's adapter or
 * trpc-single-call.ts): the context, the answer's headers, the log of failures.
 */
export interface TrpcHooks {
  createContext(req: IncomingMessage): Promise<Context>;
  responseMeta(opts: { ctx?: Context; errors: readonly TRPCError[] }): { headers: Headers };
  onError(failure: TrpcFailure): void;
}

export function trpcHooks(services: AppServices): TrpcHooks {
  return {
    createContext: (req) =>
      createRequestContext(services, requestFactsOf(req, services.env.trustedProxies), {
        method: req.method,
      }),
    responseMeta({ ctx, errors }) {
      const headers = new Headers(ctx?.responseHeaders);
      // Answers depend on who asks; shared caches must not keep them.
      if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'private, no-store');
      // The rest of a body past the limit is not read; the connection cannot be reused.
      if (errors.some((error) => error.code === 'PAYLOAD_TOO_LARGE')) headers.set('Connection', 'close');
      return { headers };
    },
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        console.error(`tRPC ${path ?? '(unknown path)'} failed:`, error);
    },
  };
}

/**
 * The public tRPC endpoint, served by tRPC's own Node adapter (no Express, no Remix in
 * the way). `maxBodySize` is the limit the request gate chose (body-limits.ts); tRPC
 * counts a chunked body against it as it reads. Single calls usually take the lean path
 * in front of it (trpc-single-call.ts); this serves the rest.
 */
export function createTrpcHandler(hooks: TrpcHooks, options: { maxBodySize: number }): RequestListener {
  return createHTTPHandler({
    router: appRouter,
    basePath: `${TRPC_PATH}/`,
    maxBodySize: options.maxBodySize,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ req }) => hooks.createContext(req),
    responseMeta: hooks.responseMeta,
    onError: hooks.onError,
  });
}
