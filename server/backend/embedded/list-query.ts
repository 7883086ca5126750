/**
 * Runs a parsed list query (filters, order, cursor, offset, limit) against a query target.
 * A cursor counts only when its row is inside the same scope and filters as the list.
 */
import { staleCursorError } from '../errors';
import { LIST_TOTAL_CAP } from '../port';
import {
  compileCursor,
  compileOrder,
  compileWhere,
  flipOrder,
  orderByClause,
  type QueryTarget,
  type SqlFragment,
} from './query-compile';
import { DEFAULT_LIMIT, type ParsedQueries } from './query-parse';
import { isRecord } from './records';
import type { SqlValue, Store } from './store';

export interface RawPage {
  total: number;
  rows: Record<string, unknown>[];
}

function toSqlValue(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return value;
  if (Buffer.isBuffer(value)) return value;
  return null;
}

interface ListStatements {
  count: SqlFragment;
  page: SqlFragment;
  /** cursorBefore reads backwards; the page is reversed after reading. */
  reversed: boolean;
}

/**
 * The two statements a list runs: the count of the matches, and the page. The count
 * stops at LIST_TOTAL_CAP, as Appwrite's does: a total costs the same at 5,000 rows and
 * at a million, and both backends answer the same "5,000+".
 */
function listStatements(store: Store, target: QueryTarget, query: ParsedQueries): ListStatements {
  const where = compileWhere(target, query.filters);
  const order = compileOrder(target, query.orders);
  const count = {
    sql: `SELECT count(*) AS total FROM (SELECT 1 FROM ${target.table} WHERE ${where.sql} LIMIT ?)`,
    params: [...where.params, LIST_TOTAL_CAP],
  };

  const conditions: SqlFragment[] = [where];
  const before = query.cursor?.direction === 'before';
  // cursorBefore reads backwards from the cursor, then restores the requested order.
  const effectiveOrder = before ? flipOrder(order) : order;
  if (query.cursor) {
    // The cursor row must itself match the list's scope and filters: otherwise a caller
    // could page from a row it may not see (a draft, someone else's token) and learn
    // which rows sort after it. A missing row and a row outside the list are one answer.
    const cursorRow: unknown = store
      .statement(
        `SELECT ${order.map((key, i) => `${key.sql} AS k${i}`).join(', ')} FROM ${target.table} WHERE ${target.id} = ? AND (${where.sql})`,
      )
      .get(query.cursor.rowId, ...where.params);
    if (!isRecord(cursorRow)) throw staleCursorError(query.cursor.rowId);
    const values = order.map((_, i) => toSqlValue(cursorRow[`k${i}`]));
    conditions.push(compileCursor(effectiveOrder, values));
  }

  const sql =
    `SELECT ${target.table}.* FROM ${target.table} WHERE ${conditions.map((part) => `(${part.sql})`).join(' AND ')}` +
    ` ORDER BY ${orderByClause(effectiveOrder)} LIMIT ? OFFSET ?`;
  const params = [
    ...conditions.flatMap((part) => part.params),
    query.limit ?? DEFAULT_LIMIT,
    query.offset ?? 0,
  ];
  return { count, page: { sql, params }, reversed: before };
}

/** Must run inside `store.read` so the count and the page come from one snapshot. */
export function runListQuery(
  store: Store,
  target: QueryTarget,
  query: ParsedQueries,
  options: { counted: boolean } = { counted: true },
): RawPage {
  const { count, page, reversed } = listStatements(store, target, query);
  const countRow: unknown = options.counted ? store.statement(count.sql).get(...count.params) : undefined;
  const total = isRecord(countRow) && typeof countRow.total === 'number' ? countRow.total : 0;
  const rows = store
    .statement(page.sql)
    .all(...page.params)
    .filter(isRecord);
  return { total, rows: reversed ? rows.reverse() : rows };
}

/**
 * A plan line that reads a whole table. FTS5 virtual tables answer MATCH from their own
 * index, and the capped count's outer scan reads only its own LIMITed subquery.
 */
export const FULL_TABLE_SCAN = /^SCAN (?!.*VIRTUAL TABLE)(?!\(subquery-\d+\))/;

/**
 * SQLite's query plan (EXPLAIN QUERY PLAN detail lines) for the count and the page a
 * list would run — for tests and developers checking that a query uses an index.
 */
export function explainListQuery(
  store: Store,
  target: QueryTarget,
  query: ParsedQueries,
): { count: string[]; page: string[] } {
  const { count, page } = listStatements(store, target, query);
  const plan = (statement: SqlFragment) =>
    store
      .statement(`EXPLAIN QUERY PLAN ${statement.sql}`)
      .all(...statement.params)
      .filter(isRecord)
      .map((row) => String(row.detail));
  return { count: plan(count), page: plan(page) };
}
