/**
 * The session cookie, built in one place. It carries the backend's session secret and
 * nothing else: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site
 * sub-requests or POSTs), Secure whenever the public URL is https. The known-device
 * cookie (see known-device.ts) and the visitor cookie (a signed-out browser's random id
 * that free preview videos are bound to, decision 0013) are built here too, with the
 * same attributes.
 */
export const SESSION_COOKIE = 'aurora_session';
export const KNOWN_DEVICE_COOKIE = 'aurora_device';
export const VISITOR_COOKIE = 'aurora_visitor';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** A browser stays known for a year after its last successful sign-in. */
export const KNOWN_DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
/** A visitor id only binds a 5-minute video link and counts a 10-minute allowance: a day is plenty. */
export const VISITOR_COOKIE_MAX_AGE_SECONDS = 24 * 60 * 60;
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

/** The known-device cookie: a signed statement that this browser once signed in as its account. */
export function knownDeviceCookie(value: string, publicUrl: URL): string {
  return `${KNOWN_DEVICE_COOKIE}=${encodeURIComponent(value)}; ${attributes(publicUrl, KNOWN_DEVICE_COOKIE_MAX_AGE_SECONDS)}`;
}

/** The visitor cookie: a random id, never linked to an account. */
export function visitorCookie(visitorId: string, publicUrl: URL): string {
  return `${VISITOR_COOKIE}=${encodeURIComponent(visitorId)}; ${attributes(publicUrl, VISITOR_COOKIE_MAX_AGE_SECONDS)}`;
}

/**
 * Sets cookie `name` on a response, replacing one of that name set earlier in the same
 * request (a renewal, then a sign-out), so the browser never has to pick between two.
 */
function putCookie(headers: Headers, name: string, cookie: string): void {
  const others = headers.getSetCookie().filter((line) => !line.startsWith(`${name}=`));
  headers.delete('Set-Cookie');
  for (const line of others) headers.append('Set-Cookie', line);
  headers.append('Set-Cookie', cookie);
}

export function putSessionCookie(headers: Headers, cookie: string): void {
  putCookie(headers, SESSION_COOKIE, cookie);
}

export function putKnownDeviceCookie(headers: Headers, cookie: string): void {
  putCookie(headers, KNOWN_DEVICE_COOKIE, cookie);
}
