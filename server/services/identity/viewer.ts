/**
 * The signed-in person as pages and API clients see them. The role comes from the auth
 * service (the `role` column or Appwrite labels) — what their permissions are resolved
 * from (server/services/permissions/), shown here, never decided on — and the rest from
 * the profile row. `permissions` are those held across the whole organization
 * (decision 0039), so pages can show only the controls that will work; the procedures
 * still decide.
 */
import type { AuthUser, Backend, Role } from '../../backend/port';
import { PERMISSIONS, type OrgRole, type Permission } from '../../../shared/permissions';
import { orgPermissionsOf } from '../permissions/org';
import { profileOf, type Profile } from './profiles';

export interface Viewer {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgRole: OrgRole | null;
  /** In catalogue order. */
  permissions: Permission[];
  bio: string;
  avatarUrl: string | null;
}

/** Avatars are served by server/http/avatar-handler.ts under this path. */
export function avatarUrlOf(fileId: string | null): string | null {
  return fileId ? `/avatars/${fileId}` : null;
}

export function toViewer(user: AuthUser, profile: Profile): Viewer {
  const held = orgPermissionsOf(user);
  return {
    id: user.id,
    email: user.email,
    name: profile.name,
    role: user.role,
    orgRole: user.orgRole,
    permissions: PERMISSIONS.filter((permission) => held.has(permission)),
    bio: profile.bio,
    avatarUrl: avatarUrlOf(profile.avatar),
  };
}

export async function viewerOf(backend: Backend, user: AuthUser): Promise<Viewer> {
  return toViewer(user, await profileOf(backend, user));
}
