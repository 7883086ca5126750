import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBackendError } from '../errors';
import { LIST_TOTAL_CAP } from '../port';
import { createEmbeddedBackend, type EmbeddedBackend } from './index';
import { COURSES, courseRow, openTempBackend, type TempBackend } from './test-support';

describe('tables shared by two connections', () => {
  let temp: TempBackend;
  let second: EmbeddedBackend;

  beforeEach(async () => {
    temp = await openTempBackend();
    second = createEmbeddedBackend({ dataDir: temp.dataDir });
  });
  afterEach(async () => {
    await second.close();
    await temp.dispose();
  });

  it('lets one compare-and-set win across connections', async () => {
    await temp.backend.tables.create({ ...COURSES, rowId: 'token', data: courseRow({ isPublished: false }) });
    const claim = (backend: EmbeddedBackend, title: string) =>
      backend.tables.updateIf({
        ...COURSES,
        rowId: 'token',
        where: [Query.equal('isPublished', false)],
        data: { isPublished: true, title },
      });
    const results = await Promise.all([claim(temp.backend, 'first'), claim(second, 'second')]);
    expect(results.filter((row) => row !== null)).toHaveLength(1);
    expect((await second.tables.get({ ...COURSES, rowId: 'token' })).title).toBe(
      results.find(Boolean)?.title,
    );
  });

  it('counts increments from both connections', async () => {
    await temp.backend.tables.create({
      databaseId: 'aurora_analytics',
      tableId: 'course_analytics',
      rowId: 'stats',
      data: { courseId: 'c1' },
    });
    const ref = { databaseId: 'aurora_analytics', tableId: 'course_analytics', rowId: 'stats' } as const;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? second : temp.backend).tables.increment({ ...ref, column: 'totalEnrollments', by: 1 }),
      ),
    );
    expect((await temp.backend.tables.get(ref)).totalEnrollments).toBe(20);
  });

  it('refuses, never clamps, an increment past a bound', async () => {
    const ref = { databaseId: 'aurora_main', tableId: 'video_progress', rowId: 'p1' } as const;
    await temp.backend.tables.create({
      ...ref,
      data: { userId: 'u', lessonId: 'l', watchedSeconds: 86_000, updatedAt: '2024-01-01' },
    });
    const error = await temp.backend.tables
      .increment({ ...ref, column: 'watchedSeconds', by: 1000 })
      .catch((caught: unknown) => caught);
    expect(isBackendError(error, 'invalid')).toBe(true);
    expect((await temp.backend.tables.get(ref)).watchedSeconds).toBe(86_000);
  });
});

describe('list totals', () => {
  let temp: TempBackend;
  beforeEach(async () => {
    temp = await openTempBackend();
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('counts up to Appwrite’s cap and says so past it, whatever the page size', async () => {
    const { backend } = temp;
    for (let index = 0; index < LIST_TOTAL_CAP + 1; index += 1) {
      await backend.tables.create({ ...COURSES, data: courseRow({ title: `Course ${index}` }) });
    }
    const capped = await backend.tables.list({ ...COURSES, queries: [Query.limit(2)] });
    expect(capped).toMatchObject({ total: LIST_TOTAL_CAP, totalCapped: true });
    expect(capped.rows).toHaveLength(2);

    const under = await backend.tables.list({
      ...COURSES,
      queries: [Query.equal('title', ['Course 1', 'Course 2']), Query.limit(1)],
    });
    expect(under).toMatchObject({ total: 2, totalCapped: false });
  }, 60_000);
});
