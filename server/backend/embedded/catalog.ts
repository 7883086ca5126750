/** The tables of appwrite.json as the embedded adapter sees them: SQL names, query targets, row decoding. */
import type { Row } from '../port';
import type { ColumnSpec, ProjectSpec, TableSpec } from '../schema';
import { ftsTableName, quoteIdent, rowTableName, SYSTEM_COLUMNS } from './naming';
import type { QueryField, QueryTarget } from './query-compile';
import { invalid, notFound } from './sql-errors';
import { columnValueFromSql } from './values';

export interface FulltextInfo {
  indexKey: string;
  ftsTable: string;
  columns: string[];
}

export interface TableInfo {
  spec: TableSpec;
  databaseId: string;
  tableId: string;
  /** `aurora_main.courses`, for messages. */
  label: string;
  sqlName: string;
  columns: ReadonlyMap<string, ColumnSpec>;
  fulltext: FulltextInfo[];
  target: QueryTarget;
}

export interface Catalog {
  tables: readonly TableInfo[];
  table(databaseId: string, tableId: string): TableInfo;
}

const SYSTEM_FIELDS: readonly ColumnSpec[] = [
  { key: SYSTEM_COLUMNS.id, type: 'string', required: true, array: false, size: 36 },
  { key: SYSTEM_COLUMNS.createdAt, type: 'datetime', required: true, array: false },
  { key: SYSTEM_COLUMNS.updatedAt, type: 'datetime', required: true, array: false },
];

function describeTable(spec: TableSpec): TableInfo {
  const sqlName = rowTableName(spec.databaseId, spec.$id);
  const table = quoteIdent(sqlName);
  const columns = new Map(spec.columns.map((column) => [column.key, column]));
  const fields = new Map<string, QueryField>(
    [...SYSTEM_FIELDS, ...spec.columns].map((column) => [
      column.key,
      { key: column.key, sql: `${table}.${quoteIdent(column.key)}`, column },
    ]),
  );
  const fulltext = spec.indexes
    .filter((index) => index.type === 'fulltext')
    .map((index) => ({
      indexKey: index.key,
      ftsTable: ftsTableName(sqlName, index.key),
      columns: index.columns,
    }));
  const label = `${spec.databaseId}.${spec.$id}`;
  return {
    spec,
    databaseId: spec.databaseId,
    tableId: spec.$id,
    label,
    sqlName,
    columns,
    fulltext,
    target: {
      label,
      table,
      sequence: `${table}.${quoteIdent(SYSTEM_COLUMNS.sequence)}`,
      id: `${table}.${quoteIdent(SYSTEM_COLUMNS.id)}`,
      field: (key) => fields.get(key),
      fulltext: (key) => {
        // Like Appwrite (utopia-php/database Validator/IndexedQueries.php): only a fulltext
        // index on exactly this one column serves a search.
        const found = fulltext.find((index) => index.columns.length === 1 && index.columns[0] === key);
        return found ? quoteIdent(found.ftsTable) : undefined;
      },
    },
  };
}

export function buildCatalog(project: ProjectSpec): Catalog {
  const tables = project.tables.map(describeTable);
  const byKey = new Map(tables.map((info) => [`${info.databaseId}\u0000${info.tableId}`, info]));
  return {
    tables,
    table(databaseId, tableId) {
      const info = byKey.get(`${databaseId}\u0000${tableId}`);
      if (!info)
        throw notFound(`Table ${String(databaseId)}.${String(tableId)} does not exist in appwrite.json`);
      return info;
    },
  };
}

const SYSTEM_SELECTABLE = new Set(['$id', '$tableId', '$databaseId', '$createdAt', '$updatedAt']);

/** Checks a select list; undefined or `*` means every column. */
export function selectedColumns(
  info: TableInfo,
  select: readonly string[] | undefined,
): Set<string> | undefined {
  if (!select || select.includes('*')) return undefined;
  for (const key of select) {
    if (!info.columns.has(key) && !SYSTEM_SELECTABLE.has(key)) {
      throw invalid(`Unknown column "${key}" in query select on ${info.label}`);
    }
  }
  return new Set(select);
}

/** A stored SQL row as a port Row; system fields are always present. */
export function decodeRow(info: TableInfo, raw: Record<string, unknown>, select?: ReadonlySet<string>): Row {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const row: Row = {
    $id: text(raw[SYSTEM_COLUMNS.id]),
    $tableId: info.tableId,
    $databaseId: info.databaseId,
    $createdAt: text(raw[SYSTEM_COLUMNS.createdAt]),
    $updatedAt: text(raw[SYSTEM_COLUMNS.updatedAt]),
  };
  for (const column of info.spec.columns) {
    if (select && !select.has(column.key)) continue;
    row[column.key] = columnValueFromSql(column, raw[column.key]);
  }
  return row;
}
