import { ID, type TablesDB } from 'node-appwrite';
import type { Row, RowList, TablesPort, TableRef } from '../port';
import { incrementBounds } from './column-bounds';
import { cursorCheck, pageFromCheckedCursor } from './cursor-check';
import { appwrite } from './errors';
import { parse, rowFromAppwrite, rowListSchema } from './models';
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

    async list({ databaseId, tableId, queries }): Promise<RowList> {
      // Appwrite does not check a cursor against the filters: the adapter does, in parallel.
      const check = cursorCheck(queries, { selectIdOnly: true });
      const list = await pageFromCheckedCursor(
        appwrite(() => db.listRows({ databaseId, tableId, queries })),
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

    async increment({ databaseId, tableId, rowId, column, by, min, max }) {
      const bounds = incrementBounds({ databaseId, tableId }, column, { min, max });
      // Appwrite refuses a zero step, and each direction has its own endpoint and bound;
      // a step that would cross the bound is refused (400 → `invalid`), never clamped.
      if (by === 0) return get({ databaseId, tableId, rowId });
      const target = { databaseId, tableId, rowId, column };
      const row =
        by > 0
          ? await appwrite(() => db.incrementRowColumn({ ...target, value: by, max: bounds.max }))
          : await appwrite(() => db.decrementRowColumn({ ...target, value: -by, min: bounds.min }));
      return toRow(row);
    },
  };
}

function toRow(data: unknown): Row {
  return parse(rowFromAppwrite, data, 'row');
}
