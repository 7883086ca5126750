import Database from 'better-sqlite3';
import { Query } from 'node-appwrite';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProject, projectSchemaSpec, type ProjectSpec, type TableSpec } from '../schema';
import { createEmbeddedBackend } from './index';
import { DATABASE_FILE } from './store';
import { COURSES, courseRow } from './test-support';

/** A deep copy of the real project with the courses table changed. */
function withCourses(change: (table: TableSpec) => TableSpec): ProjectSpec {
  const copy = parseProject(structuredClone(projectSchemaSpec()));
  return { ...copy, tables: copy.tables.map((table) => (table.$id === 'courses' ? change(table) : table)) };
}

const upgraded = withCourses((table) => ({
  ...table,
  columns: [
    ...table.columns,
    { key: 'level', type: 'integer', required: false, array: false, min: 1, max: 5, default: 3 },
    { key: 'language', type: 'string', required: false, array: false, size: 16, default: 'en' },
    { key: 'order', type: 'integer', required: false, array: false, min: 0, max: 1000, default: null },
  ],
  indexes: [
    ...table.indexes.filter((index) => index.key !== 'courses_instructor'),
    { key: 'courses_level', type: 'key', columns: ['level', 'order'], orders: ['DESC', 'ASC'] },
    { key: 'courses_category_search', type: 'fulltext', columns: ['category'] },
  ],
}));

describe('schema upgrade in place', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'aurora-migrate-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  function schemaObjects(): { type: string; name: string }[] {
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      return db.prepare<[], { type: string; name: string }>('SELECT type, name FROM sqlite_master').all();
    } finally {
      db.close();
    }
  }

  it('adds columns with their defaults and new indexes without losing rows', async () => {
    const before = createEmbeddedBackend({ dataDir });
    await before.tables.create({ ...COURSES, rowId: 'old', data: courseRow({ category: 'woodworking' }) });
    await before.close();
    expect(schemaObjects().map((object) => object.name)).toContain(
      'aurora_main__courses__courses_instructor',
    );

    const after = createEmbeddedBackend({ dataDir, project: upgraded });
    try {
      const old = await after.tables.get({ ...COURSES, rowId: 'old' });
      expect(old).toMatchObject({ title: 'A course', level: 3, language: 'en', order: null });

      const created = await after.tables.create({
        ...COURSES,
        rowId: 'new',
        data: courseRow({ level: 5, order: 2 }),
      });
      expect(created).toMatchObject({ level: 5, order: 2, language: 'en' });
      const byLevel = await after.tables.list({
        ...COURSES,
        queries: [Query.orderDesc('level'), Query.orderAsc('order')],
      });
      expect(byLevel.rows.map((row) => row.$id)).toEqual(['new', 'old']);

      // The new fulltext index covers rows written before it existed.
      const found = await after.tables.list({ ...COURSES, queries: [Query.search('category', 'wood')] });
      expect(found.rows.map((row) => row.$id)).toEqual(['old']);
    } finally {
      await after.close();
    }

    const names = schemaObjects().map((object) => object.name);
    expect(names).toContain('aurora_main__courses__courses_level');
    expect(names).toContain('aurora_main__courses__fts__courses_category_search');
    expect(names).not.toContain('aurora_main__courses__courses_instructor');
  });

  it('counts the lessons of existing courses when lessonCount is added (decision 0033)', async () => {
    const withoutCount = withCourses((table) => ({
      ...table,
      columns: table.columns.filter((column) => column.key !== 'lessonCount'),
    }));
    const lessons = { databaseId: 'aurora_main', tableId: 'lessons' } as const;
    const before = createEmbeddedBackend({ dataDir, project: withoutCount });
    await before.tables.create({ ...COURSES, rowId: 'two', data: courseRow() });
    await before.tables.create({ ...COURSES, rowId: 'none', data: courseRow() });
    for (const order of [1, 2]) {
      const data = {
        courseId: 'two',
        title: `L${order}`,
        order,
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
      };
      await before.tables.create({ ...lessons, data });
    }
    await before.close();

    const after = createEmbeddedBackend({ dataDir });
    try {
      expect((await after.tables.get({ ...COURSES, rowId: 'two' })).lessonCount).toBe(2);
      expect((await after.tables.get({ ...COURSES, rowId: 'none' })).lessonCount).toBe(0);
    } finally {
      await after.close();
    }
  });

  it('is idempotent and keeps data when reopened with the same or an older spec', async () => {
    const first = createEmbeddedBackend({ dataDir, project: upgraded });
    await first.tables.create({ ...COURSES, rowId: 'kept', data: courseRow({ level: 4 }) });
    await first.close();
    const objects = schemaObjects();

    const again = createEmbeddedBackend({ dataDir, project: upgraded });
    await again.close();
    expect(schemaObjects()).toEqual(objects);

    const older = createEmbeddedBackend({ dataDir });
    try {
      const row = await older.tables.get({ ...COURSES, rowId: 'kept' });
      expect(row.title).toBe('A course');
      expect('level' in row).toBe(false);
    } finally {
      await older.close();
    }
    const upgradedAgain = createEmbeddedBackend({ dataDir, project: upgraded });
    try {
      expect((await upgradedAgain.tables.get({ ...COURSES, rowId: 'kept' })).level).toBe(4);
    } finally {
      await upgradedAgain.close();
    }
  });

  it('stores booleans as 0/1, arrays as JSON text and datetimes as ISO strings', async () => {
    const backend = createEmbeddedBackend({ dataDir });
    await backend.tables.create({
      ...COURSES,
      rowId: 'typed',
      data: courseRow({ isPublished: true, tags: ['a', 'b'], createdAt: '2024-02-03T04:05:06+02:00' }),
    });
    await backend.close();
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const raw = db
        .prepare(
          'SELECT "isPublished", "tags", "createdAt", "$sequence" FROM "aurora_main__courses" WHERE "$id" = ?',
        )
        .get('typed');
      expect(raw).toEqual({
        isPublished: 1,
        tags: '["a","b"]',
        createdAt: '2024-02-03T02:05:06.000Z',
        $sequence: expect.any(Number),
      });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('fails to open with a clear error when a new unique index is broken by existing rows', async () => {
    const before = createEmbeddedBackend({ dataDir });
    await before.tables.create({ ...COURSES, rowId: 'one', data: courseRow({ category: 'same' }) });
    await before.tables.create({ ...COURSES, rowId: 'two', data: courseRow({ category: 'same' }) });
    await before.close();
    const unique = withCourses((table) => ({
      ...table,
      indexes: [...table.indexes, { key: 'courses_category_unique', type: 'unique', columns: ['category'] }],
    }));
    expect(() => createEmbeddedBackend({ dataDir, project: unique })).toThrow(/courses_category_unique/);
    const reopened = createEmbeddedBackend({ dataDir });
    try {
      expect((await reopened.tables.list(COURSES)).total).toBe(2);
    } finally {
      await reopened.close();
    }
  });
});
