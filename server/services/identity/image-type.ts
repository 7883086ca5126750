/**
 * Which image a file really is, from its first bytes. The name and the MIME type a
 * browser sends are the uploader's claims; the bytes are what a viewer's browser will
 * interpret, so only they decide.
 */
export interface ImageType {
  mimeType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  extension: 'png' | 'jpg' | 'gif' | 'webp';
}

const PNG: ImageType = { mimeType: 'image/png', extension: 'png' };
const JPEG: ImageType = { mimeType: 'image/jpeg', extension: 'jpg' };
const GIF: ImageType = { mimeType: 'image/gif', extension: 'gif' };
const WEBP: ImageType = { mimeType: 'image/webp', extension: 'webp' };

export const IMAGE_TYPES: readonly ImageType[] = [PNG, JPEG, GIF, WEBP];

function startsWith(data: Buffer, signature: readonly number[], offset = 0): boolean {
  return data.length >= offset + signature.length && signature.every((byte, i) => data[offset + i] === byte);
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

export function detectImageType(data: Buffer): ImageType | null {
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(data, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(data, ascii('GIF87a')) || startsWith(data, ascii('GIF89a'))) return GIF;
  // A RIFF container (then a 4-byte size) holding a WEBP form.
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) return WEBP;
  return null;
}

export function isServableImageType(mimeType: string): boolean {
  return IMAGE_TYPES.some((type) => type.mimeType === mimeType);
}
