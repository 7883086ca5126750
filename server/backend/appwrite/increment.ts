/**
 * `tables.increment` on Appwrite, returning the row as stored (decision 0029).
 *
 * `incrementRowColumn`/`decrementRowColumn` add under a row lock and check the bound
 * sent with them, but their answer is not the stored row: utopia-php/database's
 * `increaseDocumentAttribute` returns the row it read before the write with the column
 * set to `old + value` in PHP, so `$updatedAt` is the old one, and a NULL column reads as
 * `value` while SQL's `NULL + value` leaves it NULL. So the row is read back after the
 * step. A column still NULL then is set to the step as of that read (the embedded
 * adapter counts NULL as 0); Appwrite already checked the step against the bound, as
 * `NULL + value` is `value` in PHP. If the row changed in between, the step is taken again.
 */
import type { TablesDB } from 'node-appwrite';
import { BackendError } from '../errors';
import type { Row, TableRef } from '../port';
import { incrementBounds } from './column-bounds';
import { appwrite } from './errors';
import { parse, rowFromAppwrite } from './models';
import { updateRowAsOf } from './update-row-as-of';

export type IncrementInput = TableRef & {
  rowId: string;
  column: string;
  by: number;
  min?: number;
  max?: number;
};

const MAX_ATTEMPTS = 3;

export async function increment(db: TablesDB, input: IncrementInput): Promise<Row> {
  const { databaseId, tableId, rowId, column, by } = input;
  const bounds = incrementBounds({ databaseId, tableId }, column, { min: input.min, max: input.max });
  const read = async () =>
    parse(rowFromAppwrite, await appwrite(() => db.getRow({ databaseId, tableId, rowId })), 'row');
  // Appwrite refuses a zero step: nothing to add, the stored row is the answer.
  if (by === 0) return read();
  const target = { databaseId, tableId, rowId, column };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // Each direction has its own endpoint and bound; a step that would cross the bound
    // is refused (400 `column_limit_exceeded` → `invalid`), never clamped.
    await appwrite(() =>
      by > 0
        ? db.incrementRowColumn({ ...target, value: by, max: bounds.max })
        : db.decrementRowColumn({ ...target, value: -by, min: bounds.min }),
    );
    const stored = await read();
    if (stored[column] !== null && stored[column] !== undefined) return stored;
    if ((bounds.min !== undefined && by < bounds.min) || (bounds.max !== undefined && by > bounds.max)) {
      throw new BackendError(
        'invalid',
        `${tableId}.${column} is NULL and ${by} is outside its allowed range`,
      );
    }
    const written = await updateRowAsOf(db, {
      databaseId,
      tableId,
      rowId,
      data: { [column]: by },
      observedUpdatedAt: stored.$updatedAt,
    });
    if (written !== 'changed') return written;
  }
  throw new BackendError(
    'conflict',
    `row ${tableId}/${rowId} kept changing while ${column} was being incremented (${MAX_ATTEMPTS} attempts)`,
  );
}
