/**
 * `tables.updateIf` on Appwrite: a compare-and-set that Appwrite checks under the row
 * lock (decision 0029).
 *
 * 1. One list request with `$id = rowId` plus the caller's `where` filters: Appwrite
 *    evaluates them (the same query language as the caller's) and hands back the row,
 *    and with it the `$updatedAt` the decision was made on. No count (`total: false`).
 * 2. One update sent as of that `$updatedAt` (update-row-as-of.ts): Appwrite refuses it
 *    with 409 `row_update_conflict`, under the row lock, when anything wrote the row
 *    since. So the filters still held when the write landed.
 *
 * Two requests when the caller wins or loses to a finished race; a row that matched
 * nothing is read once more to tell "no longer matches" (`null`) from "gone"
 * (`not_found`). A refused update is not proof that the filters stopped matching (an
 * unrelated column may have changed), so the attempt is repeated from the read; after
 * MAX_ATTEMPTS the row is reported as `conflict`.
 *
 * Transactions are not used: their commit compares timestamps taken before the row
 * lock (Transactions/Update.php, `withRequestTimestamp($createdAt, …)` on the staged
 * operation's creation time), so two commits that overlap can both succeed.
 */
import { Query, type TablesDB } from 'node-appwrite';
import { BackendError } from '../errors';
import type { Row, RowData, TableRef } from '../port';
import { appwrite } from './errors';
import { parse, rowFromAppwrite, rowListSchema } from './models';
import { updateRowAsOf } from './update-row-as-of';

export type UpdateIfInput = TableRef & { rowId: string; where: string[]; data: RowData };

const MAX_ATTEMPTS = 5;

export async function updateIf(db: TablesDB, input: UpdateIfInput): Promise<Row | null> {
  const { databaseId, tableId, rowId, where, data } = input;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const matching = parse(
      rowListSchema,
      await appwrite(() =>
        db.listRows({
          databaseId,
          tableId,
          queries: [Query.equal('$id', rowId), ...where, Query.limit(1)],
          total: false,
        }),
      ),
      'row list',
    );
    const observed = matching.rows[0];
    if (!observed) {
      // A row that vanished surfaces as `not_found` rather than as a lost race.
      parse(rowFromAppwrite, await appwrite(() => db.getRow({ databaseId, tableId, rowId })), 'row');
      return null;
    }
    const written = await updateRowAsOf(db, {
      databaseId,
      tableId,
      rowId,
      data,
      observedUpdatedAt: observed.$updatedAt,
    });
    if (written !== 'changed') return written;
  }
  throw new BackendError(
    'conflict',
    `row ${tableId}/${rowId} kept changing while it was being updated (${MAX_ATTEMPTS} attempts)`,
  );
}
