/**
 * The tRPC context: what every procedure may know about the app and the request.
 * Built once per HTTP request (API calls and page loads alike).
 */
import type { Env } from '../env';
import type { AuthUser, Backend } from '../backend/port';
import { authenticate, type Authentication } from '../services/identity/authenticate';
import type { AppServices, RequestFacts } from '../services/scope';

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
