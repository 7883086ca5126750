import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { appwriteRow, TIMES } from './fixtures';
import { expectAdminCall, setupMockAppwrite } from './mock-appwrite';

const ROWS = '/v1/tablesdb/aurora_main/tables/courses/rows';
const course = { databaseId: 'aurora_main', tableId: 'courses' } as const;

const mock = setupMockAppwrite();

describe('tables.get', () => {
  it('reads one row with the admin client and keeps only the port system fields', async () => {
    mock.appwrite.reply(
      'GET',
      `${ROWS}/row1`,
      200,
      appwriteRow({ title: 'Algebra', tags: ['math'], price: null }),
    );

    const row = await mock.backend.tables.get({
      ...course,
      rowId: 'row1',
      queries: [Query.select(['title', 'tags'])],
    });

    expect(row).toEqual({
      $id: 'row1',
      $tableId: 'courses',
      $databaseId: 'aurora_main',
      $createdAt: TIMES.created,
      $updatedAt: TIMES.updated,
      title: 'Algebra',
      tags: ['math'],
      price: null,
    });
    const [request] = mock.appwrite.requests;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe(`${ROWS}/row1`);
    expect(request?.query.get('queries[0]')).toBe(Query.select(['title', 'tags']));
    expectAdminCall(request);
  });

  it('refuses a row whose values are not column values', async () => {
    mock.appwrite.reply('GET', `${ROWS}/row1`, 200, appwriteRow({ nested: { not: 'a column' } }));

    await expect(mock.backend.tables.get({ ...course, rowId: 'row1' })).rejects.toMatchObject({
      name: 'BackendError',
      kind: 'unavailable',
    });
  });
});

describe('tables.list', () => {
  it('sends every query and maps total and rows', async () => {
    mock.appwrite.reply('GET', ROWS, 200, {
      total: 42,
      rows: [appwriteRow({ title: 'A' }, 'a'), appwriteRow({}, 'b')],
    });
    const queries = [Query.equal('isPublished', true), Query.orderDesc('createdAt'), Query.limit(2)];

    const list = await mock.backend.tables.list({ ...course, queries });

    expect(list.total).toBe(42);
    expect(list.rows.map((row) => row.$id)).toEqual(['a', 'b']);
    expect(list.rows[0]).not.toHaveProperty('$permissions');
    expect(list.rows[0]).not.toHaveProperty('$sequence');
    const [request] = mock.appwrite.requests;
    expect(request?.method).toBe('GET');
    expect([0, 1, 2].map((i) => request?.query.get(`queries[${i}]`))).toEqual(queries);
    expectAdminCall(request);
  });
});

describe('tables.create', () => {
  it('posts the data under a fresh unique id when none is given', async () => {
    mock.appwrite.reply('POST', ROWS, 201, appwriteRow({ title: 'New' }, 'generated'));

    const row = await mock.backend.tables.create({ ...course, data: { title: 'New', tags: [] } });

    expect(row).toMatchObject({ $id: 'generated', title: 'New' });
    expect(mock.appwrite.requests[0]?.method).toBe('POST');
    expect(mock.appwrite.json(0)).toEqual({
      rowId: expect.stringMatching(/^[0-9a-f]{20}$/),
      data: { title: 'New', tags: [] },
    });
    expect(mock.appwrite.requests[0]?.headers['content-type']).toBe('application/json');
    expectAdminCall(mock.appwrite.requests[0]);
  });

  it('uses the given row id', async () => {
    mock.appwrite.reply('POST', ROWS, 201, appwriteRow({}, 'chosen'));

    await mock.backend.tables.create({ ...course, rowId: 'chosen', data: { title: 'x' } });

    expect(mock.appwrite.json(0)).toEqual({ rowId: 'chosen', data: { title: 'x' } });
  });
});

describe('tables.update', () => {
  it('patches only the given columns', async () => {
    mock.appwrite.reply('PATCH', `${ROWS}/row1`, 200, appwriteRow({ title: 'Renamed', price: 10 }));

    const row = await mock.backend.tables.update({ ...course, rowId: 'row1', data: { title: 'Renamed' } });

    expect(row).toMatchObject({ $id: 'row1', title: 'Renamed', price: 10 });
    expect(mock.appwrite.requests[0]?.method).toBe('PATCH');
    expect(mock.appwrite.json(0)).toEqual({ data: { title: 'Renamed' } });
    expectAdminCall(mock.appwrite.requests[0]);
  });
});

