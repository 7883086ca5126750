/**
 * What Remix loaders and actions receive as `context`: a tRPC caller bound to the
 * request (same procedures and authorization as /api/trpc, without the HTTP hop), the
 * CSP nonce for rendering, and the headers procedures asked for (e.g. Set-Cookie).
 */
import type { AppLoadContext } from '@remix-run/node';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createContext, type AppServices } from '../trpc/context';
import { createCaller, type Caller } from '../trpc/root';
import { requestFactsOf } from './request-facts';
import { nonceOf } from './request-nonce';
import { NodeResponseHeaders } from './response-headers';

// The one place Remix's context type is widened; app/ sees it through the type alone.
declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    trpc: Caller;
    cspNonce: string;
    /** See NodeResponseHeaders: set here to replace a default header, e.g. a route's own CSP. */
    responseHeaders: Headers;
  }
}

export async function createLoadContext(
  services: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<AppLoadContext> {
  const responseHeaders = new NodeResponseHeaders(res);
  const facts = requestFactsOf(req, services.env.trustedProxies);
  const ctx = await createContext(services, facts, responseHeaders);
  return { trpc: createCaller(ctx), cspNonce: nonceOf(req), responseHeaders };
}
