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
