/**
 * Course thumbnails in the `thumbnails` bucket. Pages stay light by constraint rather
 * than resizing (no image library on the server): PNG, JPEG or WebP, at most 1 MiB and
 * 1920×1080, all read from the bytes. Thumbnail ids are never reused, so the public
 * route may cache them for a year.
 */
import type { Backend, StoredFile } from '../../backend/port';
import { ServiceError } from '../errors';
import { detectImageType } from '../identity/image-type';
import { discardStoredFile } from '../files';
import { imageSizeOf } from './image-size';
import { UPLOAD_MAX_BYTES } from '../../../shared/fields/limits';
import type { Upload } from './schemas';

export const THUMBNAIL_BUCKET = 'thumbnails';
/** The bucket's maximumFileSize in appwrite.json (a test keeps the two equal). */
export const MAX_THUMBNAIL_BYTES = UPLOAD_MAX_BYTES.thumbnail;
export const MAX_THUMBNAIL_WIDTH = 1920;
export const MAX_THUMBNAIL_HEIGHT = 1080;
/** Every stored thumbnail is named so; the thumbnail route serves nothing else from the bucket. */
export const THUMBNAIL_NAME_PREFIX = 'thumbnail.';

const LIMITS = `Thumbnails must be PNG, JPEG or WebP images of at most 1 MiB and ${MAX_THUMBNAIL_WIDTH}×${MAX_THUMBNAIL_HEIGHT} pixels.`;

export interface CheckedImage {
  data: Buffer;
  mimeType: string;
  name: string;
}

/** Decodes base64 strictly: a broken upload is refused, never stored half-decoded. */
export function decodeBase64(base64: string, what: string): Buffer {
  const text = base64.replace(/\s+/g, '');
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new ServiceError('bad_request', `${what} did not arrive intact (its base64 encoding is broken).`);
  }
  const data = Buffer.from(text, 'base64');
  if (data.length === 0) throw new ServiceError('bad_request', `${what} is empty.`);
  return data;
}

export function checkThumbnail(upload: Upload): CheckedImage {
  return checkThumbnailBytes(decodeBase64(upload.base64, 'The thumbnail'));
}

/** The same limits for bytes that did not come as an upload (a video's cached thumbnail). */
export function checkThumbnailBytes(data: Buffer): CheckedImage {
  if (data.length > MAX_THUMBNAIL_BYTES) throw new ServiceError('bad_request', `Too large. ${LIMITS}`);
  const type = detectImageType(data);
  if (!type || type.extension === 'gif') throw new ServiceError('bad_request', LIMITS);
  const size = imageSizeOf(data, type);
  if (!size) throw new ServiceError('bad_request', `The image header could not be read. ${LIMITS}`);
  if (size.width > MAX_THUMBNAIL_WIDTH || size.height > MAX_THUMBNAIL_HEIGHT) {
    throw new ServiceError('bad_request', `This image is ${size.width}×${size.height}. ${LIMITS}`);
  }
  return { data, mimeType: type.mimeType, name: `${THUMBNAIL_NAME_PREFIX}${type.extension}` };
}

export function storeThumbnail(backend: Backend, image: CheckedImage): Promise<StoredFile> {
  return backend.storage.put({ bucketId: THUMBNAIL_BUCKET, ...image });
}

/** A failure leaves an orphan file, never a broken course. */
export async function discardThumbnail(backend: Backend, fileId: string): Promise<void> {
  await discardStoredFile(backend, { bucketId: THUMBNAIL_BUCKET, fileId }, 'thumbnail');
}

export function thumbnailUrlOf(fileId: string | null): string | null {
  return fileId ? `/thumbnails/${fileId}` : null;
}
