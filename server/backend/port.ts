/**
 * The backend port: the slice of Appwrite that Aurora uses. The Appwrite adapter is a
 * thin mapping of it; the embedded adapter re-implements it on SQLite. Everything
 * above `server/backend` talks to this interface only.
 *
 * Queries are Appwrite query strings as produced by node-appwrite's `Query` helpers
 * (`Query.equal('courseId', id)`, `Query.limit(20)`, ...). A list request carries at most
 * `LIST_LIMITS.queries` queries, each at most `LIST_LIMITS.queryChars` characters, and an
 * `equal`/`notEqual` array at most `LIST_LIMITS.equalValues` values: Appwrite refuses
 * more with a 400 (`invalid`). Lists of ids go through `listByIds` (server/services/rows.ts),
 * which splits them to fit.
 */
import type { Readable } from 'node:stream';
import type { OrgRole, Permission } from '../../shared/permissions';
import type { TeamRole } from '../../shared/fields/limits';

export type DatabaseId = 'aurora_main' | 'aurora_analytics' | 'aurora_content';
export type BucketId = 'course-materials' | 'user-uploads' | 'thumbnails' | 'backups' | 'certificates';
export type Role = 'regular' | 'instructor' | 'admin';

export type ColumnValue = string | number | boolean | null | string[] | number[] | boolean[];
export type RowData = Record<string, ColumnValue>;

/** A stored row: system fields plus the table's columns. */
export interface Row {
  $id: string;
  $tableId: string;
  $databaseId: string;
  $createdAt: string;
  $updatedAt: string;
  [column: string]: ColumnValue | undefined;
}

/**
 * What one list request may carry on Appwrite (app/init/constants.php
 * APP_LIMIT_ARRAY_PARAMS_SIZE, APP_LIMIT_ARRAY_ELEMENT_SIZE, APP_DATABASE_QUERY_MAX_VALUES).
 */
export const LIST_LIMITS = { queries: 100, queryChars: 4096, equalValues: 500 } as const;

/**
 * Appwrite counts a list's matches only up to this many (APP_LIMIT_COUNT): past it,
 * `total` reads 5,000 whatever the real number.
 */
export const LIST_TOTAL_CAP = 5000;

/**
 * `total` of every list below: the rows (users, files) matching the filters, ignoring
 * limit, offset and cursor, counted up to `LIST_TOTAL_CAP` on both backends (Appwrite's
 * cap; the embedded backend stops there too, so a count costs the same at any size), and
 * then `totalCapped` is true ("5,000 or more"). A total is for showing ("5,000+") or comparing with a threshold
 * well below the cap, never a figure to compute with: count with maintained counters or
 * by paging instead.
 */
export interface ListTotal {
  total: number;
  /** True when `total` stopped at `LIST_TOTAL_CAP`: the real number may be larger. */
  totalCapped: boolean;
}

export interface RowList extends ListTotal {
  rows: Row[];
}

export interface TableRef {
  databaseId: DatabaseId;
  tableId: string;
}

export interface TablesPort {
  get(ref: TableRef & { rowId: string; queries?: string[] }): Promise<Row>;
  /**
   * With `total: false` nothing is counted (`total` reads 0), as Appwrite's own flag does:
   * for reads that only want the rows, e.g. by ids or a course's lessons.
   */
  list(ref: TableRef & { queries?: string[]; total?: boolean }): Promise<RowList>;
  /** `rowId` defaults to a fresh unique id. */
  create(ref: TableRef & { rowId?: string; data: RowData }): Promise<Row>;
  /** Partial update: only the given columns change. */
  update(ref: TableRef & { rowId: string; data: RowData }): Promise<Row>;
  delete(ref: TableRef & { rowId: string }): Promise<void>;
  /**
   * Atomic compare-and-set: applies `data` only if the row still matches every filter
   * query in `where` at the moment of writing. Returns the updated row, or `null` when
   * the row exists but no longer matches (someone else won the race).
   */
  updateIf(ref: TableRef & { rowId: string; where: string[]; data: RowData }): Promise<Row | null>;
  /**
   * Atomically adds `by` (may be negative) to a numeric column, never past `min`/`max`
   * (refused, not clamped); a NULL column counts as 0. Returns the row as stored.
   */
  increment(
    ref: TableRef & { rowId: string; column: string; by: number; min?: number; max?: number },
  ): Promise<Row>;
}

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The organization role (docs/decisions/0039), stored beside the base role; null for none. */
  orgRole: OrgRole | null;
  createdAt: string;
}

export interface UserList extends ListTotal {
  users: AuthUser[];
}

export interface UsersPort {
  /** Throws `conflict` when the email (compared case-insensitively) is taken. */
  create(input: { userId?: string; email: string; password: string; name: string }): Promise<AuthUser>;
  get(userId: string): Promise<AuthUser>;
  findByEmail(email: string): Promise<AuthUser | null>;
  list(input?: { search?: string; limit?: number; offset?: number }): Promise<UserList>;
  setRole(userId: string, role: Role): Promise<AuthUser>;
  /**
   * Sets the organization role (null: none), leaving the base role as it is; throws
   * `not_found` for an unknown user and `invalid` for a role outside `ORG_ROLES`.
   */
  setOrgRole(userId: string, orgRole: OrgRole | null): Promise<AuthUser>;
  updateName(userId: string, name: string): Promise<AuthUser>;
  updatePassword(userId: string, password: string): Promise<void>;
  /** Also ends every session of the user. */
  delete(userId: string): Promise<void>;
}

