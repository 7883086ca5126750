import { BackendError } from '../errors';
import type { TableRef } from '../port';
import { findTable, projectSchemaSpec } from '../schema';

export interface Bounds {
  min?: number;
  max?: number;
}

/**
 * The bounds to send with an increment: the tighter of the caller's and the column's own
 * range from appwrite.json. Appwrite checks only the bound sent with the request (under
 * a row lock), never the column's declared min/max, so a counter could otherwise leave
 * its range. It also answers an unknown column with 404, which would read as a missing
 * row; the schema lets us say `invalid` instead.
 */
export function incrementBounds(ref: TableRef, column: string, caller: Bounds): Bounds {
  const table = findTable(projectSchemaSpec(), ref.databaseId, ref.tableId);
  // A table outside appwrite.json: Appwrite itself answers (404 for the table).
  if (!table) return caller;
  const spec = table.columns.find((candidate) => candidate.key === column);
  if (!spec) throw new BackendError('invalid', `${ref.tableId} has no column "${column}"`);
  if ((spec.type !== 'integer' && spec.type !== 'double') || spec.array) {
    throw new BackendError('invalid', `${ref.tableId}.${column} is not a numeric column`);
  }
  return {
    min: tightest(Math.max, caller.min, spec.min),
    max: tightest(Math.min, caller.max, spec.max),
  };
}

function tightest(
  pick: (...values: number[]) => number,
  ...candidates: (number | null | undefined)[]
): number | undefined {
  const given = candidates.filter((value): value is number => typeof value === 'number');
  return given.length > 0 ? pick(...given) : undefined;
}
