/**
 * Organization roles (docs/decisions/0039): assigned on the People page, stored beside
 * the base role in the auth service and mirrored on the profile row, like the role.
 *
 * Nobody grants what they do not hold: changing someone's organization role needs
 * `roles.assign` and every permission of the role given and of the role taken away, so
 * an Organization Admin can neither make nor unmake an Owner. There is always at least
 * one Owner once an install has an admin: the oldest admin becomes one at start when
 * there is none (a new install's first admin, and installs from before organization
 * roles), and the last Owner cannot be demoted — checked before the write for the
 * clear message, and counted again after it, as for the last admin (user-admin.ts).
 */
import { Query } from 'node-appwrite';
import type { AuthUser, Backend, Role } from '../../backend/port';
import {
  ORG_ROLE_NAMES,
  ORG_ROLE_PERMISSIONS,
  type OrgRole,
  type Permission,
} from '../../../shared/permissions';
import { writeSecurityLog } from '../audit/security-log';
import { ServiceError } from '../errors';
import { orgPermissionsOf } from '../permissions/org';
import { isOwnerRole, orgRoleDiffers } from '../permissions/org-role-facts';
import { requestOrJob, type SignedInScope } from '../scope';
import { PROFILES } from '../tables';
import { countOwnersUpTo, updateProfileRow, type Profile } from './profiles';
import { getUserOrNull, NO_SUCH_USER, toListItem, type UserListItem } from './user-admin';

export const MAY_NOT_ASSIGN_ROLES = 'Only people who may assign organization roles can change them.';

export function orgRoleName(orgRole: OrgRole | null): string {
  return orgRole ? ORG_ROLE_NAMES[orgRole] : 'no organization role';
}

export function lastOwnerError(user: Pick<AuthUser, 'name' | 'email'>, doing: string): ServiceError {
  return new ServiceError(
    'conflict',
    `${user.name || user.email} is the last Organization Owner and cannot be ${doing}. Make someone else an owner first.`,
  );
}

async function applyOrgRole(
  backend: Backend,
  user: AuthUser,
  orgRole: OrgRole | null,
  now: Date,
): Promise<Profile> {
  const updated = await backend.users.setOrgRole(user.id, orgRole);
  return updateProfileRow(backend, updated, { orgRole }, now);
}

/** The first role of `roles` (given or taken away) carrying a permission `held` lacks. */
function roleBeyond(held: ReadonlySet<Permission>, roles: readonly (OrgRole | null)[]): OrgRole | null {
  return (
    roles.find(
      (orgRole): orgRole is OrgRole =>
        orgRole !== null && ORG_ROLE_PERMISSIONS[orgRole].some((permission) => !held.has(permission)),
    ) ?? null
  );
}

export async function setOrgRole(
  scope: SignedInScope,
  input: { userId: string; orgRole: OrgRole | null },
): Promise<UserListItem> {
  const { backend, actor } = scope;
  const { userId, orgRole } = input;
  const held = orgPermissionsOf(actor);
  if (!held.has('roles.assign')) throw new ServiceError('forbidden', MAY_NOT_ASSIGN_ROLES);
  const user = await getUserOrNull(backend, userId);
  if (!user) throw new ServiceError('not_found', NO_SUCH_USER);
  const beyond = roleBeyond(held, [orgRole, user.orgRole]);
  if (beyond) {
    throw new ServiceError(
      'forbidden',
      `Only someone who holds every permission of ${ORG_ROLE_NAMES[beyond]} can give or take away that role.`,
    );
  }
  const demotesOwner = isOwnerRole(user.orgRole) && !isOwnerRole(orgRole);
  if (demotesOwner && (await countOwnersUpTo(backend, 2)) <= 1) throw lastOwnerError(user, 'demoted');

  const now = scope.now();
  const profile = await applyOrgRole(backend, user, orgRole, now);
  if (demotesOwner && (await countOwnersUpTo(backend, 1)) === 0) {
    await applyOrgRole(backend, user, 'owner', now);
    throw lastOwnerError(user, 'demoted');
  }
  if (orgRoleDiffers(user.orgRole, orgRole)) {
    await writeSecurityLog(
      backend,
      {
        userId: actor.id,
        action: 'org_role_changed',
        reason: `user ${user.id} given ${orgRoleName(orgRole)} (was ${orgRoleName(user.orgRole)})`,
        request: requestOrJob(scope),
      },
      now,
    );
  }
  return toListItem(profile);
}

/**
 * Makes the oldest admin the Organization Owner when nobody is one (start-up; both
 * backends). Returns the new owner, or null when there already is one or no admin.
 */
export async function ensureOrganizationOwner(backend: Backend, now: Date): Promise<AuthUser | null> {
  if ((await countOwnersUpTo(backend, 1)) > 0) return null;
  const { rows } = await backend.tables.list({
    ...PROFILES,
    queries: [
      Query.equal('role', 'admin' satisfies Role),
      Query.orderAsc('createdAt'),
      Query.select(['$id']),
      Query.limit(1),
    ],
  });
  const oldest = rows[0] ? await getUserOrNull(backend, rows[0].$id) : null;
  if (!oldest) return null;
  await applyOrgRole(backend, oldest, 'owner', now);
  return { ...oldest, orgRole: 'owner' };
}
