/**
 * What Appwrite sends back, validated with zod before it becomes a port shape: the SDK's
 * TypeScript models are promises, not checks, and a drifted server must fail loudly
 * (`unavailable`) rather than leak malformed rows into services.
 */
import { z } from 'zod';
import { isPermission } from '../../../shared/permissions';
import { BackendError } from '../errors';
import {
  LIST_TOTAL_CAP,
  type AuthUser,
  type BucketId,
  type ColumnValue,
  type Row,
  type StoredFile,
  type Team,
  type TeamMembership,
} from '../port';
import { orgRoleFromLabels, roleFromLabels } from './roles';

export function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const message = `Appwrite returned an unexpected ${what}: ${z.prettifyError(result.error)}`;
  throw new BackendError('unavailable', message, { cause: result.error });
}

const columnValue: z.ZodType<ColumnValue> = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()),
  z.array(z.number()),
  z.array(z.boolean()),
]);

const rowSchema = z
  .object({
    $id: z.string(),
    $tableId: z.string(),
    $databaseId: z.string(),
    $createdAt: z.string(),
    $updatedAt: z.string(),
  })
  .catchall(columnValue);

/** Fields of Appwrite's row model that the port does not carry. */
const DROPPED_ROW_FIELDS = new Set(['$permissions', '$sequence']);

export const rowFromAppwrite = z
  .record(z.string(), z.unknown())
  .transform((raw) => Object.fromEntries(Object.entries(raw).filter(([key]) => !DROPPED_ROW_FIELDS.has(key))))
  .pipe(rowSchema) satisfies z.ZodType<Row>;

/**
 * A list's `total` as the port states it: Appwrite stops counting at APP_LIMIT_COUNT
 * (Documents/XList.php, Users/XList.php, Buckets/Files/XList.php count with that max), so
 * a total at the cap means "that many or more".
 */
const listTotal = { total: z.number() };
const withCap = <T extends { total: number }>(list: T): T & { totalCapped: boolean } => ({
  ...list,
  totalCapped: list.total >= LIST_TOTAL_CAP,
});

export const rowListSchema = z.object({ ...listTotal, rows: z.array(rowFromAppwrite) }).transform(withCap);

const userSchema = z.object({
  $id: z.string(),
  $createdAt: z.string(),
  email: z.string(),
  name: z.string(),
  labels: z.array(z.string()),
});

export const userFromAppwrite = userSchema.transform((user): AuthUser => ({
  id: user.$id,
  email: user.email,
  name: user.name,
  role: roleFromLabels(user.labels),
  orgRole: orgRoleFromLabels(user.labels),
  createdAt: user.$createdAt,
}));

export const userListSchema = z.object({ ...listTotal, users: z.array(userFromAppwrite) }).transform(withCap);

export const userLabelsSchema = userSchema.pick({ labels: true });

export const sessionSchema = z.object({ userId: z.string(), expire: z.string(), secret: z.string() });

export const transactionSchema = z.object({ $id: z.string() });

/** The port's bucket ids, checked at run time. */
export const bucketIdSchema = z.enum([
  'course-materials',
  'user-uploads',
  'thumbnails',
  'backups',
  'certificates',
]) satisfies z.ZodType<BucketId>;

export const fileFromAppwrite = z
  .object({
    $id: z.string(),
    bucketId: bucketIdSchema,
    name: z.string(),
    mimeType: z.string(),
    sizeOriginal: z.number(),
    $createdAt: z.string(),
    $updatedAt: z.string(),
  })
  .transform((file): StoredFile => ({
    id: file.$id,
    bucketId: file.bucketId,
    name: file.name,
    mimeType: file.mimeType,
    sizeOriginal: file.sizeOriginal,
    createdAt: file.$createdAt,
    updatedAt: file.$updatedAt,
  }));

export const fileListSchema = z.object({ ...listTotal, files: z.array(fileFromAppwrite) }).transform(withCap);

/**
 * A team's preferences as Aurora writes them (server/backend/appwrite/teams.ts). A team
 * made elsewhere in the project has none: it reads as no description and no permissions,
 * and a permission the catalogue no longer has is dropped rather than granted.
 */
export const teamPrefsSchema = z.looseObject({
  description: z.string().catch(''),
  permissions: z
    .array(z.string())
    .catch([])
    .transform((names) => names.filter(isPermission)),
  requiresReview: z.boolean().catch(false),
});

export const teamFromAppwrite = z
  .object({
    $id: z.string(),
    $createdAt: z.string(),
    $updatedAt: z.string(),
    name: z.string(),
    // Confirmed memberships; the server's are confirmed at once (decision 0039).
    total: z.number().int().min(0),
    prefs: z.record(z.string(), z.unknown()),
  })
  .transform((team): Team => {
    const prefs = teamPrefsSchema.parse(team.prefs);
    return {
      id: team.$id,
      name: team.name,
      description: prefs.description,
      permissions: prefs.permissions,
      memberCount: team.total,
      requiresReview: prefs.requiresReview,
      createdAt: team.$createdAt,
      updatedAt: team.$updatedAt,
    };
  });

export const teamListSchema = z.object({ ...listTotal, teams: z.array(teamFromAppwrite) }).transform(withCap);

/** A membership as Appwrite sends it; `confirm` is false while an invitation is pending. */
const appwriteMembership = z.object({
  $id: z.string(),
  $createdAt: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  userId: z.string(),
  userName: z.string(),
  userEmail: z.string(),
  roles: z.array(z.string()),
  confirm: z.boolean(),
});

function toMembership(membership: z.infer<typeof appwriteMembership>): TeamMembership {
  return {
    id: membership.$id,
    teamId: membership.teamId,
    teamName: membership.teamName,
    userId: membership.userId,
    userName: membership.userName,
    userEmail: membership.userEmail,
    role: membership.roles.includes('lead') ? 'lead' : 'member',
    createdAt: membership.$createdAt,
  };
}

export const membershipFromAppwrite = appwriteMembership.transform(toMembership);

/** Only joined memberships count: a pending invitation (made elsewhere) grants nothing. */
export const membershipListSchema = z
  .object({ ...listTotal, memberships: z.array(appwriteMembership) })
  .transform((list) => ({
    total: list.total,
    memberships: list.memberships.filter((membership) => membership.confirm).map(toMembership),
    /** How many Appwrite sent, pending ones included: what paging counts. */
    sent: list.memberships.length,
  }));
