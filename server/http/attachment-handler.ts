/**
 * `GET /files/lessons/:lessonId/:attachmentId`: a lesson attachment's latest version.
 * Access is checked on every request with the lesson's own rule (canReadLesson), from
 * the request's session cookie or API token, exactly as tRPC builds its context; the
 * bytes are streamed from the private bucket, never through a bucket URL. Answers are
 * always downloads (never rendered inline), never cached.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { ServiceError } from '../services/errors';
import { latestVersion, MATERIALS_BUCKET } from '../services/courses/attachments';
import { requireReadableLesson } from '../services/courses/lessons';
import { createRequestContext } from '../trpc/context';
import { type AppServices } from '../services/scope';
import { recordActivity } from '../services/audit/activity';
import { isRowId, refusalStatus } from './refusals';
import { requestFactsOf } from './request-facts';
import { answerText } from './plain-text';

export const ATTACHMENT_PATH = '/files/lessons/';

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 with RFC 5987 encoding). */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function createAttachmentHandler(services: AppServices) {
  const { backend } = services;

  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return answerText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    const [lessonId = '', attachmentId = '', ...rest] = path.slice(ATTACHMENT_PATH.length).split('/');
    if (!isRowId(lessonId) || !isRowId(attachmentId) || rest.length > 0)
      return answerText(res, 404, 'No such file');
    try {
      const responseHeaders = new Headers();
      const ctx = await createRequestContext(services, requestFactsOf(req, services.env.trustedProxies), {
        method: req.method,
        responseHeaders,
      });
      if (ctx.auth.method === 'rejected-token') return answerText(res, 401, 'This API token is not valid.');
      const { lesson } = await requireReadableLesson(backend, ctx.scope.access, lessonId);
      const latest = lesson.attachments.includes(attachmentId)
        ? await latestVersion(backend, attachmentId)
        : null;
      if (!latest) return answerText(res, 404, 'No such file');

      const headers: Record<string, string> = {
        'Content-Type': latest.mimeType,
        'Content-Length': String(latest.size),
        'Content-Disposition': contentDisposition(latest.originalName),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      };
      // A renewed session cookie must reach the browser on this response too.
      for (const cookie of responseHeaders.getSetCookie()) res.appendHeader('Set-Cookie', cookie);
      if (req.method === 'HEAD') {
        res.writeHead(200, headers);
        return void res.end();
      }
      const bytes = await backend.storage.read({ bucketId: MATERIALS_BUCKET, fileId: latest.$id });
      if (ctx.user) {
        await recordActivity(
          backend,
          {
            userId: ctx.user.id,
            action: 'download',
            resourceId: attachmentId,
            metadata: { lessonId, version: latest.version },
          },
          services.now(),
        );
      }
      res.writeHead(200, headers);
      await pipeline(bytes, res);
    } catch (error) {
      const status = refusalStatus(error);
      if (status && error instanceof ServiceError) return answerText(res, status, error.message);
      console.error(`attachment ${lessonId}/${attachmentId} failed:`, error);
      if (!res.headersSent) answerText(res, 503, 'The file cannot be loaded right now.');
      else res.destroy();
    }
  };
}
