/**
 * The tRPC context: what every procedure may know about the app and the request.
 * Built once per HTTP request (API calls and page loads alike). Procedures call services
 * with `ctx.scope` (server/services/scope.ts); authed procedures narrow it to a
 * `SignedInScope`.
 */
import type { Env } from '../env';
import type { AuthUser, Backend } from '../backend/port';
import { rememberingReads } from '../backend/request-reads';
import { authenticate, type Authentication } from '../services/identity/authenticate';
import {
  actingAs,
  visitorScope,
  type AppServices,
  type RequestFacts,
  type CookieScope,
} from '../services/scope';

export interface Context {
  services: AppServices;
  backend: Backend;
  env: Env;
  user: AuthUser | null;
  /** How `user` was established; procedures that touch the session (logout) need to know. */
  auth: Authentication;
  request: RequestFacts;
  /** Headers a procedure wants on the response (e.g. Set-Cookie); the HTTP layer copies them. */
  responseHeaders: Headers;
  /** What services are called with: the app's services, `user` as the actor, this request. */
  scope: CookieScope;
}

export async function createContext(
  services: AppServices,
  request: RequestFacts,
  responseHeaders: Headers = new Headers(),
): Promise<Context> {
  const visitor: CookieScope = { ...visitorScope(services, request), responseHeaders };
  const { user, auth } = await authenticate(visitor);
  return {
    // The one place a request's access is resolved; authed procedures keep it.
    scope: user ? actingAs(visitor, user) : visitor,
    services,
    backend: services.backend,
    env: services.env,
    user,
    auth,
    request,
    responseHeaders,
  };
}

/**
 * The context of one HTTP request: as createContext, with the request's reads remembered
 * until it writes (server/backend/request-reads.ts), so the procedures a page calls read
 * each row once. A GET or HEAD only shows things, so it reads content rows through
 * `services.displayBackend` (server/services/shared-reads.ts); any other method reads
 * fresh what it may change. Tests that keep one caller across steps use createContext.
 */
export function createRequestContext(
  services: AppServices,
  request: RequestFacts,
  options: { method: string | undefined; responseHeaders?: Headers },
): Promise<Context> {
  const shows = options.method === 'GET' || options.method === 'HEAD';
  const reads = (shows && services.displayBackend) || services.backend;
  return createContext({ ...services, backend: rememberingReads(reads) }, request, options.responseHeaders);
}
