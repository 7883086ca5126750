/**
 * One page of an adapter-internal table (users, teams) as the port's lists answer it:
 * filtered by a search of lower-cased text columns and by ids, in insertion order, with `total`
 * counted up to LIST_TOTAL_CAP as Appwrite counts.
 */
import { LIST_TOTAL_CAP, type ListTotal } from '../port';
import { DEFAULT_LIMIT, MAX_LIMIT } from './query-parse';
import { isRecord } from './records';
import { invalid } from './sql-errors';
import type { Store } from './store';

function checkCount(value: number | undefined, fallback: number, max: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw invalid(`${what} must be a whole number 0..${max}`);
  return value;
}

export interface InternalListRequest {
  /** The table's quoted name, e.g. `"_auth_users"`; always a constant of the adapter. */
  table: string;
  columns: string;
  /** Columns (quoted, holding lower-cased text) any of which may contain the search. */
  searched: readonly string[];
  search?: string;
  /** Only the records with these ids (the `"id"` column). */
  ids?: readonly string[];
  limit?: number;
  offset?: number;
}

export function listInternal<T>(
  store: Store,
  request: InternalListRequest,
  toItem: (raw: unknown) => T | null,
): ListTotal & { items: T[] } {
  const limit = checkCount(request.limit, DEFAULT_LIMIT, MAX_LIMIT, 'limit');
  const offset = checkCount(request.offset, 0, Number.MAX_SAFE_INTEGER, 'offset');
  const search = typeof request.search === 'string' ? request.search.trim().toLowerCase() : '';
  const filters: string[] = [];
  const params: string[] = [];
  if (search) {
    // instr, not LIKE: LIKE would treat % and _ in the search text as wildcards.
    filters.push(`(${request.searched.map((column) => `instr(${column}, ?) > 0`).join(' OR ')})`);
    params.push(...request.searched.map(() => search));
  }
  if (request.ids !== undefined) {
    // One statement whatever the number of ids (statements are cached by their text).
    filters.push('"id" IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(request.ids));
  }
  const where = filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : '';
  return store.read(() => {
    const count: unknown = store
      .statement(`SELECT count(*) AS total FROM (SELECT 1 FROM ${request.table} ${where} LIMIT ?)`)
      .get(...params, LIST_TOTAL_CAP);
    const items = store
      .statement(`SELECT ${request.columns} FROM ${request.table} ${where} ORDER BY "seq" LIMIT ? OFFSET ?`)
      .all(...params, limit, offset)
      .map(toItem)
      .filter((item): item is T => item !== null);
    const total = isRecord(count) ? Number(count.total) : 0;
    return { total, totalCapped: total >= LIST_TOTAL_CAP, items };
  });
}
