/**
 * The tRPC context: what every procedure may know about the app and the request.
 * Built once per HTTP request (API calls and page loads alike).
 */
import type { Env } from '../env';
import type { AuthUser, Backend } from '../backend/port';
import { authenticate, type Authentication } from '../services/identity/authenticate';

/** Long-lived things the server builds once at start. */
export interface AppServices {
  env: Env;
  backend: Backend;
  startedAt: Date;
  /** The clock for windows, expiries and timestamps written by services; tests move it. */
  now: () => Date;
}

/** What the HTTP layer learned about the request; see server/http/request-facts.ts. */
export interface RequestFacts {
  clientIp: string;
  userAgent: string;
  /** The Origin (or, lacking it, Referer origin) header, for cross-site request checks. */
  origin: string | null;
  sessionSecret: string | null;
  /** The raw known-device cookie (decision 0016), checked only by sign-in. */
  knownDevice: string | null;
  bearerToken: string | null;
}

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
}

export async function createContext(
  services: AppServices,
  request: RequestFacts,
  responseHeaders: Headers = new Headers(),
): Promise<Context> {
  const { user, auth } = await authenticate(services, request, responseHeaders);
  return {
    services,
    backend: services.backend,
    env: services.env,
    user,
    auth,
    request,
    responseHeaders,
  };
}
