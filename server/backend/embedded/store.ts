/**
 * The embedded adapter's handle on its SQLite file: pragmas, a statement cache and
 * transaction helpers. Port modules share one Store.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { toBackendError } from './sql-errors';

/** What better-sqlite3 can bind; booleans and arrays are encoded before they get here. */
export type SqlValue = string | number | bigint | Buffer | null;

export interface Store {
  readonly db: Database.Database;
  readonly dataDir: string;
  now(): Date;
  /** A prepared statement, cached by its text (identifiers only ever come from the schema). */
  statement(sql: string): Database.Statement;
  /** Runs `work` in a BEGIN IMMEDIATE transaction: writers queue up instead of failing on upgrade. */
  write<T>(work: () => T): T;
  /** Runs `work` in a read transaction so a count and its page see the same snapshot. */
  read<T>(work: () => T): T;
  close(): void;
}

const STATEMENT_CACHE_LIMIT = 500;

export const DATABASE_FILE = 'aurora.sqlite';

export function openStore(dataDir: string, now: () => Date = () => new Date()): Store {
  let db: Database.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(join(dataDir, DATABASE_FILE));
  } catch (error) {
    throw toBackendError(error);
  }
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode syncs at checkpoints, not at every commit: a committed
    // transaction survives a crash of this process (it is in the OS page cache),
    // though the last ones may be lost if the whole machine loses power.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    db.close();
    throw toBackendError(error);
  }

  const cache = new Map<string, Database.Statement>();

  function statement(sql: string): Database.Statement {
    let prepared = cache.get(sql);
    if (!prepared) {
      if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
      prepared = db.prepare(sql);
      cache.set(sql, prepared);
    }
    return prepared;
  }

  // Prepared once: better-sqlite3's db.transaction() builds its wrappers anew per call,
  // which on reads of one or two statements cost as much as the reads.
  const begin = { immediate: db.prepare('BEGIN IMMEDIATE'), deferred: db.prepare('BEGIN DEFERRED') };
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');

  function run<T>(work: () => T, mode: 'immediate' | 'deferred'): T {
    try {
      // Inside a transaction already: a savepoint, so a failure undoes only this part.
      if (db.inTransaction) return db.transaction(work)[mode]();
      begin[mode].run();
      try {
        const result = work();
        if (result instanceof Promise) throw new TypeError('a transaction cannot wait for a promise');
        commit.run();
        return result;
      } catch (error) {
        if (db.inTransaction) rollback.run();
        throw error;
      }
    } catch (error) {
      throw toBackendError(error);
    }
  }

  return {
    db,
    dataDir,
    now,
    statement,
    write: (work) => run(work, 'immediate'),
    read: (work) => run(work, 'deferred'),
    close: () => {
      cache.clear();
      if (db.open) db.close();
    },
  };
}
