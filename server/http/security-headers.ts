/**
 * Security headers sent on every response, whatever answers it (API, health check,
 * static file, page). The Content-Security-Policy carries a fresh nonce per request so
 * Remix's own inline scripts run and nothing injected does.
 */
import { randomBytes } from 'node:crypto';

export type ServerMode = 'production' | 'development';

const NONCE_BYTES = 16;
let noncePool = Buffer.alloc(0);
let noncePoolOffset = 0;

/**
 * 128 random bits, base64. Drawn from a pooled CSPRNG buffer (each slice used once):
 * one randomBytes call per 256 requests instead of one per request.
 */
export function createNonce(): string {
  if (noncePoolOffset + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_BYTES * 256);
    noncePoolOffset = 0;
  }
  const nonce = noncePool.toString('base64', noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}

/** YouTube is the one third-party frame: the privacy-enhanced player. */
export const YOUTUBE_PLAYER = 'https://www.youtube-nocookie.com';
/**
 * Lesson content may show images by URL from any https site (instructors link them);
 * scripts, frames and connections stay first-party. See docs/decisions/0011.
 */
const ANY_HTTPS_IMAGE = 'https:';
const NONCE_SLOT = '{nonce}';

function policyTemplate(mode: ServerMode): string {
  const development = mode === 'development';
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // Vite's HMR preamble is an inline script without a nonce; a nonce in the list would
    // make browsers ignore 'unsafe-inline', so development drops it.
    'script-src': development ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${NONCE_SLOT}'`],
    // Vite injects CSS as <style> tags in development.
    'style-src': development ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'data:', ANY_HTTPS_IMAGE],
    'frame-src': ["'self'", YOUTUBE_PLAYER],
    // The HMR client talks over a websocket on the same port.
    'connect-src': development ? ["'self'", 'ws:', 'wss:'] : ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Only features a lesson page may need (the YouTube player) are allowed, and only there. */
const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  `autoplay=(self "${YOUTUBE_PLAYER}")`,
  `encrypted-media=(self "${YOUTUBE_PLAYER}")`,
  `fullscreen=(self "${YOUTUBE_PLAYER}")`,
  `picture-in-picture=(self "${YOUTUBE_PLAYER}")`,
].join(', ');

export type SecurityHeaders = (nonce: string) => [name: string, value: string][];

/**
 * The headers for a server, worked out once; per request only the nonce is filled in
 * (this runs on every request, the API's included).
 */
export function securityHeadersFor(input: { mode: ServerMode; publicUrl: URL }): SecurityHeaders {
  const policyParts = policyTemplate(input.mode).split(NONCE_SLOT);
  const fixed: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'SAMEORIGIN'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
  ];
  // Over plain http the header is ignored by browsers and would only mislead; behind an
  // https public URL it pins browsers to https for a year.
  if (input.publicUrl.protocol === 'https:') {
    fixed.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  }
  return (nonce) => [['Content-Security-Policy', policyParts.join(nonce)], ...fixed];
}
