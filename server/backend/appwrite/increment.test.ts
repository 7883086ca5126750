/**
 * `tables.increment` on Appwrite: the requests it sends (scripted replies, moved here
 * from tables.test.ts), and what it returns against the stateful fake, which answers an
 * increment the way utopia-php/database does: the row as read before the write (old
 * `$updatedAt`, a NULL column shown as the step) while the stored column stays NULL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../port';
import { appwriteRow, TIMES } from './fixtures';
import { fakeTablesDb, type FakeTablesDb } from './fake-tablesdb';
import { createAppwriteBackend } from './index';
import { CONFIG, expectAdminCall, setupMockAppwrite } from './mock-appwrite';

describe('tables.increment: requests', () => {
  const mock = setupMockAppwrite();
  const enrollment = {
    databaseId: 'aurora_main',
    tableId: 'enrollments',
    rowId: 'e1',
    column: 'progress',
  } as const;
  const ROW = '/v1/tablesdb/aurora_main/tables/enrollments/rows/e1';
  const COLUMN = `${ROW}/progress`;
  const FRESH = '2025-01-04T00:00:00.000+00:00';

  it('increments with the upper bound and returns the row read back, not the stale answer', async () => {
    mock.appwrite.reply(
      'PATCH',
      `${COLUMN}/increment`,
      200,
      appwriteRow({ progress: 30 }, 'e1', 'enrollments'),
    );
    mock.appwrite.reply(
      'GET',
      ROW,
      200,
      appwriteRow({ progress: 30, $updatedAt: FRESH }, 'e1', 'enrollments'),
    );

    const row = await mock.backend.tables.increment({ ...enrollment, by: 5, min: 0, max: 100 });

    expect(row).toMatchObject({ progress: 30, $updatedAt: FRESH });
    expect(mock.appwrite.json(0)).toEqual({ value: 5, max: 100 });
    expect(mock.appwrite.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `PATCH ${COLUMN}/increment`,
      `GET ${ROW}`,
    ]);
    for (const request of mock.appwrite.requests) expectAdminCall(request);
  });

  it('decrements with the lower bound for a negative step', async () => {
    mock.appwrite.reply(
      'PATCH',
      `${COLUMN}/decrement`,
      200,
      appwriteRow({ progress: 20 }, 'e1', 'enrollments'),
    );
    mock.appwrite.reply('GET', ROW, 200, appwriteRow({ progress: 20 }, 'e1', 'enrollments'));

    const row = await mock.backend.tables.increment({ ...enrollment, by: -3, min: 0, max: 100 });

    expect(row.progress).toBe(20);
    expect(mock.appwrite.json(0)).toEqual({ value: 3, min: 0 });
  });

  it('reads the row for a zero step, which Appwrite would refuse', async () => {
    mock.appwrite.reply('GET', ROW, 200, appwriteRow({ progress: 25 }));

    const row = await mock.backend.tables.increment({ ...enrollment, by: 0 });

    expect(row.progress).toBe(25);
  });

  it("sends the column's own range from appwrite.json when the caller gives no bound", async () => {
    const ANALYTICS = '/v1/tablesdb/aurora_analytics/tables/course_analytics/rows/a1';
    mock.appwrite.reply(
      'PATCH',
      `${ANALYTICS}/averageRating/increment`,
      200,
      appwriteRow({ averageRating: 4 }),
    );
    mock.appwrite.reply('GET', ANALYTICS, 200, appwriteRow({ averageRating: 4, totalEnrollments: 1 }));
    mock.appwrite.reply(
      'PATCH',
      `${ANALYTICS}/totalEnrollments/decrement`,
      200,
      appwriteRow({ totalEnrollments: 0 }),
    );
    mock.appwrite.reply('GET', ANALYTICS, 200, appwriteRow({ averageRating: 4, totalEnrollments: 0 }));
    const ref = { databaseId: 'aurora_analytics', tableId: 'course_analytics', rowId: 'a1' } as const;

    await mock.backend.tables.increment({ ...ref, column: 'averageRating', by: 1 });
    await mock.backend.tables.increment({ ...ref, column: 'totalEnrollments', by: -1 });

    expect(mock.appwrite.json(0)).toEqual({ value: 1, max: 5 });
    expect(mock.appwrite.json(2)).toEqual({ value: 1, min: 0 });
  });

  it("keeps the caller's bound when it is the tighter one", async () => {
    mock.appwrite.reply(
      'PATCH',
      `${COLUMN}/increment`,
      200,
      appwriteRow({ progress: 3 }, 'e1', 'enrollments'),
    );
    mock.appwrite.reply('GET', ROW, 200, appwriteRow({ progress: 3 }, 'e1', 'enrollments'));

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

  it('sets a NULL column to the step as of the $updatedAt it read back', async () => {
    mock.appwrite.reply(
      'PATCH',
      `${COLUMN}/increment`,
      200,
      appwriteRow({ progress: 5 }, 'e1', 'enrollments'),
    );
    mock.appwrite.reply('GET', ROW, 200, appwriteRow({ progress: null }, 'e1', 'enrollments'));
    mock.appwrite.reply(
      'PATCH',
      ROW,
      200,
      appwriteRow({ progress: 5, $updatedAt: FRESH }, 'e1', 'enrollments'),
    );

    const row = await mock.backend.tables.increment({ ...enrollment, by: 5 });

    expect(row).toMatchObject({ progress: 5, $updatedAt: FRESH });
    expect(mock.appwrite.requests[2]?.headers['x-appwrite-timestamp']).toBe(TIMES.updated);
    expect(mock.appwrite.json(2)).toEqual({ data: { progress: 5, $updatedAt: expect.any(String) } });
  });
});

describe('tables.increment against the stateful fake', () => {
  const ANALYTICS = { databaseId: 'aurora_analytics', tableId: 'course_analytics' } as const;
  const OLD = '2025-01-03T03:04:05.000+00:00';
  let fake: FakeTablesDb;
  let backend: Backend;
  beforeEach(() => {
    fake = fakeTablesDb();
    backend = createAppwriteBackend(CONFIG);
  });
  afterEach(async () => {
    await fake.close();
  });

  const seed = (rowId: string, columns: Record<string, unknown>) =>
    fake.seed(ANALYTICS, { $id: rowId, courseId: rowId, $updatedAt: OLD, ...columns });
  const stored = (rowId: string) => fake.rows(ANALYTICS).find((row) => row.$id === rowId);

  it('returns what is stored, with the $updatedAt of the write', async () => {
    seed('a1', { totalEnrollments: 2 });

    const row = await backend.tables.increment({
      ...ANALYTICS,
      rowId: 'a1',
      column: 'totalEnrollments',
      by: 3,
    });

    expect(row.totalEnrollments).toBe(3 + 2);
    expect(row.$updatedAt).toBe(stored('a1')?.$updatedAt);
    expect(Date.parse(row.$updatedAt)).toBeGreaterThan(Date.parse(OLD));
  });

  it('counts a NULL column from zero, as the embedded adapter does', async () => {
    seed('a2', { totalEnrollments: null });

    const row = await backend.tables.increment({
      ...ANALYTICS,
      rowId: 'a2',
      column: 'totalEnrollments',
      by: 2,
    });

    expect(row.totalEnrollments).toBe(2);
    expect(stored('a2')?.totalEnrollments).toBe(2);
    expect(row.$updatedAt).toBe(stored('a2')?.$updatedAt);
  });

  it('refuses a step past the bound on a NULL column and leaves it NULL', async () => {
    seed('a3', { completionRate: null });

    await expect(
      backend.tables.increment({ ...ANALYTICS, rowId: 'a3', column: 'completionRate', by: 150 }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    expect(stored('a3')?.completionRate).toBeNull();
  });

  it('loses no step when parallel increments start from NULL', async () => {
    seed('a4', { totalEnrollments: null });

    await Promise.all(
      Array.from({ length: 20 }, () =>
        backend.tables.increment({ ...ANALYTICS, rowId: 'a4', column: 'totalEnrollments', by: 1 }),
      ),
    );

    expect(stored('a4')?.totalEnrollments).toBe(20);
  });
});
