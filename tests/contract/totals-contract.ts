/**
 * Totals and long id lists, part of the backend contract (issue 13, items 4 and 10): the
 * same cases on the embedded adapter, on the Appwrite adapter against the
 * intercepted-HTTP fake (which caps totals at 5,000 and refuses queries over Appwrite's
 * limits, as Appwrite does) and on a real Appwrite server when one is configured.
 *
 * - `total` counts every match whatever the limit; `totalCapped` is false below 5,000
 *   (the cap itself is tested against the fake in server/backend/appwrite/list-limits.test.ts
 *   and on the embedded backend in server/backend/embedded/tables.test.ts).
 * - `listByIds` (server/services/rows-by-ids.ts) reads 1,200 ids of the longest kind in
 *   chunks that each fit one request, on every backend.
 */
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_LIMITS, type Backend, type RowData } from '../../server/backend/port';
import { equalChunks, listByIds } from '../../server/services/rows-by-ids';
import type { ContractSubject } from './backend-contract';

const COURSES = { databaseId: 'aurora_main', tableId: 'courses' } as const;
const LESSONS = { databaseId: 'aurora_main', tableId: 'lessons' } as const;
const ID_COUNT = 1_200;

/** `prefix` padded to Appwrite's longest id, 36 characters, so chunks are bound by length. */
const longId = (prefix: string, index: number) => `${prefix}${index.toString(36)}`.padEnd(36, 'z');

export function describeTotalsContract(label: string, setup: () => Promise<ContractSubject>): void {
  describe(`totals and id lists contract: ${label}`, () => {
    let subject: ContractSubject | undefined;
    let scope = '';
    const created: { tableId: 'courses' | 'lessons'; rowId: string }[] = [];
    const courseIds: string[] = [];

    function backend(): Backend {
      if (!subject) throw new Error('totals contract setup did not run');
      return subject.backend;
    }

    function courseData(title: string): RowData {
      return {
        title,
        description: 'A course of the totals contract',
        instructor: scope,
        category: 'testing',
        difficulty: 'beginner',
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
      };
    }

    beforeAll(async () => {
      subject = await setup();
      scope = `${subject.idPrefix}t${Date.now().toString(36)}`;
      for (let index = 0; index < 7; index += 1) {
        const rowId = longId(`${scope}c`, index);
        await backend().tables.create({ ...COURSES, rowId, data: courseData(`Course ${index}`) });
        created.push({ tableId: 'courses', rowId });
        courseIds.push(rowId);
      }
      // Two lessons in each of the first three courses.
      for (const [courseIndex, courseId] of courseIds.slice(0, 3).entries()) {
        for (let order = 1; order <= 2; order += 1) {
          const lesson = await backend().tables.create({
            ...LESSONS,
            rowId: longId(`${scope}l${courseIndex}`, order),
            data: {
              courseId,
              title: `Lesson ${order}`,
              order,
              createdAt: '2024-01-01T00:00:00.000Z',
              updatedAt: '2024-01-01T00:00:00.000Z',
            },
          });
          created.push({ tableId: 'lessons', rowId: lesson.$id });
        }
      }
    });

    afterAll(async () => {
      if (!subject) return;
      const port = subject.backend;
      for (const row of created) {
        await port.tables.delete({ databaseId: 'aurora_main', ...row }).catch(() => undefined);
      }
      await subject.cleanup();
    });

    it('counts every match whatever the limit, exactly and not capped below 5,000', async () => {
      const list = await backend().tables.list({
        ...COURSES,
        queries: [Query.equal('instructor', scope), Query.limit(2)],
      });
      expect(list.rows).toHaveLength(2);
      expect(list.total).toBe(7);
      expect(list.totalCapped).toBe(false);

      const none = await backend().tables.list({
        ...COURSES,
        queries: [Query.equal('instructor', `${scope}-none`)],
      });
      expect(none).toMatchObject({ total: 0, totalCapped: false, rows: [] });
    });

    it('lists the same rows without counting them when asked for no total', async () => {
      const queries = [Query.equal('instructor', scope), Query.orderAsc('title'), Query.limit(3)];
      const counted = await backend().tables.list({ ...COURSES, queries });
      const uncounted = await backend().tables.list({ ...COURSES, queries, total: false });
      expect(uncounted).toMatchObject({ total: 0, totalCapped: false });
      expect(uncounted.rows.map((row) => row.$id)).toEqual(counted.rows.map((row) => row.$id));
      expect(counted.total).toBe(7);
    });

    it('reads the rows of 1,200 ids, in chunks that each fit one request', async () => {
      const unknown = Array.from({ length: ID_COUNT - courseIds.length }, (_, index) =>
        longId(`${scope}x`, index),
      );
      const ids = [...unknown.slice(0, 600), ...courseIds, ...unknown.slice(600)];
      expect(ids).toHaveLength(ID_COUNT);
      const chunks = equalChunks('$id', ids);
      expect(chunks.length).toBeGreaterThan(1);
      for (const chunk of chunks) {
        expect(chunk.length).toBeLessThanOrEqual(LIST_LIMITS.equalValues);
        expect(Query.equal('$id', chunk).length).toBeLessThanOrEqual(LIST_LIMITS.queryChars);
      }

      const rows = await listByIds(backend(), COURSES, ids, { queries: [Query.select(['$id', 'title'])] });
      expect(rows.map((row) => row.$id).sort()).toEqual([...courseIds].sort());
      expect(rows.every((row) => typeof row.title === 'string')).toBe(true);
    });

    it('reads every lesson of 1,200 course ids, with the caller’s filters applied', async () => {
      const unknown = Array.from({ length: ID_COUNT - courseIds.length }, (_, index) =>
        longId(`${scope}y`, index),
      );
      const ids = [...courseIds, ...unknown];
      const lessons = await listByIds(backend(), LESSONS, ids, {
        column: 'courseId',
        queries: [Query.select(['$id', 'courseId', 'order'])],
        pageSize: 2,
      });
      expect(lessons).toHaveLength(6);
      const perCourse = new Map<string, number>();
      for (const lesson of lessons)
        perCourse.set(String(lesson.courseId), (perCourse.get(String(lesson.courseId)) ?? 0) + 1);
      expect([...perCourse.entries()].sort()).toEqual(
        courseIds
          .slice(0, 3)
          .map((id) => [id, 2])
          .sort(),
      );

      const firsts = await listByIds(backend(), LESSONS, ids, {
        column: 'courseId',
        queries: [Query.equal('order', 1)],
      });
      expect(firsts).toHaveLength(3);
    });
  });
}
