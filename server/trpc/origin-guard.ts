/**
 * Cross-site request forgery refusal for mutations. A browser names the page that
 * sent a request in `Origin` (or, failing that, `Referer`); a mutation from any origin
 * but Aurora's own (env.allowedOrigins: the public URL's and those configured) is
 * refused. SameSite=Lax already keeps the cookie off cross-site POSTs in today's
 * browsers; this check does not rely on that.
 *
 * The Host header is never consulted: whoever sends the request chooses it, so a
 * rebinding page (`Host: rebind.example`, `Origin: http://rebind.example`) would pass a
 * check that compares the two.
 */
import type { RequestFacts } from '../services/scope';

/** True when a mutation must be refused. */
export function isCrossSiteMutation(
  request: Pick<RequestFacts, 'origin' | 'sessionSecret'>,
  allowedOrigins: readonly string[],
): boolean {
  if (request.origin === null) {
    // Scripts (curl, @trpc/client with a Bearer token) send no Origin; a browser
    // carrying our cookie always does on a POST, so a cookie without one is suspect.
    return request.sessionSecret !== null;
  }
  let origin: string;
  try {
    // Through URL, so `https://learn.example.org:443` and `https://learn.example.org` compare equal.
    origin = new URL(request.origin).origin;
  } catch {
    return true; // Anything unparsable.
  }
  // `null` (sandboxed frames, some redirects) and non-web schemes have the origin "null".
  return !allowedOrigins.includes(origin);
}
