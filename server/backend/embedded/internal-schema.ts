/**
 * Tables the adapter keeps for itself (not in appwrite.json): auth users and sessions,
 * stored-file metadata and the event outbox. `user_version` numbers their layout so a
 * later change can migrate existing files: each step in UPGRADES brings a file from the
 * version before it to its own (version 2: the organization role, decision 0039; version 3:
 * whether a team's courses are reviewed before publishing, decision 0040).
 */
import type Database from 'better-sqlite3';
import { ORG_ROLES } from '../../../shared/permissions';

const ORG_ROLE_CHECK = `CHECK ("org_role" IS NULL OR "org_role" IN (${ORG_ROLES.map((role) => `'${role}'`).join(', ')}))`;

const ORG_ROLE_COLUMN = `"org_role" TEXT ${ORG_ROLE_CHECK}`;

const REQUIRES_REVIEW_COLUMN = `"requires_review" INTEGER NOT NULL DEFAULT 0 CHECK ("requires_review" IN (0, 1))`;

const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS "_auth_users" (
    "seq" INTEGER PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL UNIQUE,
    "email" TEXT NOT NULL UNIQUE,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'regular' CHECK ("role" IN ('regular', 'instructor', 'admin')),
    ${ORG_ROLE_COLUMN},
    "password_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS "_auth_sessions" (
    "secret_hash" TEXT PRIMARY KEY,
    "user_id" TEXT NOT NULL REFERENCES "_auth_users" ("id") ON DELETE CASCADE,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "extended_at" TEXT NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS "_auth_sessions_user" ON "_auth_sessions" ("user_id")`,
  // Teams are here, not in appwrite.json, for the reason users are: on Appwrite they are a
  // service (Teams), not TablesDB tables, so `appwrite push` must not create tables for them.
  // New tables need no layout version: CREATE ... IF NOT EXISTS adds them to older files.
  `CREATE TABLE IF NOT EXISTS "_teams" (
    "seq" INTEGER PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL UNIQUE,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL UNIQUE,
    "description" TEXT NOT NULL,
    "permissions" TEXT NOT NULL,
    ${REQUIRES_REVIEW_COLUMN},
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
  )`,
  // A membership goes with its team and with its user (Appwrite deletes both too).
  `CREATE TABLE IF NOT EXISTS "_team_memberships" (
    "seq" INTEGER PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL UNIQUE,
    "team_id" TEXT NOT NULL REFERENCES "_teams" ("id") ON DELETE CASCADE,
    "user_id" TEXT NOT NULL REFERENCES "_auth_users" ("id") ON DELETE CASCADE,
    "role" TEXT NOT NULL CHECK ("role" IN ('lead', 'member')),
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    UNIQUE ("team_id", "user_id")
  )`,
  `CREATE INDEX IF NOT EXISTS "_team_memberships_user" ON "_team_memberships" ("user_id")`,
  `CREATE TABLE IF NOT EXISTS "_storage_files" (
    "seq" INTEGER PRIMARY KEY AUTOINCREMENT,
    "bucket_id" TEXT NOT NULL,
    "file_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    UNIQUE ("bucket_id", "file_id")
  )`,
  `CREATE TABLE IF NOT EXISTS "_outbox" (
    "seq" INTEGER PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL UNIQUE,
    "name" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "due_at" INTEGER NOT NULL,
    "last_error" TEXT,
    "dead" INTEGER NOT NULL DEFAULT 0
  )`,
  `CREATE INDEX IF NOT EXISTS "_outbox_due" ON "_outbox" ("dead", "due_at", "seq")`,
];

/** Adds a column to a table an older file has; a table STATEMENTS just created has it already. */
function addColumnIfMissing(db: Database.Database, table: string, column: string, definition: string) {
  const columns = db.prepare(`SELECT "name" FROM pragma_table_info(?)`).all(table);
  if (
    !columns.some(
      (found) => typeof found === 'object' && found !== null && 'name' in found && found.name === column,
    )
  )
    db.exec(`ALTER TABLE "${table}" ADD COLUMN ${definition}`);
}

/** Changes to a file made at an earlier version, by the version each brings it to. */
const UPGRADES: readonly { version: number; apply: (db: Database.Database) => void }[] = [
  { version: 2, apply: (db) => db.exec(`ALTER TABLE "_auth_users" ADD COLUMN ${ORG_ROLE_COLUMN}`) },
  // `_teams` came without a version of its own: a version-2 file may or may not have it.
  { version: 3, apply: (db) => addColumnIfMissing(db, '_teams', 'requires_review', REQUIRES_REVIEW_COLUMN) },
];

const VERSION = Math.max(1, ...UPGRADES.map((upgrade) => upgrade.version));

export function applyInternalSchema(db: Database.Database): void {
  db.transaction(() => {
    const hadUsers = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_auth_users'`)
      .get();
    const found = Number(db.pragma('user_version', { simple: true }));
    // A file without the tables is new: STATEMENTS create them at the latest layout.
    const from = hadUsers ? Math.max(found, 1) : VERSION;
    for (const statement of STATEMENTS) db.exec(statement);
    for (const upgrade of UPGRADES) {
      if (upgrade.version > from) upgrade.apply(db);
    }
    db.pragma(`user_version = ${VERSION}`);
  }).immediate();
}
