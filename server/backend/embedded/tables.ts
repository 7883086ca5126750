/** TablesPort on SQLite: rows of the tables declared in appwrite.json. */
import { rowEventName } from '../events';
import { LIST_TOTAL_CAP, type Row, type TablesPort, type TableRef } from '../port';
import { decodeRow, selectedColumns, type Catalog, type TableInfo } from './catalog';
import { resolveNewId } from './ids';
import { runListQuery } from './list-query';
import { quoteIdent, SYSTEM_COLUMNS } from './naming';
import { appendEvent } from './outbox';
import { compileWhere, type SqlFragment } from './query-compile';
import { parseFilterQueries, parseQueries } from './query-parse';
import { isRecord } from './records';
import { conflict, guard, invalid, notFound } from './sql-errors';
import type { SqlValue, Store } from './store';
import { columnValueToSql } from './values';

type Assignment = [column: string, value: SqlValue];

/**
 * Validates row data against the table. On create every column gets a value (given,
 * default or null); on update only the given ones.
 */
function assignmentsFor(info: TableInfo, data: unknown, mode: 'create' | 'update'): Assignment[] {
  if (!isRecord(data)) throw invalid(`Row data for ${info.label} must be an object`);
  for (const key of Object.keys(data)) {
    if (!info.columns.has(key)) throw invalid(`Unknown column "${key}" in ${info.label}`);
  }
  const assignments: Assignment[] = [];
  for (const column of info.spec.columns) {
    const value = data[column.key];
    if (value === undefined && mode === 'update') continue;
    assignments.push([column.key, columnValueToSql(column, value, info.label)]);
  }
  return assignments;
}

function checkRowId(rowId: unknown, info: TableInfo): string {
  if (typeof rowId !== 'string' || rowId.length === 0) throw invalid(`A row id of ${info.label} is required`);
  return rowId;
}

