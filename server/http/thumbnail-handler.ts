/**
 * `GET /thumbnails/:fileId`: a course thumbnail from the `thumbnails` bucket. Thumbnails
 * are public files (a catalog card shows them to anyone; a draft's thumbnail id is only
 * known to its editors). Ids are never reused, so answers are cached for a year; only
 * the image types are served, under `default-src 'none'`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { isBackendError } from '../backend/errors';
import type { StoredFile } from '../backend/port';
import { THUMBNAIL_BUCKET, THUMBNAIL_NAME_PREFIX } from '../services/courses/thumbnails';
import { isServableImageType } from '../services/identity/image-type';
import type { AppServices } from '../trpc/context';

export const THUMBNAIL_PATH = '/thumbnails/';
const FILE_ID = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,35}$/;

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function createThumbnailHandler(services: AppServices) {
  const { backend } = services;

  async function find(fileId: string): Promise<StoredFile | null> {
    try {
      const file = await backend.storage.getMetadata({ bucketId: THUMBNAIL_BUCKET, fileId });
      return file.name.startsWith(THUMBNAIL_NAME_PREFIX) && isServableImageType(file.mimeType) ? file : null;
    } catch (error) {
      if (isBackendError(error, 'not_found')) return null;
      throw error;
    }
  }

  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return answer(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    const fileId = path.slice(THUMBNAIL_PATH.length);
    try {
      const file = FILE_ID.test(fileId) ? await find(fileId) : null;
      if (!file) return answer(res, 404, 'No such thumbnail');
      const headers = {
        'Content-Type': file.mimeType,
        'Content-Length': String(file.sizeOriginal),
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Content-Security-Policy': "default-src 'none'",
        'X-Content-Type-Options': 'nosniff',
      };
      if (req.method === 'HEAD') {
        res.writeHead(200, headers);
        return void res.end();
      }
      const bytes = await backend.storage.read({ bucketId: THUMBNAIL_BUCKET, fileId: file.id });
      res.writeHead(200, headers);
      await pipeline(bytes, res);
    } catch (error) {
      console.error(`thumbnail ${fileId} failed:`, error);
      if (!res.headersSent) answer(res, 503, 'The thumbnail cannot be loaded right now.');
      else res.destroy();
    }
  };
}
