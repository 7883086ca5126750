/** `GET /avatars/:fileId`: a person's avatar from the `user-uploads` bucket. */
import { AVATAR_BUCKET, AVATAR_NAME_PREFIX } from '../services/identity/avatars';
import type { AppServices } from '../services/scope';
import { createPublicImageHandler } from './public-image-handler';

export const AVATAR_PATH = '/avatars/';

export function createAvatarHandler(services: AppServices) {
  return createPublicImageHandler(services, {
    path: AVATAR_PATH,
    bucketId: AVATAR_BUCKET,
    namePrefix: AVATAR_NAME_PREFIX,
    label: 'avatar',
  });
}
