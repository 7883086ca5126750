/** Test helper: gives a person an organization role as the service stores it (auth user and profile mirror). */
import type { AuthUser } from '../../server/backend/port';
import { updateProfileRow } from '../../server/services/identity/profiles';
import type { AppServices } from '../../server/services/scope';
import type { OrgRole } from '../../shared/permissions';
import { createTestUser } from './services';

export async function giveOrgRole(
  services: AppServices,
  user: AuthUser,
  orgRole: OrgRole | null,
): Promise<AuthUser> {
  const updated = await services.backend.users.setOrgRole(user.id, orgRole);
  await updateProfileRow(services.backend, updated, { orgRole }, services.now());
  return updated;
}

/** An admin who is the Organization Owner, as an install's first admin is. */
export async function createOwner(
  services: AppServices,
  overrides: { email?: string; name?: string } = {},
): Promise<AuthUser> {
  return giveOrgRole(services, await createTestUser(services, 'admin', overrides), 'owner');
}
