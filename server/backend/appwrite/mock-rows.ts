/**
 * Test support (imported by mock-appwrite.ts only): answers a TablesDB/Storage list from
 * a fixed set of rows the way Appwrite 1.9 does, for the queries the adapter's cursor
 * handling and keyset paging send (equal, notEqual, the four comparisons, and/or of
 * those, orderAsc/Desc, limit, offset, cursorAfter/Before, select, and search as
 * mock-fulltext.ts says). What
 * matters is what real Appwrite does with a cursor (Documents/XList.php,
 * utopia-php/database find()): the cursor row is looked up by id among all rows — a
 * missing one is a 400 `general_cursor_not_found` — and only its order values are used;
 * it is NOT checked against the filters. So the fake serves a cursor outside the filters
 * exactly as Appwrite would, and only the adapter's own check can refuse it.
 *
 * Like Appwrite it refuses queries over its limits (mock-query-limits.ts) and counts
 * `total` only up to APP_LIMIT_COUNT (5,000, app/init/constants.php).
 */
import { z } from 'zod';
import { LIST_TOTAL_CAP } from '../port';
import { appwriteError } from './fixtures';
import { fulltextMatches, refusedSearch, type SearchTable } from './mock-fulltext';
import { refusedForLimits } from './mock-query-limits';

type Value = string | number | boolean | null;
export type MockRow = Record<string, unknown> & { $id: string };

export interface MockListAnswer {
  status: number;
  body: unknown;
}

const querySchema = z.object({
  method: z.string(),
  attribute: z.string().optional(),
  values: z.array(z.unknown()).optional(),
});
type ParsedQuery = z.infer<typeof querySchema>;

/** Fields Appwrite returns whatever `select` says (plus `$createdAt`/`$updatedAt`, APPWRITE-FACTS). */
const ALWAYS_RETURNED = [
  '$id',
  '$sequence',
  '$tableId',
  '$databaseId',
  '$createdAt',
  '$updatedAt',
  '$permissions',
];

function scalar(value: unknown): Value {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/** MariaDB's order: NULL first, then by value. */
function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** The filters a logical query (`and`, `or`) combines: its values are queries themselves. */
function childrenOf(query: ParsedQuery): ParsedQuery[] {
  return (query.values ?? []).map((child) => querySchema.parse(child));
}

function matches(row: MockRow, query: ParsedQuery): boolean {
  if (query.method === 'and') return childrenOf(query).every((child) => matches(row, child));
  if (query.method === 'or') return childrenOf(query).some((child) => matches(row, child));
  const value = scalar(row[query.attribute ?? '']);
  const values = (query.values ?? []).map(scalar);
  if (query.method === 'equal') return values.some((wanted) => compareValues(value, wanted) === 0);
  // MariaDB: a comparison with NULL is never true.
  const compared = value === null ? null : compareValues(value, values[0] ?? null);
  if (query.method === 'greaterThan') return compared !== null && compared > 0;
  if (query.method === 'greaterThanEqual') return compared !== null && compared >= 0;
  if (query.method === 'lessThan') return compared !== null && compared < 0;
  if (query.method === 'lessThanEqual') return compared !== null && compared <= 0;
  if (query.method === 'isNull') return value === null;
  if (query.method === 'isNotNull') return value !== null;
  return values.every((unwanted) => compareValues(value, unwanted) !== 0);
}

function tooFancy(method: string): MockListAnswer {
  return {
    status: 400,
    body: appwriteError(400, `mock-rows does not implement query "${method}"`, 'general_query_invalid'),
  };
}

/** The answer Appwrite gives to a list with `queries` over `rows` (in creation order). */
export function answerList(
  rows: readonly MockRow[],
  queries: readonly string[],
  options: { key: 'rows' | 'files'; total: boolean; table?: SearchTable },
): MockListAnswer {
  const refused = refusedForLimits(queries);
  if (refused) return refused;
  const parsed = queries.map((query) => querySchema.parse(JSON.parse(query)));
  const filters: ParsedQuery[] = [];
  const orders: { attribute: string; direction: 1 | -1 }[] = [];
  let limit = 25;
  let offset = 0;
  let cursor: { id: string; after: boolean } | undefined;
  let select: string[] | undefined;
  const searches: { attribute: string; value: string }[] = [];
  for (const query of parsed) {
    const first = query.values?.[0];
    switch (query.method) {
      case 'equal':
      case 'notEqual':
      case 'greaterThan':
      case 'greaterThanEqual':
      case 'lessThan':
      case 'lessThanEqual':
      case 'isNull':
      case 'isNotNull':
      case 'and':
      case 'or':
        filters.push(query);
        break;
      case 'orderAsc':
      case 'orderDesc':
        orders.push({ attribute: query.attribute ?? '', direction: query.method === 'orderAsc' ? 1 : -1 });
        break;
      case 'limit':
        limit = Number(first);
        break;
      case 'offset':
        offset = Number(first);
        break;
      case 'cursorAfter':
      case 'cursorBefore':
        // Appwrite takes the first cursor query of a list.
        cursor ??= { id: String(first), after: query.method === 'cursorAfter' };
        break;
      case 'select':
        select = (query.values ?? []).map(String);
        break;
      case 'search': {
        // Served only by a fulltext index on this one column (mock-fulltext.ts).
        const refused = refusedSearch(options.table, query.attribute ?? '');
        if (refused) return refused;
        searches.push({ attribute: query.attribute ?? '', value: String(first ?? '') });
        break;
      }
      default:
        return tooFancy(query.method);
    }
  }

  // The creation order is the tiebreak ($sequence), in the last order's direction.
  const sequence = new Map(rows.map((row, index) => [row.$id, index]));
  const tiebreak = orders.at(-1)?.direction ?? 1;
  const compareRows = (a: MockRow, b: MockRow): number => {
    for (const order of orders) {
      const difference = compareValues(scalar(a[order.attribute]), scalar(b[order.attribute]));
      if (difference !== 0) return difference * order.direction;
    }
    return ((sequence.get(a.$id) ?? 0) - (sequence.get(b.$id) ?? 0)) * tiebreak;
  };

  const matching = rows
    .filter((row) => filters.every((filter) => matches(row, filter)))
    .filter((row) => searches.every((search) => fulltextMatches(row[search.attribute], search.value)))
    .sort(compareRows);
  let page = matching;
  if (cursor) {
    const { id, after } = cursor;
    // Looked up by id among ALL rows, as Appwrite does: the filters play no part.
    const cursorRow = rows.find((row) => row.$id === id);
    if (!cursorRow) {
      return {
        status: 400,
        body: appwriteError(400, `Row '${id}' for the 'cursor' value not found.`, 'general_cursor_not_found'),
      };
    }
    page = matching.filter((row) =>
      after ? compareRows(row, cursorRow) > 0 : compareRows(row, cursorRow) < 0,
    );
  }
  if (cursor && !cursor.after) {
    // cursorBefore: the rows just before the cursor, still in the requested order.
    const end = Math.max(0, page.length - offset);
    page = page.slice(Math.max(0, end - limit), end);
  } else {
    page = page.slice(offset, offset + limit);
  }

  const chosen = select;
  const shown = chosen
    ? page.map((row) =>
        Object.fromEntries(
          Object.entries(row).filter(([key]) => ALWAYS_RETURNED.includes(key) || chosen.includes(key)),
        ),
      )
    : page;
  // Appwrite's count stops at APP_LIMIT_COUNT: 5,001 matches read as 5,000.
  const total = options.total ? Math.min(matching.length, LIST_TOTAL_CAP) : 0;
  return { status: 200, body: { total, [options.key]: shown } };
}
