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

/**
 * Why someone was sent to sign in, so the page can say so: `enroll` (an Enroll button)
 * or `lesson` (a lesson for enrolled learners). A fixed list, never free text from the
 * URL, so a crafted link cannot put words on Aurora's sign-in page.
 */
export const SIGN_IN_REASONS = ['enroll', 'lesson'] as const;
export type SignInReason = (typeof SIGN_IN_REASONS)[number];

export function signInReason(value: unknown): SignInReason | null {
  return SIGN_IN_REASONS.find((reason) => reason === value) ?? null;
}

/**
 * `/sign-in?redirectTo=…&reason=…`, leaving `redirectTo` off when it would only lead
 * home, and `reason` off when there is none (or it is not one of SIGN_IN_REASONS).
 */
export function withRedirectTo(path: string, redirectTo: string, reason?: SignInReason | null): string {
  const target = safeRedirect(redirectTo);
  const params = new URLSearchParams();
  if (target !== HOME) params.set('redirectTo', target);
  const known = signInReason(reason);
  if (known) params.set('reason', known);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * The course a same-site path belongs to (`/courses/:courseId` and anything below it),
 * so the sign-in page can name the course someone wanted to enroll in.
 */
export function courseIdOf(path: string): string | null {
  const match = /^\/courses\/([^/?#]+)/.exec(safeRedirect(path, ''));
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
