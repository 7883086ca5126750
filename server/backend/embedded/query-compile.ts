/**
 * Compiles parsed queries to SQL against a query target (a table built from
 * appwrite.json, or the stored-files table). Identifiers come only from the target;
 * every value is a bound parameter.
 */
import type { ColumnSpec } from '../schema';
import { toFtsMatch } from './fts';
import { quoteIdent } from './naming';
import type { FilterNode, OrderNode } from './query-parse';
import { invalid } from './sql-errors';
import type { SqlValue } from './store';
import { queryValueToSql } from './values';

export interface QueryField {
  key: string;
  /** Qualified, quoted column expression. */
  sql: string;
  column: ColumnSpec;
}

export interface QueryTarget {
  /** For messages: `aurora_main.courses`. */
  label: string;
  /** Quoted table name. */
  table: string;
  /** Qualified sequence column: the stable tiebreak for ordering and cursors. */
  sequence: string;
  /** Qualified id column, for cursor lookups. */
  id: string;
  /** A condition every query gets (the bucket, for files). */
  scope?: SqlFragment;
  field(key: string): QueryField | undefined;
  /** The quoted FTS5 table of the fulltext index on exactly this one column. */
  fulltext(key: string): string | undefined;
}

export interface SqlFragment {
  sql: string;
  params: SqlValue[];
}

export interface OrderKey {
  sql: string;
  direction: 'ASC' | 'DESC';
}

function fieldFor(target: QueryTarget, key: string, method: string): QueryField {
  const field = target.field(key);
  if (!field) throw invalid(`Unknown column "${key}" in query ${method} on ${target.label}`);
  return field;
}

function scalarField(target: QueryTarget, key: string, method: string): QueryField {
  const field = fieldFor(target, key, method);
  if (field.column.array) throw invalid(`Query ${method} cannot be used on array column "${key}"`);
  return field;
}

