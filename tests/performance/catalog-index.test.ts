/**
 * The catalog on 10,000 courses: the default listing, each filter, both sorts, a tag and
 * a search must be answered from an index (no full SCAN of a table in SQLite's plan),
 * and a page must come back in well under 50 ms (median of several runs) on this machine.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  catalogQueries,
  categoryQueries,
  listCatalog,
  listCategories,
  tagQueries,
} from '../../server/services/courses/catalog';
import { searchTextOf } from '../../server/services/courses/course-tags';
import { reviewQueueQueries } from '../../server/services/courses/review';
import { catalogQuerySchema, type CatalogQuery } from '../../server/services/courses/schemas';
import { DIFFICULTIES } from '../../shared/fields/limits';
import { createTestServices, createTestUser, type TestServices } from '../helpers/services';
import { COURSES, COURSE_TAGS } from '../../server/services/tables';
import { FULL_TABLE_SCAN } from '../../server/backend/embedded/list-query';

const COURSE_COUNT = 10_000;
const CATEGORIES = ['data', 'web', 'design', 'business', 'science', 'languages', 'music', 'health'];
const TAGS = ['sql', 'python', 'react', 'css', 'finance', 'biology', 'piano', 'yoga', 'spanish', 'ux'];
const WORDS = ['practical', 'modern', 'complete', 'gentle', 'advanced', 'hands-on', 'visual', 'quick'];

let services: TestServices;
let seedMs = 0;
beforeAll(async () => {
  services = await createTestServices();
  const instructor = await createTestUser(services, 'instructor');
  const started = performance.now();
  const base = Date.parse('2024-01-01T00:00:00Z');
  for (let i = 0; i < COURSE_COUNT; i += 1) {
    const title = `${WORDS[i % WORDS.length] ?? ''} course ${i}`;
    const description = `Course number ${i} about ${CATEGORIES[i % CATEGORIES.length] ?? ''} for curious people.`;
    // One tag each keeps seeding (one write transaction per row, through the port) near 15 s.
    const tags = [TAGS[i % TAGS.length] ?? 'x'];
    const createdAt = new Date(base + i * 60_000).toISOString();
    const isPublished = i % 10 !== 0;
    const row = await services.backend.tables.create({
      ...COURSES,
      data: {
        title,
        description,
        instructor: instructor.id,
        category: CATEGORIES[i % CATEGORIES.length] ?? 'data',
        difficulty: DIFFICULTIES[i % 3] ?? 'beginner',
        duration: i % 40,
        price: i % 4 === 0 ? 0 : (i % 100) + 0.99,
        isPublished,
        tags,
        searchText: searchTextOf({ title, description, tags }),
        createdAt,
        updatedAt: createdAt,
      },
    });
    for (const tag of tags) {
      await services.backend.tables.create({
        ...COURSE_TAGS,
        data: { courseId: row.$id, tag, isPublished, createdAt },
      });
    }
  }
  seedMs = performance.now() - started;
}, 120_000);
afterAll(async () => {
  await services?.cleanup();
});

const CASES: [string, Partial<CatalogQuery>][] = [
  ['default (newest)', {}],
  ['sort by title', { sort: 'title' }],
  ['category', { category: 'science' }],
  ['difficulty', { difficulty: 'advanced' }],
  ['free', { price: 'free' }],
  ['paid', { price: 'paid' }],
  ['tag', { tag: 'python' }],
  ['search', { search: 'gentle' }],
  ['category sorted by title', { category: 'web', sort: 'title' }],
  ['category in another case', { category: 'Science' }],
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Infinity;
}

describe(`the catalog on ${COURSE_COUNT} courses`, () => {
  it('was seeded', () => {
    console.log(`seeded ${COURSE_COUNT} courses (+ tag rows) in ${Math.round(seedMs)} ms`);
    expect(seedMs).toBeGreaterThan(0);
  });

  it.each(CASES)('%s uses an index and answers fast', async (name, input) => {
    const query = catalogQuerySchema.parse(input);
    const plan = query.tag
      ? await services.backend.explain({ ...COURSE_TAGS, queries: tagQueries({ ...query, tag: query.tag }) })
      : await services.backend.explain({ ...COURSES, queries: catalogQueries(query) });
    const lines = [...plan.count, ...plan.page];
    expect(
      lines.filter((line) => FULL_TABLE_SCAN.test(line)),
      lines.join('\n'),
    ).toEqual([]);

    const first = await listCatalog(services.backend, query);
    expect(first.items.length).toBeGreaterThan(0);
    expect(first.items.every((item) => item.isPublished)).toBe(true);
    const timings: number[] = [];
    for (let run = 0; run < 7; run += 1) {
      const started = performance.now();
      await listCatalog(services.backend, query);
      timings.push(performance.now() - started);
    }
    const ms = median(timings);
    console.log(
      `${name}: median ${ms.toFixed(2)} ms, total ${first.total}\n  count: ${plan.count.join(' | ')}\n  page:  ${plan.page.join(' | ')}`,
    );
    expect(ms).toBeLessThan(50);
  });

  it('the review queue (decision 0040) comes from its index, however many courses there are', async () => {
    const plan = await services.backend.explain({ ...COURSES, queries: reviewQueueQueries({ limit: 20 }) });
    const lines = [...plan.count, ...plan.page];
    expect(
      lines.filter((line) => FULL_TABLE_SCAN.test(line)),
      lines.join('\n'),
    ).toEqual([]);
    expect(lines.join('\n')).toContain('courses_review_queue');
  });

  it('the categories in use come from an index, in one read, fast', async () => {
    const plan = await services.backend.explain({ ...COURSES, queries: categoryQueries() });
    const lines = [...plan.count, ...plan.page];
    expect(
      lines.filter((line) => FULL_TABLE_SCAN.test(line)),
      lines.join('\n'),
    ).toEqual([]);
    const categories = await listCategories(services.backend);
    expect(categories.map((category) => category.name)).toEqual([...CATEGORIES].sort());
    const timings: number[] = [];
    for (let run = 0; run < 7; run += 1) {
      const started = performance.now();
      await listCategories(services.backend);
      timings.push(performance.now() - started);
    }
    const ms = median(timings);
    console.log(`categories: median ${ms.toFixed(2)} ms\n  page:  ${plan.page.join(' | ')}`);
    expect(ms).toBeLessThan(50);
  });
});
