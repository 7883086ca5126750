/**
 * The `users` table: the profile mirror of each auth user (same id), holding what the
 * auth service does not — bio, avatar — and copies of email, name, role and organization
 * role so admins can search, filter and page people with ordinary table queries.
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import { getRowOrNull, rowDatetime, unlessMissing } from '../rows';
import { listByIds } from '../rows-by-ids';
import { isBackendError } from '../../backend/errors';
import type { AuthUser, Backend, Role, RowData } from '../../backend/port';
import { PROFILES } from '../tables';
import { roleSchema } from '../../../shared/fields/people';
import { isOrgRole, type OrgRole } from '../../../shared/permissions';

const profileRowSchema = z.object({
  $id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema.nullish().transform((role) => role ?? 'regular'),
  // A copy: whatever is not a known role (a row written before the column) reads as none.
  orgRole: z.unknown().transform((orgRole) => (isOrgRole(orgRole) ? orgRole : null)),
  avatar: z
    .string()
    .nullish()
    .transform((avatar) => avatar ?? null),
  bio: z
    .string()
    .nullish()
    .transform((bio) => bio ?? ''),
  createdAt: rowDatetime,
  updatedAt: rowDatetime,
});

export type Profile = z.output<typeof profileRowSchema>;

export function parseProfile(row: unknown): Profile {
  return profileRowSchema.parse(row);
}

export async function findProfile(backend: Backend, userId: string): Promise<Profile | null> {
  const row = await getRowOrNull(backend, PROFILES, userId);
  return row ? parseProfile(row) : null;
}

/** The profile, or one derived from the auth user when none was written yet (accounts made outside Aurora). */
/** The profiles of `userIds` (missing ones are simply absent), in chunks that fit Appwrite's query limits. */
export async function profilesByIds(
  backend: Backend,
  userIds: readonly string[],
): Promise<Map<string, Profile>> {
  const rows = await listByIds(backend, PROFILES, userIds);
  return new Map(rows.map((row) => [row.$id, parseProfile(row)]));
}

export async function profileOf(backend: Backend, user: AuthUser): Promise<Profile> {
  return (
    (await findProfile(backend, user.id)) ?? {
      $id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      orgRole: user.orgRole,
      avatar: null,
      bio: '',
      createdAt: new Date(user.createdAt).toISOString(),
      updatedAt: new Date(user.createdAt).toISOString(),
    }
  );
}

export async function createProfile(backend: Backend, user: AuthUser, now: Date, bio = ''): Promise<Profile> {
  const stamp = now.toISOString();
  return parseProfile(
    await backend.tables.create({
      ...PROFILES,
      rowId: user.id,
      data: {
        email: user.email,
        name: user.name,
        role: user.role,
        orgRole: user.orgRole,
        bio,
        createdAt: stamp,
        updatedAt: stamp,
      },
    }),
  );
}

/**
 * Changes profile columns, creating the row first when the account never had one, so
 * the mirror heals itself the first time anything about the person changes.
 */
export async function updateProfileRow(
  backend: Backend,
  user: AuthUser,
  data: RowData,
  now: Date,
): Promise<Profile> {
  const changes = { ...data, updatedAt: now.toISOString() };
  const updated = await unlessMissing(
    backend.tables.update({ ...PROFILES, rowId: user.id, data: changes }),
    null,
  );
  if (updated) return parseProfile(updated);
  try {
    await createProfile(backend, user, now);
  } catch (error) {
    // Another request created it a moment ago: update that one.
    if (!isBackendError(error, 'conflict')) throw error;
  }
  return parseProfile(await backend.tables.update({ ...PROFILES, rowId: user.id, data: changes }));
}

/**
 * How many admins there are, counted exactly up to `upTo` (the callers ask "is there
 * another one?"): the admins' rows themselves, never a list total (Appwrite caps those).
 */
export async function countAdminsUpTo(backend: Backend, upTo: number): Promise<number> {
  const { rows } = await backend.tables.list({
    ...PROFILES,
    queries: [Query.equal('role', 'admin' satisfies Role), Query.select(['$id']), Query.limit(upTo)],
  });
  return rows.length;
}

/** The same count for Organization Owners (decision 0039). */
export async function countOwnersUpTo(backend: Backend, upTo: number): Promise<number> {
  const { rows } = await backend.tables.list({
    ...PROFILES,
    queries: [Query.equal('orgRole', 'owner' satisfies OrgRole), Query.select(['$id']), Query.limit(upTo)],
  });
  return rows.length;
}
