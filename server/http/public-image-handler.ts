/**
 * Public images served by id (avatars, course thumbnails). Their file ids are never
 * reused (a new upload gets a new id), so answers are cached for a year. Only image
 * types are served, under `default-src 'none'` and `nosniff`, so even a file that
 * slipped in some other way could not run as a page on Aurora's origin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { BucketId, StoredFile } from '../backend/port';
import { isServableImageType } from '../services/identity/image-type';
import type { AppServices } from '../services/scope';
import { isRowId } from './refusals';
import { unlessMissing } from '../services/rows';
import { answerText } from './plain-text';

export interface PublicImages {
  /** URL prefix, e.g. `/avatars/`. */
  path: string;
  bucketId: BucketId;
  /** Stored names start with it: only files uploaded for this purpose are served. */
  namePrefix: string;
  /** For messages: "avatar", "thumbnail". */
  label: string;
}

export function createPublicImageHandler(services: AppServices, images: PublicImages) {
  const { backend } = services;
  const { path: prefix, bucketId, namePrefix, label } = images;

  async function find(fileId: string): Promise<StoredFile | null> {
    const file = await unlessMissing(backend.storage.getMetadata({ bucketId, fileId }), null);
    return file && file.name.startsWith(namePrefix) && isServableImageType(file.mimeType) ? file : null;
  }

  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return answerText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    const fileId = path.slice(prefix.length);
    try {
      const file = isRowId(fileId) ? await find(fileId) : null;
      if (!file) return answerText(res, 404, `No such ${label}`);
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
      const bytes = await backend.storage.read({ bucketId, fileId: file.id });
      res.writeHead(200, headers);
      await pipeline(bytes, res);
    } catch (error) {
      console.error(`${label} ${fileId} failed:`, error);
      if (!res.headersSent) answerText(res, 503, `The ${label} cannot be loaded right now.`);
      else res.destroy();
    }
  };
}
