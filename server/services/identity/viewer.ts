/**
 * The signed-in person as pages and API clients see them. The role comes from the auth
 * service (the `role` column or Appwrite labels) — what their permissions are resolved
 * from (server/services/permissions/), shown here, never decided on — and the rest from
 * the profile row.
 */
import type { AuthUser, Backend, Role } from '../../backend/port';
import { profileOf, type Profile } from './profiles';

export interface Viewer {
  id: string;
  email: string;
  name: string;
  role: Role;
  bio: string;
  avatarUrl: string | null;
}

/** Avatars are served by server/http/avatar-handler.ts under this path. */
export function avatarUrlOf(fileId: string | null): string | null {
  return fileId ? `/avatars/${fileId}` : null;
}

export function toViewer(user: AuthUser, profile: Profile): Viewer {
  return {
    id: user.id,
    email: user.email,
    name: profile.name,
    role: user.role,
    bio: profile.bio,
    avatarUrl: avatarUrlOf(profile.avatar),
  };
}

export async function viewerOf(backend: Backend, user: AuthUser): Promise<Viewer> {
  return toViewer(user, await profileOf(backend, user));
}
