/** A person editing their own name, bio and avatar. */
import type { RowData } from '../../backend/port';
import { checkAvatar, discardAvatar, storeAvatar, type AvatarUpload } from './avatars';
import { profileOf, updateProfileRow, type Profile } from './profiles';
import { toViewer, type Viewer } from './viewer';
import type { SignedInScope } from '../scope';
import { catalogChanged } from '../courses/catalog-changes';

export interface ProfileChanges {
  name?: string;
  bio?: string;
  /** A new image, or null to remove the current one; absent leaves it as it is. */
  avatar?: AvatarUpload | null;
}

export async function updateProfile(scope: SignedInScope, changes: ProfileChanges): Promise<Viewer> {
  const { backend, actor: user } = scope;
  const now = scope.now();
  // Everything is checked before anything is written.
  const avatar = changes.avatar ? checkAvatar(changes.avatar) : changes.avatar;
  const before = await profileOf(backend, user);

  const stored = avatar ? await storeAvatar(backend, avatar) : null;
  let updatedUser = user;
  let profile: Profile;
  try {
    const data: RowData = {};
    if (changes.name !== undefined) data.name = changes.name;
    if (changes.bio !== undefined) data.bio = changes.bio;
    if (avatar !== undefined) data.avatar = stored?.id ?? null;
    // The auth service keeps its own copy of the name (Appwrite shows it in its console).
    if (changes.name !== undefined && changes.name !== user.name) {
      updatedUser = await backend.users.updateName(user.id, changes.name);
    }
    profile = await updateProfileRow(backend, updatedUser, data, now);
  } catch (error) {
    if (stored) await discardAvatar(backend, stored.id);
    throw error;
  }
  if (avatar !== undefined && before.avatar && before.avatar !== profile.avatar) {
    await discardAvatar(backend, before.avatar);
  }
  // The name and avatar show on the catalog and course pages of the courses they teach.
  catalogChanged();
  return toViewer(updatedUser, profile);
}