export interface Session {
  /** The secret to put in the cookie; only a hash of it is stored server-side. */
  secret: string;
  userId: string;
  expiresAt: string;
}

export interface SessionsPort {
  /** Throws `unauthorized` for an unknown email or a wrong password alike. */
  create(input: { email: string; password: string }): Promise<Session>;
  /** The session's user, or null when the secret is unknown, expired or deleted. */
  resolve(secret: string): Promise<{ user: AuthUser; expiresAt: string } | null>;
  delete(secret: string): Promise<void>;
  deleteAllForUser(userId: string): Promise<void>;
}

/**
 * Teams (issue 15, docs/decisions/0039): a name unique case-insensitively, a description,
 * the permissions its members hold on the team's courses, and members who are each a
 * lead or a member. Appwrite Teams on Appwrite, adapter-internal tables when embedded.
 */
export { TEAM_LIMITS, TEAM_ROLES, type TeamRole } from '../../shared/fields/limits';

export interface Team {
  id: string;
  name: string;
  description: string;
  permissions: Permission[];
  /** Its members, leads included, as the backend counts them (Appwrite's team `total`). */
  memberCount: number;
  /** Publishing the team's courses goes through review (decision 0040); false unless set. */
  requiresReview: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TeamList extends ListTotal {
  teams: Team[];
}

/** One person in one team; names come with it so a member list needs no user reads. */
export interface TeamMembership {
  id: string;
  teamId: string;
  teamName: string;
  userId: string;
  userName: string;
  userEmail: string;
  role: TeamRole;
  createdAt: string;
}

export interface TeamsPort {
  /**
   * `conflict` when the name (compared case-insensitively) or the id is taken; `invalid`
   * for a permission outside the catalogue, an empty or too long name or description.
   */
  create(input: {
    teamId?: string;
    name: string;
    description: string;
    permissions: Permission[];
    requiresReview?: boolean;
  }): Promise<Team>;
  get(teamId: string): Promise<Team>;
  /**
   * Ordered by creation; `search` matches words of the name; `teamIds` (at most
   * `LIST_LIMITS.equalValues`) keeps only those teams, and then `limit` defaults to their
   * number: the resolver's second call, the teams of someone's memberships.
   */
  list(input?: { search?: string; teamIds?: string[]; limit?: number; offset?: number }): Promise<TeamList>;
  /** Partial update: only the given fields change; the same checks as `create`. */
  update(
    teamId: string,
    input: { name?: string; description?: string; permissions?: Permission[]; requiresReview?: boolean },
  ): Promise<Team>;
  /** Also removes every membership of the team. */
  delete(teamId: string): Promise<void>;
  /** `conflict` when the user is already a member; `not_found` for an unknown team or user. */
  addMember(input: { teamId: string; userId: string; role: TeamRole }): Promise<TeamMembership>;
  /** `not_found` when the user is not a member of the team. */
  setMemberRole(input: { teamId: string; userId: string; role: TeamRole }): Promise<TeamMembership>;
  removeMember(input: { teamId: string; userId: string }): Promise<void>;
  /** Every member of the team, in the order they joined; `not_found` for an unknown team. */
  listMembers(teamId: string): Promise<TeamMembership[]>;
  /**
   * Every team membership of one person (one backend call): what the permission resolver
   * reads. `not_found` for an unknown user.
   */
  teamsOf(userId: string): Promise<TeamMembership[]>;
}

export interface StoredFile {
  id: string;
  bucketId: BucketId;
  name: string;
  mimeType: string;
  sizeOriginal: number;
  createdAt: string;
  updatedAt: string;
}

export interface FileList extends ListTotal {
  files: StoredFile[];
}

export interface StoragePort {
  /**
   * Stores a file. The bucket's size and extension limits from `appwrite.json` are
   * enforced (`invalid`). `fileId` defaults to a fresh unique id.
   */
  put(input: {
    bucketId: BucketId;
    fileId?: string;
    name: string;
    mimeType: string;
    data: Buffer;
  }): Promise<StoredFile>;
  getMetadata(input: { bucketId: BucketId; fileId: string }): Promise<StoredFile>;
  /** The file's bytes as a stream; never buffered whole in memory. */
  read(input: { bucketId: BucketId; fileId: string }): Promise<Readable>;
  delete(input: { bucketId: BucketId; fileId: string }): Promise<void>;
  list(input: { bucketId: BucketId; queries?: string[]; search?: string }): Promise<FileList>;
}

export interface BackendHealth {
  backend: 'embedded' | 'appwrite';
  ok: boolean;
  latencyMs: number;
  detail?: string;
}

export interface Backend {
  readonly kind: 'embedded' | 'appwrite';
  readonly tables: TablesPort;
  readonly users: UsersPort;
  readonly sessions: SessionsPort;
  readonly storage: StoragePort;
  readonly teams: TeamsPort;
  health(): Promise<BackendHealth>;
  close(): Promise<void>;
}
