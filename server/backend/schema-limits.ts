/**
 * What Appwrite 1.9 (utopia-php/database 7.2.6 on MariaDB) refuses or silently changes in
 * a table of appwrite.json, refused here first, so the embedded backend never accepts a
 * schema `appwrite push` would reject, and appwrite.json says what Appwrite will store:
 *
 * - email columns are created with size 254 whatever `size` says
 *   (Modules/Databases/Http/Databases/Collections/Attributes/Email/Create.php);
 * - a numeric column's min must not exceed its max (Integer/Create.php, Float/Create.php);
 * - a fulltext index serves a search only on exactly one column
 *   (utopia-php/database src/Database/Validator/IndexedQueries.php): a wider one is refused
 *   here because it could never serve a query;
 * - a row is at most 65,535 bytes wide, counted as SQL::getAttributeWidth does
 *   (src/Database/Adapter/SQL.php, getDocumentSizeLimit);
 * - a key or unique index is at most 768 long, counted as Validator/Index.php
 *   checkIndexLengths does (SQL::getMaxIndexLength).
 */
import type { ColumnSpec, IndexSpec, TableSpec } from './schema';

export const APPWRITE_EMAIL_SIZE = 254;
export const APPWRITE_ROW_WIDTH_LIMIT = 65_535;
export const APPWRITE_INDEX_LENGTH_LIMIT = 768;
/** Appwrite makes an integer column BIGINT when its max exceeds this (Integer/Create.php). */
const INT_MAX = 2_147_483_647;
/** SQL::getMaxVarcharLength: longer strings are TEXT types, stored off the row. */
const MAX_VARCHAR = 16_381;
/** Database::LENGTH_KEY: the size of an enum column, and of an id. */
const LENGTH_KEY = 255;
/** Database::MAX_ARRAY_INDEX_LENGTH. */
const ARRAY_INDEX_LENGTH = 255;
/** `_id`, `_uid`, `_tenant`, `_createdAt`, `_updatedAt`, `_permissions` (SQL::getAttributeWidth). */
const SYSTEM_WIDTH = 1067;

function stringSize(column: Extract<ColumnSpec, { type: 'string' }>): number {
  if (column.format === 'enum') return LENGTH_KEY;
  return column.size ?? 0;
}

/** The bytes one column takes in a MariaDB row, as Appwrite counts them. */
export function columnWidth(column: ColumnSpec): number {
  if (column.array) return 20;
  switch (column.type) {
    case 'string': {
      const size = stringSize(column);
      if (size > MAX_VARCHAR) return 20;
      return size > 255 ? size * 4 + 2 : size * 4 + 1;
    }
    case 'integer':
      return column.max > INT_MAX || column.min < -INT_MAX - 1 ? 8 : 4;
    case 'double':
      return 8;
    case 'boolean':
      return 1;
    case 'datetime':
      return 7;
  }
}

export function rowWidth(table: TableSpec): number {
  return table.columns.reduce((total, column) => total + columnWidth(column), SYSTEM_WIDTH);
}

/** A key or unique index's length as Appwrite counts it (a fulltext index has none). */
export function indexLength(table: TableSpec, index: IndexSpec): number {
  return index.columns.reduce((total, key) => {
    const column = table.columns.find((candidate) => candidate.key === key);
    if (!column) return total;
    if (column.array) return total + ARRAY_INDEX_LENGTH;
    if (column.type === 'string') return total + stringSize(column);
    return total + (column.type === 'double' ? 2 : 1);
  }, 0);
}

/** Throws, naming the table and what is wrong, when Appwrite would refuse or change it. */
export function checkAppwriteLimits(table: TableSpec): void {
  const where = (what: string) => `appwrite.json: ${table.$id}.${what}`;
  for (const column of table.columns) {
    if (column.type === 'string' && column.format === 'email' && column.size !== APPWRITE_EMAIL_SIZE) {
      throw new Error(
        `${where(column.key)}: an email column is size ${APPWRITE_EMAIL_SIZE} on Appwrite, whatever size says`,
      );
    }
    if ((column.type === 'integer' || column.type === 'double') && column.min > column.max) {
      throw new Error(`${where(column.key)}: min ${column.min} is above max ${column.max}`);
    }
  }
  for (const index of table.indexes) {
    if (index.type === 'fulltext') {
      const [only, ...more] = index.columns;
      const column = table.columns.find((candidate) => candidate.key === only);
      if (more.length > 0 || column?.type !== 'string' || column.array) {
        throw new Error(
          `${where(index.key)}: a fulltext index must cover exactly one string column (Appwrite searches only such an index)`,
        );
      }
      continue;
    }
    const length = indexLength(table, index);
    if (length > APPWRITE_INDEX_LENGTH_LIMIT) {
      throw new Error(
        `${where(index.key)}: index length ${length} is over Appwrite's ${APPWRITE_INDEX_LENGTH_LIMIT}`,
      );
    }
  }
  const width = rowWidth(table);
  if (width > APPWRITE_ROW_WIDTH_LIMIT) {
    throw new Error(
      `appwrite.json: ${table.$id}: a row is ${width} bytes wide, over Appwrite's ${APPWRITE_ROW_WIDTH_LIMIT}`,
    );
  }
}
