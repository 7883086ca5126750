/** Small table chores several services share, expressed through the port only. */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import type { Backend, TableRef } from '../backend/port';

/** A datetime column as read back: Appwrite writes `+00:00`, SQLite `Z`; one spelling above the port. */
export const rowDatetime = z
  .string()
  .refine((value) => Number.isFinite(Date.parse(value)), 'not a date-time')
  .transform((value) => new Date(value).toISOString());

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
