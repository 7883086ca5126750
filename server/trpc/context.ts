/**
 * The tRPC context: what every procedure may know about the app and the request.
 * Built once per HTTP request (API calls and page loads alike).
 */
import type { Env } from '../env';
import type { AuthUser, Backend } from '../backend/port';

/** Long-lived things the server builds once at start. */
export interface AppServices {
  env: Env;
  backend: Backend;
  startedAt: Date;
}

/** What the HTTP layer learned about the request; see server/http/request-facts.ts. */
export interface RequestFacts {
  clientIp: string;
  userAgent: string;
  /** The Origin (or, lacking it, Referer origin) header, for cross-site request checks. */
  origin: string | null;
  sessionSecret: string | null;
  bearerToken: string | null;
}

export interface Context {
  services: AppServices;
  backend: Backend;
  env: Env;
  user: AuthUser | null;
  request: RequestFacts;
  /** Headers a procedure wants on the response (e.g. Set-Cookie); the HTTP layer copies them. */
  responseHeaders: Headers;
}

export async function createContext(
  services: AppServices,
  request: RequestFacts,
  responseHeaders: Headers = new Headers(),
): Promise<Context> {
  const session = request.sessionSecret
    ? await services.backend.sessions.resolve(request.sessionSecret)
    : null;
  return {
    services,
    backend: services.backend,
    env: services.env,
    user: session?.user ?? null,
    request,
    responseHeaders,
  };
}
