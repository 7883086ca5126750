import Database from 'better-sqlite3';
import { Query } from 'node-appwrite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBackendError } from '../errors';
import { projectSchemaSpec } from '../schema';
import { buildCatalog } from './catalog';
import { compileFilter, compileWhere } from './query-compile';
import { parseQueries } from './query-parse';
import { DATABASE_FILE } from './store';
import { COURSES, courseRow, openTempBackend, type TempBackend } from './test-support';

const courses = buildCatalog(projectSchemaSpec()).table('aurora_main', 'courses');

function invalidError(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (error) {
    return isBackendError(error, 'invalid');
  }
}

describe('parseQueries', () => {
  it('reads what node-appwrite produces', () => {
    const parsed = parseQueries([
      Query.equal('difficulty', ['beginner', 'advanced']),
      Query.between('price', 1, 2),
      Query.isNull('thumbnail'),
      Query.or([Query.startsWith('title', 'A'), Query.search('title', 'java')]),
      Query.orderDesc('price'),
      Query.limit(10),
      Query.offset(5),
      Query.cursorAfter('row1'),
      Query.select(['title']),
    ]);
    expect(parsed).toEqual({
      filters: [
        { method: 'equal', column: 'difficulty', values: ['beginner', 'advanced'] },
        { method: 'between', column: 'price', from: 1, to: 2 },
        { method: 'isNull', column: 'thumbnail' },
        {
          method: 'or',
          children: [
            { method: 'startsWith', column: 'title', value: 'A' },
            { method: 'search', column: 'title', value: 'java' },
          ],
        },
      ],
      orders: [{ column: 'price', direction: 'DESC' }],
      limit: 10,
      offset: 5,
      cursor: { direction: 'after', rowId: 'row1' },
      select: ['title'],
    });
  });

  it.each([
    ['malformed JSON', '{"method":'],
    ['a non-object', '[1,2]'],
    ['an unknown method', JSON.stringify({ method: 'regex', attribute: 'title', values: ['.*'] })],
    ['null in equal', Query.equal('title', null as unknown as string)],
    ['a missing column', JSON.stringify({ method: 'equal', values: ['x'] })],
    ['between with one value', JSON.stringify({ method: 'between', attribute: 'price', values: [1] })],
    ['a limit above 5000', Query.limit(5001)],
    ['a negative offset', Query.offset(-1)],
    ['a fractional limit', Query.limit(1.5)],
    ['order inside or', Query.or([Query.orderAsc('title'), Query.equal('title', 'x')])],
    ['an object as a value', JSON.stringify({ method: 'equal', attribute: 'title', values: [{ a: 1 }] })],
  ])('refuses %s', (_what, query) => {
    expect(invalidError(() => parseQueries([query]))).toBe(true);
  });

  it('limits nesting depth', () => {
    let query = Query.equal('title', 'x');
    for (let i = 0; i < 7; i += 1) query = Query.and([query]);
    expect(invalidError(() => parseQueries([query]))).toBe(true);
  });
});

describe('compileFilter', () => {
  const hostile = `x'); DROP TABLE "aurora_main__courses"; --`;

  it('binds every value and only uses schema identifiers', () => {
    const where = compileWhere(
      courses.target,
      parseQueries([
        Query.equal('title', hostile),
        Query.contains('tags', [hostile]),
        Query.startsWith('description', hostile),
        Query.search('searchText', hostile),
      ]).filters,
    );
    expect(where.sql).not.toContain('DROP');
    expect(where.sql).not.toContain(hostile);
    expect(where.params).toContain(hostile);
  });

  it.each([
    ['an unknown column', Query.equal('nope', 'x')],
    ['an unknown column inside or', Query.or([Query.equal('title', 'x'), Query.lessThan('nope', 1)])],
    ['a string for a double', Query.equal('price', 'cheap')],
    ['a number for a string', Query.equal('title', 5)],
    ['a malformed datetime', Query.lessThan('createdAt', 'soon')],
    ['equal on an array column', Query.equal('tags', 'x')],
    ['contains on a number column', Query.contains('price', 'x')],
    ['search without a fulltext index', Query.search('category', 'x')],
    ['startsWith on a boolean', Query.startsWith('isPublished', 'x')],
  ])('refuses %s', (_what, query) => {
    expect(invalidError(() => compileWhere(courses.target, parseQueries([query]).filters))).toBe(true);
  });

  it('translates booleans to 0/1 and normalizes datetimes', () => {
    const [published, before] = parseQueries([
      Query.equal('isPublished', true),
      Query.lessThan('createdAt', '2024-03-01 10:00'),
    ]).filters;
    if (!published || !before) throw new Error('parse failed');
    expect(compileFilter(courses.target, published).params).toEqual([1]);
    expect(compileFilter(courses.target, before).params).toEqual(['2024-03-01T10:00:00.000Z']);
  });
});

describe('queries against SQLite', () => {
  let temp: TempBackend;
  const hostile = `x'); DROP TABLE "aurora_main__courses"; --`;

  beforeAll(async () => {
    temp = await openTempBackend();
    await temp.backend.tables.create({ ...COURSES, rowId: 'hostile', data: courseRow({ title: hostile }) });
    await temp.backend.tables.create({ ...COURSES, rowId: 'plain', data: courseRow({ title: 'Plain' }) });
  });
  afterAll(() => temp.dispose());

  it('treats SQL in values as data', async () => {
    const list = await temp.backend.tables.list({ ...COURSES, queries: [Query.equal('title', hostile)] });
    expect(list.rows.map((row) => row.$id)).toEqual(['hostile']);
    await temp.backend.tables.list({ ...COURSES, queries: [Query.contains('title', `%' OR 1=1 --`)] });
    const db = new Database(join(temp.dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM "aurora_main__courses"').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });

  it('treats LIKE wildcards literally in contains', async () => {
    const list = await temp.backend.tables.list({ ...COURSES, queries: [Query.contains('title', '%')] });
    expect(list.total).toBe(0);
  });

  it('refuses a cursor that is not a row', async () => {
    const error = await temp.backend.tables
      .list({ ...COURSES, queries: [Query.cursorAfter('missing')] })
      .catch((caught: unknown) => caught);
    expect(isBackendError(error, 'invalid')).toBe(true);
  });

  it('defaults to 25 rows, and cursorBefore with offset walks backwards', async () => {
    for (let i = 0; i < 30; i += 1) {
      await temp.backend.tables.create({
        ...COURSES,
        rowId: `bulk${i}`,
        data: courseRow({ instructor: 'bulk' }),
      });
    }
    const page = await temp.backend.tables.list({ ...COURSES, queries: [Query.equal('instructor', 'bulk')] });
    expect(page.total).toBe(30);
    expect(page.rows).toHaveLength(25);
    const before = await temp.backend.tables.list({
      ...COURSES,
      queries: [
        Query.equal('instructor', 'bulk'),
        Query.cursorBefore('bulk10'),
        Query.limit(3),
        Query.offset(1),
      ],
    });
    expect(before.rows.map((row) => row.$id)).toEqual(['bulk6', 'bulk7', 'bulk8']);
  });
});
