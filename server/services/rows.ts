/** Small table chores several services share, expressed through the port only. */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import { isBackendError } from '../backend/errors';
import type { Backend, Row, TableRef } from '../backend/port';

/** A datetime column as read back: Appwrite writes `+00:00`, SQLite `Z`; one spelling above the port. */
export const rowDatetime = z
  .string()
  .refine((value) => Number.isFinite(Date.parse(value)), 'not a date-time')
  .transform((value) => new Date(value).toISOString());

/**
 * What `work` resolves to, or `fallback` when the row, user or file it reads or writes
 * is not there. Every other failure propagates.
 */
export async function unlessMissing<T, F>(work: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await work;
  } catch (error) {
    if (isBackendError(error, 'not_found')) return fallback;
    throw error;
  }
}

/** The row, or null when there is none with that id. */
export function getRowOrNull(backend: Backend, ref: TableRef, rowId: string): Promise<Row | null> {
  return unlessMissing(backend.tables.get({ ...ref, rowId }), null);
}

/**
 * The first row `queries` (filters, then any order) select, or null: one row asked for
 * and no total counted, which would cost a COUNT beside the page on either backend.
 */
export async function firstRow(backend: Backend, ref: TableRef, queries: string[]): Promise<Row | null> {
  const { rows } = await backend.tables.list({ ...ref, queries: [...queries, Query.limit(1)], total: false });
  return rows[0] ?? null;
}

/** Deletes the row; false when it was gone already (someone else deleted it first). */
export function deleteRowIfPresent(backend: Backend, ref: TableRef, rowId: string): Promise<boolean> {
  return unlessMissing(
    backend.tables.delete({ ...ref, rowId }).then(() => true),
    false,
  );
}

const BATCH = 100;

/** Deletes every row matching `filters`, a page at a time (lists are capped, so no single call can do it). */
export async function deleteRowsWhere(backend: Backend, ref: TableRef, filters: string[]): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rows } = await backend.tables.list({ ...ref, queries: [...filters, Query.limit(BATCH)] });
    if (rows.length === 0) return deleted;
    for (const row of rows) {
      await backend.tables.delete({ ...ref, rowId: row.$id });
      deleted += 1;
    }
  }
}
