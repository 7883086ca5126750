/**
 * Reading the rows of a list of ids (or of course ids, user ids, keys) within Appwrite's
 * query limits: one `equal` query carries at most 500 values and 4,096 characters, a
 * request at most 100 queries (`LIST_LIMITS` in the port). The ids are split into as few
 * chunks as fit, and each chunk costs a fixed number of calls: one when each id matches
 * at most one row, one per page of `PAGE_SIZE` rows otherwise. So the calls grow with the
 * number of ids divided by a chunk (about 100 ids of 36 characters, 170 of Appwrite's
 * 20-character ids), never with each row.
 */
import { Query } from 'node-appwrite';
import { LIST_LIMITS, type Backend, type Row, type TableRef } from '../backend/port';

/** Rows per page when an id may match many rows (a course's lessons, its enrollments). */
export const PAGE_SIZE = 1000;

/** Queries the helper adds to the caller's: the equal, an order, a limit and a cursor. */
const OWN_QUERIES = 4;

/**
 * `values` (duplicates dropped, order kept) in chunks that each fit one
 * `Query.equal(attribute, chunk)` within Appwrite's value and length limits.
 */
export function equalChunks(attribute: string, values: readonly string[]): string[][] {
  const base = Query.equal(attribute, []).length;
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let length = base;
  for (const value of new Set(values)) {
    // A value costs its JSON spelling, plus a comma after the first.
    const cost = JSON.stringify(value).length;
    const full = chunk.length >= LIST_LIMITS.equalValues || length + 1 + cost > LIST_LIMITS.queryChars;
    if (chunk.length > 0 && full) {
      chunks.push(chunk);
      chunk = [];
      length = base;
    }
    length += (chunk.length > 0 ? 1 : 0) + cost;
    chunk.push(value);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export interface ListByIdsOptions {
  /** The column the ids are matched against (default `$id`). */
  column?: string;
  /** Further filters and a `select`; no limit, order or cursor (the helper sets those). */
  queries?: readonly string[];
  /**
   * `one` (the default for `$id`) when each id matches at most one row: a call per
   * chunk. `many` (the default for any other column) pages each chunk by `$id`.
   */
  rowsPerId?: 'one' | 'many';
  /** Rows per page in `many` mode (default `PAGE_SIZE`). */
  pageSize?: number;
}

/**
 * Every row whose `column` is one of `ids` (and that matches `queries`), in no
 * particular order; ids no row has are simply absent.
 */
export async function listByIds(
  backend: Backend,
  ref: TableRef,
  ids: readonly string[],
  options: ListByIdsOptions = {},
): Promise<Row[]> {
  const column = options.column ?? '$id';
  const queries = options.queries ?? [];
  const rowsPerId = options.rowsPerId ?? (column === '$id' ? 'one' : 'many');
  if (queries.length + OWN_QUERIES > LIST_LIMITS.queries) {
    throw new Error(`listByIds: ${queries.length} extra queries leave no room within ${LIST_LIMITS.queries}`);
  }
  const chunks = equalChunks(column, ids);
  const pages = await Promise.all(
    chunks.map((chunk) =>
      rowsPerId === 'one'
        ? backend.tables
            .list({
              ...ref,
              queries: [Query.equal(column, chunk), ...queries, Query.limit(chunk.length)],
              total: false,
            })
            .then((list) => list.rows)
        : pagedByRowId(backend, ref, [Query.equal(column, chunk), ...queries], options.pageSize ?? PAGE_SIZE),
    ),
  );
  return pages.flat();
}

/** All rows matching `filters`, a page of `pageSize` at a time, in `$id` order. */
async function pagedByRowId(
  backend: Backend,
  ref: TableRef,
  filters: string[],
  pageSize: number,
): Promise<Row[]> {
  const found: Row[] = [];
  let after: string | undefined;
  for (;;) {
    const queries = [...filters, Query.orderAsc('$id'), Query.limit(pageSize)];
    if (after !== undefined) queries.push(Query.greaterThan('$id', after));
    const { rows } = await backend.tables.list({ ...ref, queries, total: false });
    found.push(...rows);
    const last = rows.at(-1);
    if (rows.length < pageSize || !last) return found;
    after = last.$id;
  }
}