export function createTablesPort(store: Store, catalog: Catalog): TablesPort {
  function readRaw(info: TableInfo, rowId: string): Record<string, unknown> | undefined {
    const raw: unknown = store
      .statement(`SELECT * FROM ${quoteIdent(info.sqlName)} WHERE ${quoteIdent(SYSTEM_COLUMNS.id)} = ?`)
      .get(rowId);
    return isRecord(raw) ? raw : undefined;
  }

  function readRow(info: TableInfo, rowId: string): Row {
    const raw = readRaw(info, rowId);
    if (!raw) throw notFound(`Row "${rowId}" not found in ${info.label}`);
    return decodeRow(info, raw);
  }

  /** Runs an UPDATE of the given assignments; returns how many rows changed. */
  function updateRow(info: TableInfo, rowId: string, assignments: Assignment[], extra?: SqlFragment) {
    const sets = [
      `${quoteIdent(SYSTEM_COLUMNS.updatedAt)} = ?`,
      ...assignments.map(([column]) => `${quoteIdent(column)} = ?`),
    ];
    const condition = extra ? ` AND (${extra.sql})` : '';
    const result = store
      .statement(
        `UPDATE ${quoteIdent(info.sqlName)} SET ${sets.join(', ')} WHERE ${info.target.id} = ?${condition}`,
      )
      .run(
        store.now().toISOString(),
        ...assignments.map(([, value]) => value),
        rowId,
        ...(extra?.params ?? []),
      );
    return result.changes;
  }

  function emit(info: TableInfo, row: Row, action: 'create' | 'update' | 'delete') {
    appendEvent(store, rowEventName(info.databaseId, info.tableId, row.$id, action), row);
  }

  function table(ref: TableRef): TableInfo {
    return catalog.table(ref.databaseId, ref.tableId);
  }

  return {
    get: (ref) =>
      guard(() => {
        const info = table(ref);
        const rowId = checkRowId(ref.rowId, info);
        const parsed = parseQueries(ref.queries);
        if (
          parsed.filters.length > 0 ||
          parsed.orders.length > 0 ||
          parsed.cursor ||
          parsed.limit !== undefined
        ) {
          throw invalid('get accepts only select queries');
        }
        const select = selectedColumns(info, parsed.select);
        const raw = store.read(() => readRaw(info, rowId));
        if (!raw) throw notFound(`Row "${rowId}" not found in ${info.label}`);
        return decodeRow(info, raw, select);
      }),

    list: (ref) =>
      guard(() => {
        const info = table(ref);
        const parsed = parseQueries(ref.queries);
        const select = selectedColumns(info, parsed.select);
        const counted = ref.total !== false;
        const run = () => runListQuery(store, info.target, parsed, { counted });
        // One statement is its own snapshot; a count or a cursor beside the page needs a shared one.
        const page = counted || parsed.cursor ? store.read(run) : run();
        return {
          total: page.total,
          totalCapped: page.total >= LIST_TOTAL_CAP,
          rows: page.rows.map((raw) => decodeRow(info, raw, select)),
        };
      }),

    create: (ref) =>
      guard(() => {
        const info = table(ref);
        const rowId = resolveNewId(ref.rowId, 'row');
        const assignments = assignmentsFor(info, ref.data, 'create');
        return store.write(() => {
          if (readRaw(info, rowId)) throw conflict(`Row "${rowId}" already exists in ${info.label}`);
          const now = store.now().toISOString();
          const columns: string[] = [
            SYSTEM_COLUMNS.id,
            SYSTEM_COLUMNS.createdAt,
            SYSTEM_COLUMNS.updatedAt,
            ...assignments.map(([column]) => column),
          ];
          store
            .statement(
              `INSERT INTO ${quoteIdent(info.sqlName)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
            )
            .run(rowId, now, now, ...assignments.map(([, value]) => value));
          const row = readRow(info, rowId);
          emit(info, row, 'create');
          return row;
        });
      }),

    update: (ref) =>
      guard(() => {
        const info = table(ref);
        const rowId = checkRowId(ref.rowId, info);
        const assignments = assignmentsFor(info, ref.data, 'update');
        return store.write(() => {
          if (updateRow(info, rowId, assignments) === 0)
            throw notFound(`Row "${rowId}" not found in ${info.label}`);
          const row = readRow(info, rowId);
          emit(info, row, 'update');
          return row;
        });
      }),

    delete: (ref) =>
      guard(() => {
        const info = table(ref);
        const rowId = checkRowId(ref.rowId, info);
        store.write(() => {
          const row = readRow(info, rowId);
          store.statement(`DELETE FROM ${quoteIdent(info.sqlName)} WHERE ${info.target.id} = ?`).run(rowId);
          emit(info, row, 'delete');
        });
      }),

    updateIf: (ref) =>
      guard(() => {
        const info = table(ref);
        const rowId = checkRowId(ref.rowId, info);
        const where = compileWhere(info.target, parseFilterQueries(ref.where));
        const assignments = assignmentsFor(info, ref.data, 'update');
        return store.write(() => {
          if (!readRaw(info, rowId)) throw notFound(`Row "${rowId}" not found in ${info.label}`);
          // The condition is part of the UPDATE itself, so check and write are one step.
          if (updateRow(info, rowId, assignments, where) === 0) return null;
          const row = readRow(info, rowId);
          emit(info, row, 'update');
          return row;
        });
      }),

    increment: (ref) =>
      guard(() => {
        const info = table(ref);
        const rowId = checkRowId(ref.rowId, info);
        const column = info.columns.get(ref.column);
        if (!column) throw invalid(`Unknown column "${ref.column}" in ${info.label}`);
        if ((column.type !== 'integer' && column.type !== 'double') || column.array) {
          throw invalid(`Column "${column.key}" of ${info.label} is not numeric and cannot be incremented`);
        }
        const by = ref.by;
        if (
          typeof by !== 'number' ||
          !Number.isFinite(by) ||
          (column.type === 'integer' && !Number.isInteger(by))
        ) {
          throw invalid(`Cannot increment "${column.key}" of ${info.label} by ${String(by)}`);
        }
        for (const bound of [ref.min, ref.max]) {
          if (bound !== undefined && (typeof bound !== 'number' || !Number.isFinite(bound))) {
            throw invalid('increment min and max must be numbers');
          }
        }
        return store.write(() => {
          const raw = readRaw(info, rowId);
          if (!raw) throw notFound(`Row "${rowId}" not found in ${info.label}`);
          const current = typeof raw[column.key] === 'number' ? Number(raw[column.key]) : 0;
          const next = current + by;
          // Going past a bound is refused, not clamped: a counter that silently stops
          // (a seat limit, a quota) would hide the very condition the caller must handle.
          const lows = [column.min, ref.min].filter((bound): bound is number => typeof bound === 'number');
          const highs = [column.max, ref.max].filter((bound): bound is number => typeof bound === 'number');
          const outOfRange = lows.some((low) => next < low) || highs.some((high) => next > high);
          if (outOfRange || (column.type === 'integer' && !Number.isSafeInteger(next))) {
            throw invalid(
              `Incrementing "${column.key}" of ${info.label} by ${by} would take it out of its allowed range`,
            );
          }
          updateRow(info, rowId, [[column.key, next]]);
          const row = readRow(info, rowId);
          emit(info, row, 'update');
          return row;
        });
      }),
  };
}
