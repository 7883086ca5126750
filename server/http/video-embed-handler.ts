/**
 * `GET /api/video/secure-embed/:token` — the one-time player page (DESIGN §6), and
 * `GET /api/video/player/:lessonId` — what a lesson page frames: it asks for a token
 * with the viewer's own session and browser, then redirects to the one-time page. The
 * lesson page's HTML therefore holds neither a token nor the video ID, and a reload of
 * the frame simply asks again. A signed-out visitor asking for a free preview is given
 * the visitor cookie (when they have none yet) and a token bound to it (decision 0013).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from '../services/errors';
import { VISITOR_COOKIE, visitorCookie } from '../services/identity/session-cookie';
import { EMBED_PATH, requestVideoAccess } from '../services/video/access';
import { openEmbed } from '../services/video/embed';
import { isVisitorId, newVisitorId, type VideoVisitor } from '../services/video/visitor';
import { createRequestContext } from '../trpc/context';
import { visitorScope, type AppServices, type RequestFacts } from '../services/scope';
import { isCrossSiteMutation } from '../trpc/origin-guard';
import { isRowId, refusalHeaders, refusalStatus } from './refusals';
import { cookieValue, requestFactsOf } from './request-facts';
import { nonceOf } from './request-nonce';
import { embedPagePolicy, renderEmbedNotice, renderEmbedPage } from './video-embed-page';

export { EMBED_PATH };
export const PLAYER_PATH = '/api/video/player/';

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  html: string,
  nonce: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': embedPagePolicy(nonce),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'SAMEORIGIN',
    'X-Robots-Tag': 'noindex, nofollow',
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}

function notice(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  title: string,
  message: string,
  extra: Record<string, string> = {},
) {
  const nonce = nonceOf(req);
  send(req, res, status, renderEmbedNotice({ nonce, title, message }), nonce, extra);
}

/** Both routes are reads a browser navigates to; nothing else is accepted. */
function methodNotAllowed(res: ServerResponse) {
  res.writeHead(405, {
    Allow: 'GET',
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end('Method not allowed');
}

/**
 * Frame loads carry no Origin. Browsers that send Fetch Metadata say where the request
 * came from (`none`: the address bar); otherwise the Referer decides, as for mutations.
 */
function isCrossSite(req: IncomingMessage, facts: RequestFacts, allowedOrigins: readonly string[]): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  return isCrossSiteMutation(facts, allowedOrigins);
}

export function createVideoEmbedHandler(services: AppServices) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method !== 'GET') return methodNotAllowed(res);
    const token = path.slice(EMBED_PATH.length);
    try {
      const facts = requestFactsOf(req, services.env.trustedProxies);
      const visitorId = cookieValue(req.headers.cookie, VISITOR_COOKIE);
      const result = await openEmbed(visitorScope(services, facts), { token, visitorId });
      if (!result.ok) return notice(req, res, result.status, 'Video unavailable', result.message);
      const nonce = nonceOf(req);
      send(req, res, 200, renderEmbedPage(result, { nonce, origin: services.env.publicUrl.origin }), nonce);
    } catch (error) {
      console.error('video embed failed:', error);
      if (!res.headersSent)
        notice(req, res, 503, 'Video unavailable', 'The video cannot be loaded right now.');
    }
  };
}

export function createVideoPlayerHandler(services: AppServices) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method !== 'GET') return methodNotAllowed(res);
    const lessonId = path.slice(PLAYER_PATH.length);
    if (!isRowId(lessonId)) return notice(req, res, 404, 'No such video', 'This lesson does not exist.');
    try {
      const facts = requestFactsOf(req, services.env.trustedProxies);
      // Issuing a token is a write: another site may not make a signed-in browser do it.
      if (isCrossSite(req, facts, services.env.allowedOrigins)) {
        return notice(req, res, 403, 'Video unavailable', 'Open the lesson on Aurora to watch this video.');
      }
      const responseHeaders = new Headers();
      const ctx = await createRequestContext(services, facts, { method: req.method, responseHeaders });
      // A signed-in viewer is ctx.scope's actor; anyone else watches as a visitor.
      let visitor: VideoVisitor | undefined;
      let newVisitorCookie: string | null = null;
      if (!ctx.user) {
        const sent = cookieValue(req.headers.cookie, VISITOR_COOKIE);
        const visitorId = isVisitorId(sent) ? sent : newVisitorId();
        if (visitorId !== sent) newVisitorCookie = visitorCookie(visitorId, services.env.publicUrl);
        visitor = { visitorId };
      }
      const grant = await requestVideoAccess(ctx.scope, { lessonId, visitor });
      for (const cookie of responseHeaders.getSetCookie()) res.appendHeader('Set-Cookie', cookie);
      // Only a visitor who was given a token needs the cookie it is bound to.
      if (newVisitorCookie) res.appendHeader('Set-Cookie', newVisitorCookie);
      // Same origin as the lesson page, so the embed page's progress calls carry the session.
      const location = new URL(grant.embedUrl).pathname;
      res.writeHead(303, {
        Location: location,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'same-origin',
      });
      res.end();
    } catch (error) {
      const status = refusalStatus(error);
      if (status && error instanceof ServiceError) {
        const title = status === 401 ? 'Sign in to watch' : 'Video unavailable';
        return notice(req, res, status, title, error.message, refusalHeaders(error));
      }
      console.error(`video player for lesson ${lessonId} failed:`, error);
      if (!res.headersSent)
        notice(req, res, 503, 'Video unavailable', 'The video cannot be loaded right now.');
    }
  };
}
