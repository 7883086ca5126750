/** Paging a list sorted in memory: the cursor is the id of the last item already shown. */
import { ServiceError } from '../errors';

/**
 * What a caller is told when a cursor is not an item of its list (gone, or never in it).
 * The tRPC mapping of the backend's stale-cursor error uses the same words.
 */
export const STALE_PAGE_MESSAGE = 'This page link is no longer valid. Start again from the first page.';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** Counted in memory from every row read: exact, so `totalCapped` is always false. */
  total: number;
  totalCapped: boolean;
}

export function pageAfter<T extends { $id: string }>(
  sorted: readonly T[],
  page: { cursor?: string | undefined; limit: number },
): { slice: T[]; nextCursor: string | null } {
  let start = 0;
  if (page.cursor) {
    const index = sorted.findIndex((item) => item.$id === page.cursor);
    if (index < 0) throw new ServiceError('bad_request', STALE_PAGE_MESSAGE);
    start = index + 1;
  }
  const slice = sorted.slice(start, start + page.limit);
  const last = slice.at(-1);
  return { slice, nextCursor: last && start + page.limit < sorted.length ? last.$id : null };
}
