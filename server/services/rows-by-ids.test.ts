/** listByIds: chunks within Appwrite's query limits and a fixed number of calls per chunk, on the embedded backend. */
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../tests/helpers/services';
import { LIST_LIMITS, type Backend } from '../backend/port';
import { equalChunks, listByIds } from './rows-by-ids';
import { COURSES, LESSONS } from './tables';

const fits = (attribute: string, chunk: string[]) =>
  chunk.length <= LIST_LIMITS.equalValues && Query.equal(attribute, chunk).length <= LIST_LIMITS.queryChars;

describe('equalChunks', () => {
  it('packs short ids 500 to a chunk (the value limit binds)', () => {
    const ids = Array.from({ length: 1_200 }, (_, index) => `u${index}`);
    const chunks = equalChunks('$id', ids);
    expect(chunks.map((chunk) => chunk.length)).toEqual([500, 500, 200]);
    expect(chunks.flat()).toEqual(ids);
    expect(chunks.every((chunk) => fits('$id', chunk))).toBe(true);
  });

  it('packs 36-character ids up to 4,096 characters a query (the length limit binds)', () => {
    const ids = Array.from({ length: 1_200 }, (_, index) => `id${index}`.padEnd(36, 'x'));
    const chunks = equalChunks('courseId', ids);
    expect(chunks.every((chunk) => fits('courseId', chunk))).toBe(true);
    // As full as a query can be: one more id would not fit.
    for (const [index, chunk] of chunks.slice(0, -1).entries()) {
      expect(fits('courseId', [...chunk, chunks[index + 1]?.[0] ?? ''])).toBe(false);
    }
    expect(chunks.length).toBe(Math.ceil(1_200 / (chunks[0]?.length ?? 1)));
    expect(chunks.flat()).toEqual(ids);
  });

  it('drops repeated ids and makes no chunk of nothing', () => {
    expect(equalChunks('$id', ['a', 'b', 'a'])).toEqual([['a', 'b']]);
    expect(equalChunks('$id', [])).toEqual([]);
  });
});

describe('listByIds on the embedded backend', () => {
  let services: TestServices;
  let calls = 0;
  let counted: Backend;
  const courseIds: string[] = [];

  beforeAll(async () => {
    services = await createTestServices();
    const { backend } = services;
    counted = {
      ...backend,
      tables: {
        ...backend.tables,
        list: (input) => {
          calls += 1;
          return backend.tables.list(input);
        },
      },
    };
    const stamp = new Date().toISOString();
    for (let index = 0; index < 5; index += 1) {
      const course = await backend.tables.create({
        ...COURSES,
        data: {
          title: `Course ${index}`,
          description: 'chunking',
          instructor: 'chunker',
          category: 'testing',
          difficulty: 'beginner',
          createdAt: stamp,
          updatedAt: stamp,
        },
      });
      courseIds.push(course.$id);
      for (let order = 1; order <= 3; order += 1) {
        await backend.tables.create({
          ...LESSONS,
          data: { courseId: course.$id, title: `Lesson ${order}`, order, createdAt: stamp, updatedAt: stamp },
        });
      }
    }
  });
  afterAll(() => services.cleanup());

  it('finds the rows among 1,200 ids with one call per chunk', async () => {
    const ids = [...Array.from({ length: 1_195 }, (_, index) => `missing${index}`), ...courseIds];
    calls = 0;
    const rows = await listByIds(counted, COURSES, ids);
    expect(rows.map((row) => row.$id).sort()).toEqual([...courseIds].sort());
    expect(calls).toBe(equalChunks('$id', ids).length);
  });

  it('pages the rows of many per id, a call per page of each chunk', async () => {
    calls = 0;
    const lessons = await listByIds(counted, LESSONS, courseIds, { column: 'courseId', pageSize: 4 });
    expect(lessons).toHaveLength(15);
    expect(new Set(lessons.map((lesson) => lesson.$id)).size).toBe(15);
    // 15 lessons, 4 a page: 4 pages, the last one short.
    expect(calls).toBe(4);
  });

  it('refuses extra queries that leave no room within 100', async () => {
    const tooMany = Array.from({ length: LIST_LIMITS.queries - 3 }, () => Query.isNotNull('title'));
    await expect(listByIds(counted, COURSES, ['a'], { queries: tooMany })).rejects.toThrow(/no room/);
  });
});
