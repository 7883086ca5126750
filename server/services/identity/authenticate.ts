/**
 * Who is making a request: a personal API token (`Authorization: Bearer`) or the
 * session cookie. Runs once per request, for the API and for pages alike.
 */
import type { AuthUser } from '../../backend/port';
import type { CookieScope } from '../scope';
import { authenticateApiToken } from './api-tokens';
import { clearedSessionCookie, cookieNeedsRenewal, putSessionCookie, sessionCookie } from './session-cookie';

export type Authentication =
  | { method: 'none' }
  | { method: 'session' }
  | { method: 'token'; tokenId: string }
  /** A Bearer token that matches no live token: every procedure refuses the request. */
  | { method: 'rejected-token' };

export async function authenticate(
  scope: CookieScope,
): Promise<{ user: AuthUser | null; auth: Authentication }> {
  const { request, responseHeaders } = scope;
  const { backend, env } = scope;
  // A script's explicit token wins over any cookie the same client happens to carry.
  if (request.bearerToken !== null) {
    const found = await authenticateApiToken(backend, request.bearerToken, scope.now());
    return found
      ? { user: found.user, auth: { method: 'token', tokenId: found.tokenId } }
      : { user: null, auth: { method: 'rejected-token' } };
  }
  if (request.sessionSecret === null) return { user: null, auth: { method: 'none' } };

  const session = await backend.sessions.resolve(request.sessionSecret);
  if (!session) {
    // Ended, expired or forged: tell the browser to stop sending it.
    putSessionCookie(responseHeaders, clearedSessionCookie(env.publicUrl));
    return { user: null, auth: { method: 'none' } };
  }
  if (cookieNeedsRenewal(session.expiresAt, scope.now())) {
    putSessionCookie(responseHeaders, sessionCookie(request.sessionSecret, env.publicUrl));
  }
  return { user: session.user, auth: { method: 'session' } };
}
