/**
 * The session cookie, built in one place. It carries the backend's session secret and
 * nothing else: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
 * sub-requests or POSTs), Secure whenever the public URL is https.
 */
export const SESSION_COOKIE = 'aurora_session';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/**
 * Sessions last 30 days and the backend extends them as they are used. A session more
 * than 29 days from its end was extended (or created) within the last day, so the
 * browser gets a fresh 30-day cookie to match.
 */
const RENEWED_WITHIN_MS = 29 * DAY_MS;

function attributes(publicUrl: URL, maxAgeSeconds: number): string {
  const parts = ['Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax'];
  if (publicUrl.protocol === 'https:') parts.push('Secure');
  return parts.join('; ');
}

export function sessionCookie(secret: string, publicUrl: URL): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(secret)}; ${attributes(publicUrl, SESSION_COOKIE_MAX_AGE_SECONDS)}`;
}

/** Tells the browser to drop the cookie (same attributes, so it replaces the one it has). */
export function clearedSessionCookie(publicUrl: URL): string {
  return `${SESSION_COOKIE}=; ${attributes(publicUrl, 0)}`;
}

export function cookieNeedsRenewal(expiresAt: string, now: Date): boolean {
  const expires = Date.parse(expiresAt);
  return Number.isFinite(expires) && expires - now.getTime() > RENEWED_WITHIN_MS;
}

/**
 * Sets the session cookie on a response, replacing one set earlier in the same request
 * (a renewal, then a sign-out), so the browser never has to pick between two.
 */
export function putSessionCookie(headers: Headers, cookie: string): void {
  const others = headers.getSetCookie().filter((line) => !line.startsWith(`${SESSION_COOKIE}=`));
  headers.delete('Set-Cookie');
  for (const line of others) headers.append('Set-Cookie', line);
  headers.append('Set-Cookie', cookie);
}