describe('tables.delete', () => {
  it('deletes the row', async () => {
    mock.appwrite.replyEmpty('DELETE', `${ROWS}/row1`);

    await expect(mock.backend.tables.delete({ ...course, rowId: 'row1' })).resolves.toBeUndefined();

    expect(mock.appwrite.requests[0]?.method).toBe('DELETE');
    expectAdminCall(mock.appwrite.requests[0]);
  });
});

describe('tables.increment', () => {
  const enrollment = {
    databaseId: 'aurora_main',
    tableId: 'enrollments',
    rowId: 'e1',
    column: 'progress',
  } as const;
  const COLUMN = '/v1/tablesdb/aurora_main/tables/enrollments/rows/e1/progress';

  it('increments with the upper bound', async () => {
    mock.appwrite.reply(
      'PATCH',
      `${COLUMN}/increment`,
      200,
      appwriteRow({ progress: 30 }, 'e1', 'enrollments'),
    );

    const row = await mock.backend.tables.increment({ ...enrollment, by: 5, min: 0, max: 100 });

    expect(row.progress).toBe(30);
    expect(mock.appwrite.json(0)).toEqual({ value: 5, max: 100 });
    expectAdminCall(mock.appwrite.requests[0]);
  });

  it('decrements with the lower bound for a negative step', async () => {
    mock.appwrite.reply(
      'PATCH',
      `${COLUMN}/decrement`,
      200,
      appwriteRow({ progress: 20 }, 'e1', 'enrollments'),
    );

    const row = await mock.backend.tables.increment({ ...enrollment, by: -3, min: 0, max: 100 });

    expect(row.progress).toBe(20);
    expect(mock.appwrite.json(0)).toEqual({ value: 3, min: 0 });
  });

  it('reads the row for a zero step, which Appwrite would refuse', async () => {
    mock.appwrite.reply(
      'GET',
      '/v1/tablesdb/aurora_main/tables/enrollments/rows/e1',
      200,
      appwriteRow({ progress: 25 }),
    );

    const row = await mock.backend.tables.increment({ ...enrollment, by: 0 });

    expect(row.progress).toBe(25);
  });

  it("sends the column's own range from mock.appwrite.json when the caller gives no bound", async () => {
    const ANALYTICS = '/v1/tablesdb/aurora_analytics/tables/course_analytics/rows/a1';
    mock.appwrite.reply(
      'PATCH',
      `${ANALYTICS}/averageRating/increment`,
      200,
      appwriteRow({ averageRating: 4 }),
    );
    mock.appwrite.reply(
      'PATCH',
      `${ANALYTICS}/totalEnrollments/decrement`,
      200,
      appwriteRow({ totalEnrollments: 0 }),
    );
    const ref = { databaseId: 'aurora_analytics', tableId: 'course_analytics', rowId: 'a1' } as const;

    await mock.backend.tables.increment({ ...ref, column: 'averageRating', by: 1 });
    await mock.backend.tables.increment({ ...ref, column: 'totalEnrollments', by: -1 });

    expect(mock.appwrite.json(0)).toEqual({ value: 1, max: 5 });
    expect(mock.appwrite.json(1)).toEqual({ value: 1, min: 0 });
  });

  it("keeps the caller's bound when it is the tighter one", async () => {
    mock.appwrite.reply(
      'PATCH',
      `${COLUMN}/increment`,
      200,
      appwriteRow({ progress: 3 }, 'e1', 'enrollments'),
    );

    await mock.backend.tables.increment({ ...enrollment, by: 1, max: 3 });

    expect(mock.appwrite.json(0)).toEqual({ value: 1, max: 3 });
  });

  it('refuses unknown and non-numeric columns as invalid without asking Appwrite', async () => {
    await expect(
      mock.backend.tables.increment({ ...enrollment, column: 'nope', by: 1 }),
    ).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(
      mock.backend.tables.increment({ ...enrollment, column: 'userId', by: 1 }),
    ).rejects.toMatchObject({
      kind: 'invalid',
    });
    expect(mock.appwrite.requests).toEqual([]);
  });

  it('reports a step past the bound as invalid', async () => {
    mock.appwrite.reply('PATCH', `${COLUMN}/increment`, 400, {
      message: 'Row column "progress" has reached the maximum value of 100',
      code: 400,
      type: 'column_limit_exceeded',
    });

    await expect(mock.backend.tables.increment({ ...enrollment, by: 50, max: 100 })).rejects.toMatchObject({
      kind: 'invalid',
      message: 'Row column "progress" has reached the maximum value of 100',
    });
  });
});
