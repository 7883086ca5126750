/** Somewhere inside Aurora to go after signing in or up. */
const HOME = '/';

// Any base works: it only lets URL() resolve the path the way a browser would.
const PROBE_ORIGIN = 'http://aurora.invalid';

/**
 * The same-site path to continue to, or home. A `redirectTo` comes from the URL, so it
 * is attacker-controlled: protocol-relative (`//evil.test`), backslash (`/\evil.test`)
 * and control-character tricks (browsers drop tabs and newlines inside URLs) must never
 * send a person who just signed in to another site.
 */
export function safeRedirect(to: unknown, fallback: string = HOME): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//')) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
  if (/[\\\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/sign-in?redirectTo=…`, leaving the parameter off when it would only lead home. */
export function withRedirectTo(path: string, redirectTo: string): string {
  const target = safeRedirect(redirectTo);
  return target === HOME ? path : `${path}?${new URLSearchParams({ redirectTo: target }).toString()}`;
}
