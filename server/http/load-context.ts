/**
 * What Remix loaders and actions receive as `context`: a tRPC caller bound to the
 * request (same procedures and authorization as /api/trpc, without the HTTP hop), the
 * CSP nonce for rendering, and the headers procedures asked for (e.g. Set-Cookie).
 */
import type { AppLoadContext } from '@remix-run/node';
import type { IncomingMessage } from 'node:http';
import type { Context } from '../trpc/context';
import { createCaller, type Caller } from '../trpc/root';
import { nonceOf } from './request-nonce';

// The one place Remix's context type is widened; app/ sees it through the type alone.
declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    trpc: Caller;
    cspNonce: string;
    /** See NodeResponseHeaders: set here to replace a default header, e.g. a route's own CSP. */
    responseHeaders: Headers;
  }
}

/** `ctx` was built with a NodeResponseHeaders for this request's response. */
export function loadContextOf(ctx: Context, req: IncomingMessage): AppLoadContext {
  return { trpc: createCaller(ctx), cspNonce: nonceOf(req), responseHeaders: ctx.responseHeaders };
}
