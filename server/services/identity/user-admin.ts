/**
 * The admin's people panel: list and search, change roles. The role lives in the auth
 * service (what authorization reads) and is mirrored on the profile row (what lists
 * filter on); both change together.
 *
 * There is always at least one admin. The check before a demotion gives the clear
 * message; a second count after it catches two admins demoting each other at the same
 * moment, and puts the role back.
 */
import { Query } from 'node-appwrite';
import type { AuthUser, Backend, Role } from '../../backend/port';
import type { OrgRole } from '../../../shared/permissions';
import { ServiceError } from '../errors';
import { isAdminRole } from '../permissions/base-roles';
import { countAdminsUpTo, findProfile, parseProfile, updateProfileRow, type Profile } from './profiles';
import { avatarUrlOf } from './viewer';
import type { ServiceScope } from '../scope';
import { unlessMissing } from '../rows';
import { searchAnyColumnQueries } from '../search-queries';
import { PROFILES } from '../tables';

export interface UserListItem {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgRole: OrgRole | null;
  avatarUrl: string | null;
  createdAt: string;
}

export interface UserListQuery {
  cursor?: string;
  limit: number;
  search?: string;
  role?: Role;
}

export function toListItem(profile: Profile): UserListItem {
  return {
    id: profile.$id,
    email: profile.email,
    name: profile.name,
    role: profile.role,
    orgRole: profile.orgRole,
    avatarUrl: avatarUrlOf(profile.avatar),
    createdAt: profile.createdAt,
  };
}

export async function listUsers(
  backend: Backend,
  query: UserListQuery,
): Promise<{ items: UserListItem[]; nextCursor: string | null; total: number; totalCapped: boolean }> {
  const queries = [Query.orderDesc('createdAt'), Query.limit(query.limit + 1)];
  if (query.role) queries.push(Query.equal('role', query.role));
  // Each column has its own full-text index (see docs/decisions/0005): every word, as a
  // prefix, in the name OR the email (search-queries.ts).
  queries.push(...searchAnyColumnQueries(['name', 'email'], query.search));
  if (query.cursor) queries.push(Query.cursorAfter(query.cursor));
  const { rows, total, totalCapped } = await backend.tables.list({ ...PROFILES, queries });
  const items = rows.slice(0, query.limit).map((row) => toListItem(parseProfile(row)));
  const nextCursor = rows.length > query.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, nextCursor, total, totalCapped };
}

export const NO_SUCH_USER = 'That user does not exist (they may have been deleted).';

export function getUserOrNull(backend: Backend, userId: string): Promise<AuthUser | null> {
  return unlessMissing(backend.users.get(userId), null);
}

export function lastAdminError(user: Pick<AuthUser, 'name' | 'email'>, doing: string): ServiceError {
  return new ServiceError(
    'conflict',
    `${user.name || user.email} is the last admin and cannot be ${doing}. Make someone else an admin first.`,
  );
}

async function applyRole(backend: Backend, user: AuthUser, role: Role, now: Date): Promise<Profile> {
  const updated = await backend.users.setRole(user.id, role);
  return updateProfileRow(backend, updated, { role }, now);
}

export async function setUserRole(
  scope: ServiceScope,
  input: { userId: string; role: Role },
): Promise<UserListItem> {
  const { backend } = scope;
  const { userId, role } = input;
  const now = scope.now();
  const user = await getUserOrNull(backend, userId);
  if (!user) throw new ServiceError('not_found', NO_SUCH_USER);
  const demotesAdmin = isAdminRole(user.role) && !isAdminRole(role);
  if (demotesAdmin && (await countAdminsUpTo(backend, 2)) <= 1) throw lastAdminError(user, 'demoted');

  const profile = await applyRole(backend, user, role, now);
  if (demotesAdmin && (await countAdminsUpTo(backend, 1)) === 0) {
    await applyRole(backend, user, 'admin', now);
    throw lastAdminError(user, 'demoted');
  }
  return toListItem(profile);
}

/** Makes an existing account an admin (start-up `AURORA_ADMIN_EMAIL`), profile included. */
export async function promoteToAdmin(backend: Backend, user: AuthUser, now: Date): Promise<Profile> {
  const profile = await findProfile(backend, user.id);
  if (profile && isAdminRole(user.role) && isAdminRole(profile.role)) return profile;
  return applyRole(backend, user, 'admin', now);
}
