/**
 * The YouTube ID of a lesson's video, encrypted at rest (DESIGN §6) with AES-256-GCM:
 * a random 12-byte IV per write, a 16-byte tag, and the lesson id as additional
 * authenticated data so a ciphertext copied onto another lesson does not decrypt.
 *
 * Stored as `<keyId>:<iv>.<ciphertext>.<tag>` (base64url). The key id lets keys rotate:
 * the first configured key encrypts, every configured key decrypts, and
 * rotate-keys.ts moves old rows onto the newest key.
 *
 * Errors never carry the ID (nor the stored string): they end up in logs.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { VIDEO_ID_PATTERN } from './youtube-link';

/** Same shape as `env.videoEncryptionKeys`. */
export interface VideoKey {
  id: string;
  key: Buffer;
}

export class VideoDataError extends Error {
  override readonly name = 'VideoDataError';
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The `encryptedVideoData` column's size in appwrite.json. */
export const MAX_VIDEO_DATA_LENGTH = 1024;
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+$/;

interface Sealed {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/**
 * Decodes base64url strictly: Node's decoder ignores stray characters and the unused
 * low bits of the last character, so a changed character could decode to the same
 * bytes. Only the canonical spelling is accepted.
 */
function decodeStrict(text: string): Buffer | null {
  if (!BASE64URL_PATTERN.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

function unpack(data: string): Sealed | null {
  if (data.length > MAX_VIDEO_DATA_LENGTH) return null;
  const colon = data.indexOf(':');
  const keyId = data.slice(0, colon);
  const parts = data.slice(colon + 1).split('.');
  if (colon < 0 || !KEY_ID_PATTERN.test(keyId) || parts.length !== 3) return null;
  const [iv, ciphertext, tag] = parts.map(decodeStrict);
  if (!iv || !ciphertext || !tag || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
  return { keyId, iv, ciphertext, tag };
}

export function encryptVideoId(keys: readonly VideoKey[], lessonId: string, videoId: string): string {
  const newest = keys[0];
  if (!newest) throw new VideoDataError('No video encryption key is configured.');
  if (!VIDEO_ID_PATTERN.test(videoId)) throw new VideoDataError('Not a YouTube video ID.');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, newest.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(lessonId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(videoId, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${newest.id}:${[iv, ciphertext, tag].map((part) => part.toString('base64url')).join('.')}`;
}

export function decryptVideoId(keys: readonly VideoKey[], lessonId: string, data: string): string {
  const sealed = unpack(data);
  if (!sealed) throw new VideoDataError('The stored video data is malformed.');
  const key = keys.find((candidate) => candidate.id === sealed.keyId);
  if (!key) throw new VideoDataError(`The stored video data uses an unknown key "${sealed.keyId}".`);
  let plain: string;
  try {
    const decipher = createDecipheriv(ALGORITHM, key.key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(lessonId, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    plain = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // GCM's tag check: altered data, another lesson's data, or the wrong key bytes.
    throw new VideoDataError('The stored video data does not authenticate for this lesson.');
  }
  if (!VIDEO_ID_PATTERN.test(plain)) throw new VideoDataError('The stored video data is not a video ID.');
  return plain;
}

/** decryptVideoId for callers that only need to know whether it can be read: null when not. */
export function readableVideoId(keys: readonly VideoKey[], lessonId: string, data: string): string | null {
  try {
    return decryptVideoId(keys, lessonId, data);
  } catch (error) {
    if (error instanceof VideoDataError) return null;
    throw error;
  }
}

/** The id of the key `data` was encrypted with, or null when it is not video data at all. */
export function videoKeyIdOf(data: string): string | null {
  return unpack(data)?.keyId ?? null;
}
