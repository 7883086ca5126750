/** The profile picture rules, shared by the form (early feedback) and the action (the check that counts, with the server's own). */
import { UPLOAD_MAX_BYTES } from '../../shared/fields/limits';

export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

export const AVATAR_TOO_LARGE = 'That picture is larger than 2 MB. Please choose a smaller one.';

/** What is wrong with a chosen file, as a sentence; null when it may be uploaded. */
export function avatarProblem(file: { size: number; type: string; name?: string }): string | null {
  if (file.size === 0 && !file.name) return 'Choose a picture to upload.';
  if (file.size === 0) return 'That file is empty. Please choose another picture.';
  if (file.size > UPLOAD_MAX_BYTES.avatar) return AVATAR_TOO_LARGE;
  // Browsers report the type from the extension; the server checks the actual bytes.
  if (file.type && !(AVATAR_TYPES as readonly string[]).includes(file.type)) {
    return 'Choose a PNG, JPEG, GIF or WebP image.';
  }
  return null;
}
