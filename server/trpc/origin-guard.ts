/**
 * Cross-site request forgery refusal for mutations. A browser names the page that
 * sent a request in `Origin` (or, failing that, `Referer`); a mutation from any other
 * site is refused. SameSite=Lax already keeps the cookie off cross-site POSTs in
 * today's browsers; this check does not rely on that.
 */
import type { RequestFacts } from './context';

function sameHost(origin: URL, host: string): boolean {
  try {
    // Through URL, so `http://example.org:80` and Host `example.org` compare equal.
    return new URL(`${origin.protocol}//${host}`).origin === origin.origin;
  } catch {
    return false;
  }
}

/** True when a mutation must be refused. */
export function isCrossSiteMutation(
  request: Pick<RequestFacts, 'origin' | 'host' | 'sessionSecret'>,
  publicUrl: URL,
): boolean {
  if (request.origin === null) {
    // Scripts (curl, @trpc/client with a Bearer token) send no Origin; a browser
    // carrying our cookie always does on a POST, so a cookie without one is suspect.
    return request.sessionSecret !== null;
  }
  if (request.origin === publicUrl.origin) return false;
  let origin: URL;
  try {
    origin = new URL(request.origin);
  } catch {
    return true; // `null` (sandboxed frames, some redirects) and anything unparsable.
  }
  const web = origin.protocol === 'http:' || origin.protocol === 'https:';
  return !(web && request.host !== null && sameHost(origin, request.host));
}
