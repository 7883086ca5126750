/**
 * Builds and upgrades the SQL schema from appwrite.json on every open: new tables are
 * created, new columns added (ALTER TABLE ADD COLUMN, with the column default for
 * existing rows), indexes and fulltext tables created, changed or dropped to match
 * the file. Rows are never dropped; a column removed from the file stays in SQLite. A
 * column derived from other rows gets its values for existing rows from backfills.ts.
 */
import type Database from 'better-sqlite3';
import { BackendError } from '../errors';
import { backfillAddedColumn } from './backfills';
import type { ColumnSpec, IndexSpec } from '../schema';
import type { Catalog, FulltextInfo, TableInfo } from './catalog';
import { FTS_TOKENIZER } from './fts';
import { indexName, quoteIdent, SYSTEM_COLUMNS, systemIndexName } from './naming';
import { defaultLiteral, sqlTypeOf } from './values';

function columnDefinition(column: ColumnSpec): string {
  const fallback = defaultLiteral(column);
  return `${quoteIdent(column.key)} ${sqlTypeOf(column)}${fallback === null ? '' : ` DEFAULT ${fallback}`}`;
}

function sqlText(literal: string): string {
  return `'${literal.replaceAll("'", "''")}'`;
}

function createTableSql(info: TableInfo): string {
  const system = [
    `${quoteIdent(SYSTEM_COLUMNS.sequence)} INTEGER PRIMARY KEY AUTOINCREMENT`,
    `${quoteIdent(SYSTEM_COLUMNS.id)} TEXT NOT NULL UNIQUE`,
    `${quoteIdent(SYSTEM_COLUMNS.createdAt)} TEXT NOT NULL`,
    `${quoteIdent(SYSTEM_COLUMNS.updatedAt)} TEXT NOT NULL`,
  ];
  // Required flags are enforced by the adapter, not NOT NULL: a required column added
  // later must still be addable to a table that already has rows.
  const columns = [...system, ...info.spec.columns.map(columnDefinition)];
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(info.sqlName)} (${columns.join(', ')})`;
}

/** Adds the columns the file lacks; returns their keys. */
function addMissingColumns(db: Database.Database, info: TableInfo): string[] {
  const present = new Set(
    db
      .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
      .all(info.sqlName)
      .map((column) => column.name),
  );
  const added: string[] = [];
  for (const column of info.spec.columns) {
    if (!present.has(column.key)) {
      db.exec(`ALTER TABLE ${quoteIdent(info.sqlName)} ADD COLUMN ${columnDefinition(column)}`);
      added.push(column.key);
    }
  }
  return added;
}

function indexSql(info: TableInfo, index: IndexSpec): string {
  const columns = index.columns.map((column, i) => `${quoteIdent(column)} ${index.orders?.[i] ?? 'ASC'}`);
  const unique = index.type === 'unique' ? 'UNIQUE ' : '';
  return `CREATE ${unique}INDEX ${quoteIdent(indexName(info.sqlName, index.key))} ON ${quoteIdent(info.sqlName)} (${columns.join(', ')})`;
}

function desiredIndexes(info: TableInfo): Map<string, string> {
  const desired = new Map<string, string>();
  for (const column of [SYSTEM_COLUMNS.createdAt, SYSTEM_COLUMNS.updatedAt]) {
    const name = systemIndexName(info.sqlName, column);
    desired.set(
      name,
      `CREATE INDEX ${quoteIdent(name)} ON ${quoteIdent(info.sqlName)} (${quoteIdent(column)})`,
    );
  }
  for (const index of info.spec.indexes) {
    if (index.type !== 'fulltext') desired.set(indexName(info.sqlName, index.key), indexSql(info, index));
  }
  return desired;
}

function ownedBy(info: TableInfo, name: string): boolean {
  return name.startsWith(`${info.sqlName}__`);
}

function syncIndexes(db: Database.Database, info: TableInfo): void {
  const existing = new Map(
    db
      .prepare<[string], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
      )
      .all(info.sqlName)
      .map((index) => [index.name, index.sql]),
  );
  const desired = desiredIndexes(info);
  for (const [name, sql] of existing) {
    if (ownedBy(info, name) && desired.get(name) !== sql) db.exec(`DROP INDEX ${quoteIdent(name)}`);
  }
  for (const [name, sql] of desired) {
    if (existing.get(name) === sql) continue;
    try {
      db.exec(sql);
    } catch (error) {
      throw new BackendError(
        'unavailable',
        `Cannot build index ${name} of ${info.label}: existing rows break it`,
        {
          cause: error,
        },
      );
    }
  }
}

interface FulltextSql {
  table: string;
  triggers: Map<string, string>;
}

function fulltextSql(info: TableInfo, fts: FulltextInfo): FulltextSql {
  const name = quoteIdent(fts.ftsTable);
  const table = quoteIdent(info.sqlName);
  const sequence = quoteIdent(SYSTEM_COLUMNS.sequence);
  const columns = fts.columns.map(quoteIdent);
  const list = columns.join(', ');
  const from = (row: 'new' | 'old') => columns.map((column) => `${row}.${column}`).join(', ');
  const insertNew = `INSERT INTO ${name}(rowid, ${list}) VALUES (new.${sequence}, ${from('new')});`;
  const deleteOld = `INSERT INTO ${name}(${name}, rowid, ${list}) VALUES ('delete', old.${sequence}, ${from('old')});`;
  return {
    table:
      `CREATE VIRTUAL TABLE ${name} USING fts5(${list}, content=${sqlText(info.sqlName)}, ` +
      `content_rowid=${sqlText(SYSTEM_COLUMNS.sequence)}, tokenize=${sqlText(FTS_TOKENIZER)})`,
    triggers: new Map([
      [
        `${fts.ftsTable}__ai`,
        `CREATE TRIGGER ${quoteIdent(`${fts.ftsTable}__ai`)} AFTER INSERT ON ${table} BEGIN ${insertNew} END`,
      ],
      [
        `${fts.ftsTable}__ad`,
        `CREATE TRIGGER ${quoteIdent(`${fts.ftsTable}__ad`)} AFTER DELETE ON ${table} BEGIN ${deleteOld} END`,
      ],
      [
        `${fts.ftsTable}__au`,
        `CREATE TRIGGER ${quoteIdent(`${fts.ftsTable}__au`)} AFTER UPDATE OF ${list} ON ${table} BEGIN ${deleteOld} ${insertNew} END`,
      ],
    ]),
  };
}

function schemaSql(db: Database.Database, name: string): string | undefined {
  return db.prepare<[string], { sql: string }>('SELECT sql FROM sqlite_master WHERE name = ?').get(name)?.sql;
}

function dropFulltext(db: Database.Database, ftsTable: string): void {
  for (const suffix of ['ai', 'ad', 'au'])
    db.exec(`DROP TRIGGER IF EXISTS ${quoteIdent(`${ftsTable}__${suffix}`)}`);
  db.exec(`DROP TABLE IF EXISTS ${quoteIdent(ftsTable)}`);
}

function syncFulltext(db: Database.Database, info: TableInfo): void {
  const prefix = `${info.sqlName}__fts__`;
  const present = db
    .prepare<[number, string], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ? AND sql LIKE 'CREATE VIRTUAL TABLE%'",
    )
    .all(prefix.length, prefix)
    .map((table) => table.name);
  const wanted = new Set(info.fulltext.map((fts) => fts.ftsTable));
  for (const name of present) if (!wanted.has(name)) dropFulltext(db, name);

  for (const fts of info.fulltext) {
    const sql = fulltextSql(info, fts);
    const current =
      schemaSql(db, fts.ftsTable) === sql.table &&
      [...sql.triggers].every(([name, triggerSql]) => schemaSql(db, name) === triggerSql);
    if (current) continue;
    dropFulltext(db, fts.ftsTable);
    db.exec(sql.table);
    for (const triggerSql of sql.triggers.values()) db.exec(triggerSql);
    // Index the rows that existed before this fulltext index did.
    db.exec(`INSERT INTO ${quoteIdent(fts.ftsTable)}(${quoteIdent(fts.ftsTable)}) VALUES ('rebuild')`);
  }
}

/** Brings the file's row tables in line with appwrite.json, in one transaction. */
export function applyProjectSchema(db: Database.Database, catalog: Catalog): void {
  db.transaction(() => {
    const added: [TableInfo, string][] = [];
    for (const info of catalog.tables) {
      db.exec(createTableSql(info));
      for (const column of addMissingColumns(db, info)) added.push([info, column]);
      syncIndexes(db, info);
      syncFulltext(db, info);
    }
    // After every table exists: a derived column may read another table.
    for (const [info, column] of added) backfillAddedColumn(db, info.databaseId, info.tableId, column);
  }).immediate();
}
