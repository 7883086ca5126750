import { ID, type TablesDB } from 'node-appwrite';
import type { Row, RowList, TablesPort, TableRef } from '../port';
import { cursorCheck, pageFromCheckedCursor } from './cursor-check';
import { appwrite } from './errors';
import { parse, rowFromAppwrite, rowListSchema } from './models';
import { increment } from './increment';
import { updateIf } from './update-if';

export function createTables(db: TablesDB): TablesPort {
  const get = async ({
    databaseId,
    tableId,
    rowId,
    queries,
  }: TableRef & { rowId: string; queries?: string[] }) =>
    toRow(await appwrite(() => db.getRow({ databaseId, tableId, rowId, queries })));

  return {
    get,

    async list({ databaseId, tableId, queries, total }): Promise<RowList> {
      // Appwrite does not check a cursor against the filters: the adapter does, in parallel.
      const check = cursorCheck(queries, { selectIdOnly: true });
      const list = await pageFromCheckedCursor(
        appwrite(() => db.listRows({ databaseId, tableId, queries, total })),
        check && {
          cursorId: check.cursorId,
          answer: appwrite(() => db.listRows({ databaseId, tableId, queries: check.queries, total: false })),
        },
      );
      return parse(rowListSchema, list, 'row list');
    },

    async create({ databaseId, tableId, rowId, data }) {
      return toRow(
        await appwrite(() => db.createRow({ databaseId, tableId, rowId: rowId ?? ID.unique(), data })),
      );
    },

    async update({ databaseId, tableId, rowId, data }) {
      return toRow(await appwrite(() => db.updateRow({ databaseId, tableId, rowId, data })));
    },

    async delete({ databaseId, tableId, rowId }) {
      await appwrite(() => db.deleteRow({ databaseId, tableId, rowId }));
    },

    updateIf: (input) => updateIf(db, input),

    increment: (input) => increment(db, input),
  };
}

function toRow(data: unknown): Row {
  return parse(rowFromAppwrite, data, 'row');
}