function bind(field: QueryField, method: string, value: unknown): SqlValue {
  return queryValueToSql(field.column, value, `Value of query ${method}("${field.key}")`);
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

const COMPARATORS = { lessThan: '<', lessThanEqual: '<=', greaterThan: '>', greaterThanEqual: '>=' } as const;

function compileContains(
  target: QueryTarget,
  node: Extract<FilterNode, { method: 'contains' }>,
): SqlFragment {
  const field = fieldFor(target, node.column, node.method);
  const params = node.values.map((value) => bind(field, node.method, value));
  if (field.column.array) {
    // Membership: at least one of the values is an element of the stored JSON array.
    return {
      sql: `EXISTS (SELECT 1 FROM json_each(${field.sql}) WHERE json_each.value IN (${placeholders(params.length)}))`,
      params,
    };
  }
  if (field.column.type !== 'string')
    throw invalid(`Query contains needs a string or array column, not "${field.key}"`);
  // Substring: instr is case-sensitive and treats % and _ literally, unlike LIKE.
  return { sql: `(${params.map(() => `instr(${field.sql}, ?) > 0`).join(' OR ')})`, params };
}

function compileText(
  target: QueryTarget,
  node: Extract<FilterNode, { method: 'startsWith' | 'endsWith' | 'search' }>,
): SqlFragment {
  const field = scalarField(target, node.column, node.method);
  if (field.column.type !== 'string')
    throw invalid(`Query ${node.method} needs a string column, not "${field.key}"`);
  const value = node.value;
  if (node.method === 'search') {
    const fts = target.fulltext(field.key);
    if (!fts)
      throw invalid(
        `Searching by attribute "${field.key}" requires a fulltext index (on that one column, in appwrite.json).`,
      );
    const match = toFtsMatch(value);
    if (match === null) return { sql: '0', params: [] };
    return {
      sql: `${target.sequence} IN (SELECT rowid FROM ${fts} WHERE ${fts}.${quoteIdent(field.key)} MATCH ?)`,
      params: [match],
    };
  }
  if (value === '') return { sql: `${field.sql} IS NOT NULL`, params: [] };
  const piece =
    node.method === 'startsWith' ? `substr(${field.sql}, 1, length(?))` : `substr(${field.sql}, -length(?))`;
  return { sql: `${piece} = ?`, params: [value, value] };
}

export function compileFilter(target: QueryTarget, node: FilterNode): SqlFragment {
  switch (node.method) {
    case 'and':
    case 'or': {
      const parts = node.children.map((child) => compileFilter(target, child));
      return {
        sql: `(${parts.map((part) => part.sql).join(node.method === 'and' ? ' AND ' : ' OR ')})`,
        params: parts.flatMap((part) => part.params),
      };
    }
    case 'equal': {
      const field = scalarField(target, node.column, node.method);
      const params = node.values.map((value) => bind(field, node.method, value));
      const sql =
        params.length === 1 ? `${field.sql} = ?` : `${field.sql} IN (${placeholders(params.length)})`;
      return { sql, params };
    }
    case 'notEqual': {
      const field = scalarField(target, node.column, node.method);
      const params = node.values.map((value) => bind(field, node.method, value));
      // IS NOT keeps rows where the column is null: null is "not equal" to a value.
      return { sql: `(${params.map(() => `${field.sql} IS NOT ?`).join(' AND ')})`, params };
    }
    case 'lessThan':
    case 'lessThanEqual':
    case 'greaterThan':
    case 'greaterThanEqual': {
      const field = scalarField(target, node.column, node.method);
      return {
        sql: `${field.sql} ${COMPARATORS[node.method]} ?`,
        params: [bind(field, node.method, node.value)],
      };
    }
    case 'between': {
      const field = scalarField(target, node.column, node.method);
      return {
        sql: `${field.sql} BETWEEN ? AND ?`,
        params: [bind(field, node.method, node.from), bind(field, node.method, node.to)],
      };
    }
    case 'isNull':
    case 'isNotNull': {
      const field = fieldFor(target, node.column, node.method);
      return { sql: `${field.sql} ${node.method === 'isNull' ? 'IS NULL' : 'IS NOT NULL'}`, params: [] };
    }
    case 'contains':
      return compileContains(target, node);
    case 'startsWith':
    case 'endsWith':
    case 'search':
      return compileText(target, node);
  }
}

/** The WHERE clause: the target's scope AND every filter. */
export function compileWhere(target: QueryTarget, filters: readonly FilterNode[]): SqlFragment {
  const parts = [
    ...(target.scope ? [target.scope] : []),
    ...filters.map((node) => compileFilter(target, node)),
  ];
  if (parts.length === 0) return { sql: '1', params: [] };
  return { sql: parts.map((part) => part.sql).join(' AND '), params: parts.flatMap((part) => part.params) };
}

/**
 * The sort keys, ending with the sequence so the order is total and cursors are
 * stable. The tiebreak follows the last order's direction, so "newest first" stays
 * newest first among rows created in the same millisecond.
 */
export function compileOrder(target: QueryTarget, orders: readonly OrderNode[]): OrderKey[] {
  const keys = orders.map((order): OrderKey => {
    const method = order.direction === 'ASC' ? 'orderAsc' : 'orderDesc';
    return { sql: scalarField(target, order.column, method).sql, direction: order.direction };
  });
  const last = keys.at(-1)?.direction ?? 'ASC';
  return [...keys, { sql: target.sequence, direction: last }];
}

export function flipOrder(keys: readonly OrderKey[]): OrderKey[] {
  return keys.map((key) => ({ sql: key.sql, direction: key.direction === 'ASC' ? 'DESC' : 'ASC' }));
}

export function orderByClause(keys: readonly OrderKey[]): string {
  return keys.map((key) => `${key.sql} ${key.direction}`).join(', ');
}

/** "Comes strictly after `value` in this key's direction", with SQLite's nulls-first ordering. */
function strictlyAfter(key: OrderKey, value: SqlValue): SqlFragment {
  if (key.direction === 'ASC') {
    return value === null
      ? { sql: `${key.sql} IS NOT NULL`, params: [] }
      : { sql: `${key.sql} > ?`, params: [value] };
  }
  return value === null
    ? { sql: '0', params: [] }
    : { sql: `(${key.sql} < ? OR ${key.sql} IS NULL)`, params: [value] };
}

/**
 * Rows strictly after the cursor row in the order `keys`:
 * k1 after v1, OR (k1 = v1 AND k2 after v2), OR ...
 */
export function compileCursor(keys: readonly OrderKey[], values: readonly SqlValue[]): SqlFragment {
  const branches: SqlFragment[] = [];
  keys.forEach((key, i) => {
    const equalities = keys.slice(0, i).map((previous, j): SqlFragment => ({
      sql: `${previous.sql} IS ?`,
      params: [values[j] ?? null],
    }));
    const parts = [...equalities, strictlyAfter(key, values[i] ?? null)];
    branches.push({
      sql: parts.map((part) => part.sql).join(' AND '),
      params: parts.flatMap((part) => part.params),
    });
  });
  return {
    sql: `(${branches.map((branch) => `(${branch.sql})`).join(' OR ')})`,
    params: branches.flatMap((branch) => branch.params),
  };
}
