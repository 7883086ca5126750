/**
 * `GET /api/mail/preview/:messageId`: a stored message's HTML part, exactly as it was
 * queued, for the sandboxed frame on /admin/mail/:messageId. Who may read it is the
 * `mail.get` procedure's decision (admins). The mail's HTML is not ours to trust, so the
 * answer carries its own policy: no scripts, no requests but images, no forms, framed by
 * Aurora's own pages only, and sandboxed even when opened on its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPCError } from '@trpc/server';
import { type AppServices } from '../services/scope';
import { createRequestContext } from '../trpc/context';
import { createCaller } from '../trpc/root';
import { isRowId } from './refusals';
import { requestFactsOf } from './request-facts';
import { answerText } from './plain-text';

export const MAIL_PREVIEW_PATH = '/api/mail/preview/';

export const MAIL_PREVIEW_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src https: data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  'sandbox',
].join('; ');

export function createMailPreviewHandler(services: AppServices) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return answerText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    const messageId = path.slice(MAIL_PREVIEW_PATH.length);
    if (!isRowId(messageId)) return answerText(res, 404, 'No such message');
    try {
      const responseHeaders = new Headers();
      const ctx = await createRequestContext(services, requestFactsOf(req, services.env.trustedProxies), {
        method: req.method,
        responseHeaders,
      });
      const message = await createCaller(ctx).mail.get({ messageId });
      // A renewed session cookie must reach the browser on this response too.
      for (const cookie of responseHeaders.getSetCookie()) res.appendHeader('Set-Cookie', cookie);
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(message.html),
        'Content-Security-Policy': MAIL_PREVIEW_POLICY,
        'Cache-Control': 'private, no-store',
        // Remote images in a mail must not learn which admin page framed them.
        'Referrer-Policy': 'no-referrer',
        'X-Robots-Tag': 'noindex, nofollow',
      });
      res.end(req.method === 'HEAD' ? undefined : message.html);
    } catch (error) {
      if (error instanceof TRPCError) {
        const status = getHTTPStatusCodeFromError(error);
        if (status < 500) return answerText(res, status, error.message);
      }
      console.error(`mail preview ${messageId} failed:`, error);
      if (!res.headersSent) answerText(res, 503, 'The message cannot be shown right now.');
      else res.destroy();
    }
  };
}
