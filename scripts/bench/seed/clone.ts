/**
 * Bulk copies of rows the real services wrote (world.ts), straight into the SQLite file:
 * a copy keeps every column of its template — so a column another change adds (a
 * denormalised count, a name) is copied too — with the template's ids, emails and
 * names replaced by the copy's own. Inserting through SQL keeps every index and the
 * full-text triggers exact, and many rows per transaction is what makes a million
 * enrollments take seconds; going through the port would write one transaction and one
 * outbox event per row (see seed.ts for the measured difference).
 */
import type Database from 'better-sqlite3';
import { generateId } from '../../../server/backend/embedded/ids';
import { quoteIdent, SYSTEM_COLUMNS } from '../../../server/backend/embedded/naming';

type SqlRow = Record<string, unknown>;
export type Substitutions = ReadonlyArray<readonly [from: string, to: string]>;

function isSqlRow(value: unknown): value is SqlRow {
  return typeof value === 'object' && value !== null;
}

/** The rows of `table` that match `where` (a column and its value), as stored. */
export function templateRows(db: Database.Database, table: string, column: string, value: string): SqlRow[] {
  return db
    .prepare(`SELECT * FROM ${quoteIdent(table)} WHERE ${quoteIdent(column)} = ?`)
    .all(value)
    .filter(isSqlRow);
}

function substitute(value: unknown, substitutions: Substitutions): unknown {
  if (typeof value !== 'string') return value;
  let result = value;
  for (const [from, to] of substitutions) if (result.includes(from)) result = result.replaceAll(from, to);
  return result;
}

/**
 * Inserts copies of one template row: `autoColumn` (the sequence SQLite numbers) is left
 * out, `overrides` set columns outright, and every text column goes through the
 * substitutions. A row id the substitutions leave as it was (a tag row's own id, not
 * one derived from the course's) gets a fresh one. The statement is prepared once.
 */
export function rowCopier(db: Database.Database, table: string, template: SqlRow, autoColumn: string) {
  const columns = Object.keys(template).filter((column) => column !== autoColumn);
  const insert = db.prepare(
    `INSERT INTO ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const idColumn = SYSTEM_COLUMNS.id in template ? SYSTEM_COLUMNS.id : 'id';
  return (substitutions: Substitutions, overrides: SqlRow = {}): void => {
    insert.run(
      columns.map((column) => {
        if (column in overrides) return overrides[column];
        const value = substitute(template[column], substitutions);
        return column === idColumn && value === template[column] ? generateId() : value;
      }),
    );
  };
}

/** Copies of every row in `templates`, as one function. */
export function rowsCopier(db: Database.Database, table: string, templates: SqlRow[], autoColumn: string) {
  const copiers = templates.map((template) => rowCopier(db, table, template, autoColumn));
  return (substitutions: Substitutions, overrides: SqlRow = {}): void => {
    for (const copy of copiers) copy(substitutions, overrides);
  };
}
