/**
 * A row update that Appwrite refuses when the row changed after the caller read it: the
 * one compare-and-set Appwrite checks under the row lock (decision 0029).
 *
 * Appwrite parses the `X-Appwrite-Timestamp` header (app/init/resources/request.php,
 * `requestTimestamp`) and runs the update inside `withRequestTimestamp`
 * (Documents/Update.php); utopia-php/database's `updateDocument` reads the row with
 * `SELECT … FOR UPDATE` and, still holding that lock, throws when the stored
 * `$updatedAt` is later than the header: 409 `row_update_conflict`, nothing written.
 *
 * The check is only as good as `$updatedAt` moving forward, and Appwrite stamps it with
 * its own clock at millisecond precision: a winner stamped in the same millisecond as
 * the value the loser observed would not be seen. So this write also sets `$updatedAt`
 * itself (an API key may: Documents/Action.php keeps `$updatedAt` for privileged
 * callers and Update.php preserves dates) to the later of now and one millisecond after
 * the observed value. Two compare-and-sets that observed the same row can then never
 * both pass, whatever the clocks say.
 *
 * node-appwrite's `updateRow` cannot send a header of its own, so the request is made
 * through the same client with the path and body `updateRow` would use.
 */
import { AppwriteException, type TablesDB } from 'node-appwrite';
import type { Row, RowData, TableRef } from '../port';
import { toBackendError } from './errors';
import { parse, rowFromAppwrite } from './models';

/** Appwrite's error type for "remote row is newer than local" (app/config/errors.php). */
const ROW_UPDATE_CONFLICT = 'row_update_conflict';

export type UpdateRowAsOfInput = TableRef & {
  rowId: string;
  data: RowData;
  /** The row's `$updatedAt` as the caller read it. */
  observedUpdatedAt: string;
};

/** The updated row as stored, or `changed` when the row was written after `observedUpdatedAt`. */
export async function updateRowAsOf(db: TablesDB, input: UpdateRowAsOfInput): Promise<Row | 'changed'> {
  const { databaseId, tableId, rowId, data, observedUpdatedAt } = input;
  const { config } = db.client;
  const path = ['tablesdb', databaseId, 'tables', tableId, 'rows', rowId].map(encodeURIComponent).join('/');
  const uri = new URL(`${config.endpoint}/${path}`);
  const headers = {
    'X-Appwrite-Project': config.project,
    'X-Appwrite-Timestamp': observedUpdatedAt,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const body = { data: { ...data, $updatedAt: stampAfter(observedUpdatedAt) } };
  let answer: unknown;
  try {
    answer = await db.client.call('patch', uri, headers, body);
  } catch (error) {
    if (error instanceof AppwriteException && error.type === ROW_UPDATE_CONFLICT) return 'changed';
    throw toBackendError(error);
  }
  return parse(rowFromAppwrite, answer, 'row');
}

/** Now, or one millisecond after `observed` when the clock has not passed it yet. */
export function stampAfter(observed: string, now: number = Date.now()): string {
  const observedMs = Date.parse(observed);
  const at = Number.isNaN(observedMs) ? now : Math.max(now, observedMs + 1);
  // Appwrite's own format (utopia DateTime::formatTz, milliseconds).
  return new Date(at).toISOString().replace('Z', '+00:00');
}
