/**
 * Column rules from appwrite.json, applied to values on the way in, and the mapping
 * between port values and SQLite values: arrays as JSON text, booleans as 0/1,
 * datetimes as ISO strings.
 */
import type { ColumnValue } from '../port';
import type { ColumnSpec } from '../schema';
import { characterCount, isEmail, isIpAddress, isWebUrl, normalizeDatetime } from './formats';
import { invalid } from './sql-errors';
import type { SqlValue } from './store';

type Scalar = string | number | boolean;

function columnLabel(column: ColumnSpec, tableLabel: string): string {
  return `Column "${column.key}" of ${tableLabel}`;
}

function checkString(column: Extract<ColumnSpec, { type: 'string' }>, value: string, where: string): string {
  if (column.format === 'enum') {
    const elements = column.elements ?? [];
    if (!elements.includes(value)) throw invalid(`${where} must be one of: ${elements.join(', ')}`);
    return value;
  }
  if (column.size !== undefined && characterCount(value) > column.size) {
    throw invalid(`${where} must be at most ${column.size} characters long`);
  }
  if (column.format === 'email' && !isEmail(value)) throw invalid(`${where} must be a valid email address`);
  if (column.format === 'url' && !isWebUrl(value)) throw invalid(`${where} must be a valid http(s) URL`);
  if (column.format === 'ip' && !isIpAddress(value)) throw invalid(`${where} must be a valid IP address`);
  return value;
}

function checkRange(
  value: number,
  min: number | null | undefined,
  max: number | null | undefined,
  where: string,
) {
  if (min !== null && min !== undefined && value < min) throw invalid(`${where} must be at least ${min}`);
  if (max !== null && max !== undefined && value > max) throw invalid(`${where} must be at most ${max}`);
}

/** Checks one (non-array) value against its column and returns it normalized. */
export function checkScalar(column: ColumnSpec, value: unknown, where: string): Scalar {
  switch (column.type) {
    case 'string':
      if (typeof value !== 'string') throw invalid(`${where} must be a string`);
      return checkString(column, value, where);
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        throw invalid(`${where} must be an integer`);
      checkRange(value, column.min, column.max, where);
      return value;
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`${where} must be a number`);
      checkRange(value, column.min, column.max, where);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(`${where} must be true or false`);
      return value;
    case 'datetime': {
      const normalized = typeof value === 'string' ? normalizeDatetime(value) : null;
      if (normalized === null) throw invalid(`${where} must be an ISO 8601 date-time`);
      return normalized;
    }
  }
}

function scalarToSql(value: Scalar): SqlValue {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/**
 * Checks a value for a column (null, array-ness, then each element) and returns what
 * to store. `value === undefined` means "not given" and applies the column default.
 */
export function columnValueToSql(column: ColumnSpec, value: unknown, tableLabel: string): SqlValue {
  const where = columnLabel(column, tableLabel);
  if (value === undefined) {
    if (column.required) throw invalid(`Missing required column "${column.key}" in ${tableLabel}`);
    value = column.default ?? null;
  }
  if (value === null) {
    if (column.required) throw invalid(`${where} is required and cannot be null`);
    return null;
  }
  if (column.array) {
    if (!Array.isArray(value)) throw invalid(`${where} must be an array`);
    const elements: unknown[] = value;
    const checked = elements.map((element, i) => checkScalar(column, element, `${where}, element ${i},`));
    return JSON.stringify(checked);
  }
  if (Array.isArray(value)) throw invalid(`${where} must be a single value, not an array`);
  return scalarToSql(checkScalar(column, value, where));
}

/** A query operand, typed by the column it is compared with. */
export function queryValueToSql(column: ColumnSpec, value: unknown, where: string): SqlValue {
  // Comparisons are not stored values: an integer column may be compared with 2.5, and
  // a string column with text longer than its size (it simply matches nothing).
  const relaxed: ColumnSpec =
    column.type === 'integer'
      ? { ...column, type: 'double' }
      : column.type === 'string'
        ? { ...column, size: undefined, format: undefined }
        : column;
  return scalarToSql(checkScalar(relaxed, value, where));
}

function decodeScalar(column: ColumnSpec, raw: unknown): Scalar | null {
  switch (column.type) {
    case 'string':
    case 'datetime':
      return typeof raw === 'string' ? raw : null;
    case 'integer':
    case 'double':
      if (typeof raw === 'bigint') return Number(raw);
      return typeof raw === 'number' ? raw : null;
    case 'boolean':
      return raw === null || raw === undefined ? null : raw === 1 || raw === true;
  }
}

function decodeArray(column: ColumnSpec, raw: unknown): ColumnValue {
  // Like Appwrite, an array column that was never set reads back as [].
  let parsed: unknown = [];
  if (typeof raw === 'string') {
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = [];
    }
  }
  const items: unknown[] = Array.isArray(parsed) ? parsed : [];
  switch (column.type) {
    case 'string':
    case 'datetime':
      return items.filter((item): item is string => typeof item === 'string');
    case 'integer':
    case 'double':
      return items.filter((item): item is number => typeof item === 'number');
    case 'boolean':
      return items.filter((item): item is boolean => typeof item === 'boolean');
  }
}

/** A stored SQLite value back to the port's value for its column. */
export function columnValueFromSql(column: ColumnSpec, raw: unknown): ColumnValue {
  return column.array ? decodeArray(column, raw) : decodeScalar(column, raw);
}

/** A DEFAULT literal for ALTER TABLE ADD COLUMN, where parameters cannot be bound. */
export function defaultLiteral(column: ColumnSpec): string | null {
  const value = column.default;
  if (value === null || value === undefined || column.array) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  const text = column.type === 'datetime' ? normalizeDatetime(value) : value;
  return text === null ? null : `'${text.replaceAll("'", "''")}'`;
}

export function sqlTypeOf(column: ColumnSpec): 'TEXT' | 'INTEGER' | 'REAL' {
  if (column.array) return 'TEXT';
  switch (column.type) {
    case 'integer':
    case 'boolean':
      return 'INTEGER';
    case 'double':
      return 'REAL';
    case 'string':
    case 'datetime':
      return 'TEXT';
  }
}
