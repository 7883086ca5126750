/**
 * `GET /thumbnails/:fileId`: a course thumbnail from the `thumbnails` bucket. Thumbnails
 * are public (a catalog card shows them to anyone; a draft's thumbnail id is only known
 * to its editors).
 */
import { THUMBNAIL_BUCKET, THUMBNAIL_NAME_PREFIX } from '../services/courses/thumbnails';
import type { AppServices } from '../services/scope';
import { createPublicImageHandler } from './public-image-handler';

export const THUMBNAIL_PATH = '/thumbnails/';

export function createThumbnailHandler(services: AppServices) {
  return createPublicImageHandler(services, {
    path: THUMBNAIL_PATH,
    bucketId: THUMBNAIL_BUCKET,
    namePrefix: THUMBNAIL_NAME_PREFIX,
    label: 'thumbnail',
  });
}
