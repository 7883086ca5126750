/**
 * SQL identifiers of the embedded store. Every identifier that reaches SQL comes from
 * `appwrite.json` (whose keys schema.ts restricts to `[A-Za-z0-9_]`) or from this
 * module, never from a request; quoting is still applied everywhere so keys that are
 * SQL keywords (`order`) work.
 */

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `aurora_main` + `courses` → `aurora_main__courses`. */
export function rowTableName(databaseId: string, tableId: string): string {
  return `${databaseId}__${tableId}`;
}

export function indexName(table: string, indexKey: string): string {
  return `${table}__${indexKey}`;
}

/** Indexes the adapter adds on system columns; `$` cannot occur in an appwrite.json index key. */
export function systemIndexName(table: string, column: string): string {
  return `${table}__${column}`;
}

export function ftsTableName(table: string, indexKey: string): string {
  return `${table}__fts__${indexKey}`;
}

export const SYSTEM_COLUMNS = {
  sequence: '$sequence',
  id: '$id',
  createdAt: '$createdAt',
  updatedAt: '$updatedAt',
} as const;

/** Adapter-internal tables; a leading underscore cannot start an Appwrite database id. */
export const INTERNAL_TABLES = {
  users: '_auth_users',
  sessions: '_auth_sessions',
  teams: '_teams',
  teamMemberships: '_team_memberships',
  files: '_storage_files',
  outbox: '_outbox',
} as const;
