/**
 * Avatar images in the `user-uploads` bucket. Only PNG, JPEG, GIF and WebP are kept,
 * recognised by their bytes; the stored name and type come from what the bytes are,
 * so an SVG or an HTML page renamed `.png` is never stored or served as an image.
 */
import type { Backend, StoredFile } from '../../backend/port';
import { ServiceError } from '../errors';
import { discardStoredFile } from '../files';
import { detectImageType } from './image-type';
import { UPLOAD_MAX_BYTES } from '../../../shared/fields/limits';

export const AVATAR_BUCKET = 'user-uploads';
/** The bucket's maximumFileSize in appwrite.json (a test keeps the two equal). */
export const MAX_AVATAR_BYTES = UPLOAD_MAX_BYTES.avatar;
/** Base64 needs 4 characters per 3 bytes: anything longer cannot decode within the limit. */
export const MAX_AVATAR_BASE64_LENGTH = Math.ceil(MAX_AVATAR_BYTES / 3) * 4;
/** Every stored avatar is named so; the avatar route serves nothing else from the bucket. */
export const AVATAR_NAME_PREFIX = 'avatar.';

const TOO_LARGE = 'Avatars may be at most 2 MiB.';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface AvatarUpload {
  fileName: string;
  mimeType: string;
  base64: string;
}

export interface CheckedAvatar {
  data: Buffer;
  mimeType: string;
  name: string;
}

/** Decodes and checks an upload without storing anything, so a refusal writes nothing. */
export function checkAvatar(upload: AvatarUpload): CheckedAvatar {
  const text = upload.base64.replace(/\s+/g, '');
  if (text.length > MAX_AVATAR_BASE64_LENGTH) throw new ServiceError('bad_request', TOO_LARGE);
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new ServiceError(
      'bad_request',
      'The avatar did not arrive intact (its base64 encoding is broken).',
    );
  }
  const data = Buffer.from(text, 'base64');
  if (data.length === 0) throw new ServiceError('bad_request', 'The avatar file is empty.');
  if (data.length > MAX_AVATAR_BYTES) throw new ServiceError('bad_request', TOO_LARGE);
  const type = detectImageType(data);
  if (!type) throw new ServiceError('bad_request', 'Avatars must be PNG, JPEG, GIF or WebP images.');
  return { data, mimeType: type.mimeType, name: `${AVATAR_NAME_PREFIX}${type.extension}` };
}

export function storeAvatar(backend: Backend, avatar: CheckedAvatar): Promise<StoredFile> {
  return backend.storage.put({ bucketId: AVATAR_BUCKET, ...avatar });
}

/** Removing an avatar nobody points at any more; a failure leaves an orphan file, not a broken profile. */
export async function discardAvatar(backend: Backend, fileId: string): Promise<void> {
  await discardStoredFile(backend, { bucketId: AVATAR_BUCKET, fileId }, 'avatar');
}
