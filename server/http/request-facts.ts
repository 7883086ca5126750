import type { IncomingMessage } from 'node:http';
import { KNOWN_DEVICE_COOKIE, SESSION_COOKIE } from '../services/identity/session-cookie';
import type { RequestFacts } from '../services/scope';
import { USER_AGENT_LENGTH } from '../services/column-sizes';

export { SESSION_COOKIE };

function normalizeIp(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * The client's address. X-Forwarded-For is believed only when the direct peer is a
 * configured trusted proxy, and then we take the right-most hop that is not itself a
 * trusted proxy (left-most entries are whatever the client chose to send).
 */
export function clientIpOf(req: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = normalizeIp(req.socket.remoteAddress);
  if (!trustedProxies.includes(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => normalizeIp(hop.trim()))
    .filter((hop) => hop !== 'unknown' && hop !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop && !trustedProxies.includes(hop)) return hop;
  }
  return peer;
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

function originOf(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') return origin;
  const referer = req.headers.referer;
  if (!referer) return origin === 'null' ? 'null' : null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

export function requestFactsOf(req: IncomingMessage, trustedProxies: readonly string[]): RequestFacts {
  const authorization = req.headers.authorization;
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() || null : null;
  return {
    clientIp: clientIpOf(req, trustedProxies),
    userAgent: (req.headers['user-agent'] ?? '').slice(0, USER_AGENT_LENGTH),
    origin: originOf(req),
    sessionSecret: cookieValue(req.headers.cookie, SESSION_COOKIE),
    knownDevice: cookieValue(req.headers.cookie, KNOWN_DEVICE_COOKIE),
    bearerToken: bearer,
  };
}
