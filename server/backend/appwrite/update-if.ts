/**
 * `tables.updateIf` on Appwrite: a compare-and-set built from TablesDB transactions.
 *
 * Appwrite's transactions are optimistic. Staging an operation records it with the
 * server's time; on commit Appwrite replays the log in one database transaction and
 * fails the commit with 409 (`transaction_conflict`) when a row it writes was updated
 * after the operation was staged. Reads taking a `transactionId` only overlay the
 * staged operations; they lock nothing and take no part in conflict detection.
 *
 * So the order matters: stage the update FIRST, then read the committed row with the
 * `where` filters (Appwrite evaluates them; same query language as the caller's), then
 * commit. A competing write that landed before the staging is seen by the read (we
 * roll back and answer `null`); one that lands after the staging fails our commit. With
 * read-then-stage instead, a write between the two would slip through unnoticed.
 *
 * Resulting guarantee: the update is applied only if the row matched `where` after the
 * staging and no write to the row was timestamped between staging and commit. It rests
 * on Appwrite's timestamps (milliseconds, compared strictly, per-node clocks), so it can
 * be defeated by a competing write stamped in the same millisecond as our staging, by a
 * competing commit still in flight while we stage and read (a few milliseconds), or by
 * clock skew between Appwrite nodes. Racing requests for a one-time token are refused
 * outside those windows; a database-level conditional UPDATE would have none.
 *
 * A commit conflict does not prove the filters stopped matching (an unrelated column
 * may have changed, or a unique index was hit), so the attempt is repeated: a later
 * attempt either sees the mismatch (`null`) or succeeds; after MAX_ATTEMPTS the
 * conflict is reported as `conflict`.
 */
import { Query, type TablesDB } from 'node-appwrite';
import { BackendError, isBackendError } from '../errors';
import type { Row, RowData, TableRef } from '../port';
import { appwrite } from './errors';
import { parse, rowFromAppwrite, rowListSchema, transactionSchema } from './models';

export type UpdateIfInput = TableRef & { rowId: string; where: string[]; data: RowData };

const MAX_ATTEMPTS = 3;
/** Appwrite's minimum; an abandoned transaction expires by itself after it. */
const TRANSACTION_TTL_SECONDS = 60;

type Attempt = 'applied' | 'mismatch' | 'conflict';

export async function updateIf(db: TablesDB, input: UpdateIfInput): Promise<Row | null> {
  const { databaseId, tableId, rowId } = input;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const outcome = await attemptUpdate(db, input);
    if (outcome === 'conflict') continue;
    // Either way the committed row is what the caller gets to see; a row that vanished
    // surfaces as `not_found` rather than as a lost race.
    const row = parse(
      rowFromAppwrite,
      await appwrite(() => db.getRow({ databaseId, tableId, rowId })),
      'row',
    );
    return outcome === 'applied' ? row : null;
  }
  throw new BackendError(
    'conflict',
    `row ${tableId}/${rowId} kept changing while it was being updated (${MAX_ATTEMPTS} attempts)`,
  );
}

async function attemptUpdate(db: TablesDB, input: UpdateIfInput): Promise<Attempt> {
  const { databaseId, tableId, rowId, where, data } = input;
  const transaction = parse(
    transactionSchema,
    await appwrite(() => db.createTransaction({ ttl: TRANSACTION_TTL_SECONDS })),
    'transaction',
  );
  const transactionId = transaction.$id;
  let open = true;
  try {
    await appwrite(() => db.updateRow({ databaseId, tableId, rowId, data, transactionId }));
    const matching = parse(
      rowListSchema,
      await appwrite(() =>
        db.listRows({ databaseId, tableId, queries: [Query.equal('$id', rowId), ...where, Query.limit(1)] }),
      ),
      'row list',
    );
    if (matching.rows.length === 0) return 'mismatch';
    try {
      // A failed commit marks the transaction failed on Appwrite's side; nothing to roll back.
      open = false;
      await appwrite(() => db.updateTransaction({ transactionId, commit: true }));
      return 'applied';
    } catch (error) {
      if (isBackendError(error, 'conflict')) return 'conflict';
      throw error;
    }
  } finally {
    if (open) await rollback(db, transactionId);
  }
}

async function rollback(db: TablesDB, transactionId: string): Promise<void> {
  try {
    await db.updateTransaction({ transactionId, rollback: true });
  } catch {
    // Best effort: the caller's outcome is already decided, and the TTL ends it anyway.
  }
}
