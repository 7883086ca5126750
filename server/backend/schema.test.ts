/**
 * appwrite.json says what Appwrite will store, and the schema loader refuses what
 * Appwrite would refuse or rewrite (issue 13, items 2 and 9; schema-limits.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseProject, projectSchemaSpec, type TableSpec } from './schema';
import {
  APPWRITE_INDEX_LENGTH_LIMIT,
  APPWRITE_ROW_WIDTH_LIMIT,
  indexLength,
  rowWidth,
} from './schema-limits';

/** Appwrite's default _APP_STORAGE_LIMIT (decimal bytes): a larger bucket fails `appwrite push`. */
const STORAGE_LIMIT = 30_000_000;
/** APP_STORAGE_READ_BUFFER: above it Appwrite skips encryption and antivirus. */
const READ_BUFFER = 20_000_000;

const project = projectSchemaSpec();

/** The real project with one table replaced by `change(table)`. */
function projectWith(tableId: string, change: (table: TableSpec) => unknown): unknown {
  const copy = structuredClone(project);
  return {
    ...copy,
    tables: copy.tables.map((table) => (table.$id === tableId ? change(table) : table)),
  };
}

describe('appwrite.json as Appwrite stores it', () => {
  it.each(project.buckets.map((bucket) => [bucket.$id, bucket] as const))(
    'bucket %s is within the storage limit, and within the read buffer when encrypted or scanned',
    (_id, bucket) => {
      expect(bucket.maximumFileSize).toBeLessThanOrEqual(STORAGE_LIMIT);
      if (bucket.encryption || bucket.antivirus)
        expect(bucket.maximumFileSize).toBeLessThanOrEqual(READ_BUFFER);
    },
  );

  it('has only email columns of size 254', () => {
    const emails = project.tables.flatMap((table) =>
      table.columns.filter((column) => column.type === 'string' && column.format === 'email'),
    );
    expect(emails.length).toBeGreaterThan(0);
    for (const column of emails) expect(column.type === 'string' && column.size).toBe(254);
  });

  it('gives every numeric column explicit bounds', () => {
    for (const table of project.tables) {
      for (const column of table.columns) {
        if (column.type !== 'integer' && column.type !== 'double') continue;
        expect(Number.isFinite(column.min) && Number.isFinite(column.max), `${table.$id}.${column.key}`).toBe(
          true,
        );
      }
    }
  });

  it('keeps every key at most 36 characters, every row and index within MariaDB limits', () => {
    for (const table of project.tables) {
      for (const key of [...table.columns.map((c) => c.key), ...table.indexes.map((i) => i.key)]) {
        expect(key.length, `${table.$id}.${key}`).toBeLessThanOrEqual(36);
      }
      expect(rowWidth(table), table.$id).toBeLessThanOrEqual(APPWRITE_ROW_WIDTH_LIMIT);
      for (const index of table.indexes.filter((each) => each.type !== 'fulltext')) {
        expect(indexLength(table, index), `${table.$id}.${index.key}`).toBeLessThanOrEqual(
          APPWRITE_INDEX_LENGTH_LIMIT,
        );
      }
    }
  });

  it('searches courses through the one-column fulltext index on searchText', () => {
    const courses = project.tables.find((table) => table.$id === 'courses');
    const fulltext = courses?.indexes.filter((index) => index.type === 'fulltext') ?? [];
    expect(fulltext.map((index) => index.columns)).toEqual([['searchText']]);
  });
});

describe('parseProject refuses what Appwrite would refuse or rewrite', () => {
  const withColumn = (column: Record<string, unknown>) =>
    projectWith('courses', (table) => ({ ...table, columns: [...table.columns, column] }));
  const withIndex = (index: Record<string, unknown>) =>
    projectWith('courses', (table) => ({ ...table, indexes: [...table.indexes, index] }));

  it('accepts the real appwrite.json', () => {
    expect(() => parseProject(structuredClone(project))).not.toThrow();
  });

  it('refuses a null or missing numeric bound', () => {
    const column = { key: 'score', type: 'integer', required: false, array: false, min: 0, default: 0 };
    expect(() => parseProject(withColumn({ ...column, max: null }))).toThrow(/explicit/);
    expect(() => parseProject(withColumn(column))).toThrow(/explicit/);
    expect(() => parseProject(withColumn({ ...column, type: 'double', max: 10, min: null }))).toThrow(
      /explicit/,
    );
    expect(() => parseProject(withColumn({ ...column, max: 100 }))).not.toThrow();
  });

  it('refuses min above max', () => {
    const column = { key: 'score', type: 'integer', required: false, array: false, min: 5, max: 1 };
    expect(() => parseProject(withColumn(column))).toThrow(/above max/);
  });

  it('refuses an email column whose size is not 254', () => {
    const column = { key: 'contact', type: 'string', required: false, format: 'email', size: 320 };
    expect(() => parseProject(withColumn(column))).toThrow(/254/);
    expect(() => parseProject(withColumn({ ...column, size: 254 }))).not.toThrow();
  });

  it('refuses column and index keys over 36 characters', () => {
    const long = `k${'x'.repeat(36)}`;
    expect(() =>
      parseProject(withColumn({ key: long, type: 'boolean', required: false, default: false })),
    ).toThrow();
    expect(() => parseProject(withIndex({ key: long, type: 'key', columns: ['title'] }))).toThrow();
    expect(() =>
      parseProject(withIndex({ key: 'k'.repeat(36), type: 'key', columns: ['category'] })),
    ).not.toThrow();
  });

  it('refuses a fulltext index on more than one column, or on a non-string column', () => {
    expect(() =>
      parseProject(withIndex({ key: 'two', type: 'fulltext', columns: ['title', 'description'] })),
    ).toThrow(/exactly one string column/);
    expect(() => parseProject(withIndex({ key: 'num', type: 'fulltext', columns: ['price'] }))).toThrow(
      /exactly one string column/,
    );
  });

  it('refuses an index longer than 768 and a row wider than 65,535 bytes', () => {
    // title (200) + description (5000): far over 768.
    expect(() =>
      parseProject(withIndex({ key: 'wide', type: 'key', columns: ['title', 'description'] })),
    ).toThrow(/index length/);
    const wide = Array.from({ length: 20 }, (_, i) => ({
      key: `wide${i}`,
      type: 'string',
      required: false,
      size: 1000,
    }));
    expect(() =>
      parseProject(projectWith('courses', (table) => ({ ...table, columns: [...table.columns, ...wide] }))),
    ).toThrow(/bytes wide/);
  });
});
