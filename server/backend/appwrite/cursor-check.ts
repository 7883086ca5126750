/**
 * Appwrite pages from a cursor row it looks up by id alone (Documents/XList.php and
 * Buckets/Files/XList.php call getDocument, and utopia-php/database's find() only reads
 * the row's order values): it never checks that row against the list's filters. So a
 * cursor naming a row outside the list (a draft, another user's token) would page from
 * it and reveal which rows sort after it. The adapter checks the cursor itself, with a
 * second list sent at the same time as the page — the list's own filters plus
 * `$id = cursor`, one row, no count — so the check costs no extra round trip. A missing
 * cursor row is refused by Appwrite itself (`general_cursor_not_found`, see errors.ts).
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import { staleCursorError } from '../errors';
import { parse } from './models';

/** Query methods that shape the page rather than choose its rows. */
export const NOT_FILTERS = new Set([
  'orderAsc',
  'orderDesc',
  'orderRandom',
  'limit',
  'offset',
  'cursorAfter',
  'cursorBefore',
  'select',
]);

const queryHead = z.object({ method: z.string(), values: z.array(z.unknown()).optional() });

function headOf(query: string): z.infer<typeof queryHead> | undefined {
  try {
    const parsed = queryHead.safeParse(JSON.parse(query));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface CursorCheck {
  cursorId: string;
  /** The list's filters, narrowed to the cursor row: Appwrite answers with it or with nothing. */
  queries: string[];
}

/**
 * The check for a list's cursor, or undefined when the list has none. Appwrite uses the
 * first cursor query of a list, so that is the one checked. An unreadable query stays in
 * the check: Appwrite then refuses the check as it refuses the page.
 */
export function cursorCheck(
  queries: readonly string[] | undefined,
  options: { selectIdOnly: boolean },
): CursorCheck | undefined {
  if (!queries) return undefined;
  const heads = queries.map((query) => ({ query, head: headOf(query) }));
  const cursor = heads.find(({ head }) => head?.method === 'cursorAfter' || head?.method === 'cursorBefore');
  const cursorId = cursor?.head?.values?.[0];
  if (typeof cursorId !== 'string') return undefined;
  const filters = heads
    .filter(({ head }) => !head || !NOT_FILTERS.has(head.method))
    .map(({ query }) => query);
  return {
    cursorId,
    queries: [
      ...filters,
      Query.equal('$id', cursorId),
      // Files lists accept no select (Queries/Base.php isSelectQueryAllowed).
      ...(options.selectIdOnly ? [Query.select(['$id'])] : []),
      Query.limit(1),
    ],
  };
}

const checkAnswer = z.union([
  z.object({ rows: z.array(z.unknown()) }).transform((answer) => answer.rows.length > 0),
  z.object({ files: z.array(z.unknown()) }).transform((answer) => answer.files.length > 0),
]);

/**
 * Awaits the page together with the cursor check sent alongside it; the page stands
 * only when the check found the cursor row inside the list's filters.
 */
export async function pageFromCheckedCursor<T>(
  page: Promise<T>,
  cursor: { cursorId: string; answer: Promise<unknown> } | undefined,
): Promise<T> {
  if (!cursor) return page;
  const [list, answer] = await Promise.all([page, cursor.answer]);
  if (!parse(checkAnswer, answer, 'cursor check')) throw staleCursorError(cursor.cursorId);
  return list;
}
