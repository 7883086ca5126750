/**
 * Categories in the catalog (decision 0021): `course.categories` lists those of published
 * courses with their counts in one backend read, and `course.list({ category })` matches
 * a category whatever its case ("design" finds "Design"), through the router and over HTTP.
 * The course page's extras (`course.get`): the instructor's bio and "What you'll learn".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCourse } from '../../../tests/helpers/courses';
import { getProcedure, readProcedure, startApi, type RunningApi } from '../../../tests/helpers/http';
import {
  scopeFor,
  contextAs,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { Backend } from '../../backend/port';
import { FULL_TABLE_SCAN } from '../../backend/embedded/list-query';
import { updateProfileRow } from '../../services/identity/profiles';
import { createLesson } from '../../services/courses/lessons';
import {
  catalogQueries,
  categoryQueries,
  categorySpellings,
  listCatalog,
  listCategories,
  readDescription,
} from '../../services/courses/catalog';
import { catalogQuerySchema } from '../../services/courses/schemas';
import { createCaller, type Caller } from '../root';
import { COURSES } from '../../services/tables';

let services: TestServices;
let api: RunningApi;
let visitor: Caller;
const ids: Record<string, string> = {};

beforeAll(async () => {
  services = await createTestServices();
  api = await startApi(services);
  const ada = await createTestUser(services, 'instructor', { name: 'Ada Design' });
  const bea = await createTestUser(services, 'instructor', { name: 'Bea Data' });
  const seed = async (key: string, owner: typeof ada, category: string, published = true) => {
    ids[key] = (
      await seedCourse(services, owner, { published, fields: { title: key, category, tags: [key] } })
    ).courseId;
  };
  await seed('posters', ada, 'Design');
  await seed('type', ada, 'Design');
  await seed('colour', bea, 'design');
  await seed('queries', bea, 'Data');
  await seed('draft', bea, 'Secret plans', false);
  await seed('draft-design', bea, 'DESIGN', false);
  visitor = createCaller(await contextAs(services, 'anonymous'));
});
afterAll(async () => {
  await api.close();
  await services.cleanup();
});

/** The backend with its table calls counted. */
function counted(backend: Backend): { backend: Backend; calls: () => number } {
  let calls = 0;
  const tables = new Proxy(backend.tables, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { backend: { ...backend, tables }, calls: () => calls };
}

describe('course.categories', () => {
  it('lists the categories of published courses once each, with counts and the usual spelling', async () => {
    expect(await visitor.course.categories()).toEqual([
      { name: 'Data', count: 1 },
      { name: 'Design', count: 3 },
    ]);
  });

  it('is one backend read, however many courses there are', async () => {
    const probe = counted(services.backend);
    await listCategories(probe.backend);
    expect(probe.calls()).toBe(1);
  });

  it('is answered from an index (no full table scan)', async () => {
    const plan = await services.backend.explain({ ...COURSES, queries: categoryQueries() });
    expect([...plan.count, ...plan.page].filter((line) => FULL_TABLE_SCAN.test(line))).toEqual([]);
  });

  it('answers over HTTP for a visitor', async () => {
    const response = await getProcedure(api.base, 'course.categories');
    expect(response.status).toBe(200);
    expect(await readProcedure(response)).toEqual([
      { name: 'Data', count: 1 },
      { name: 'Design', count: 3 },
    ]);
  });
});

describe('course.list by category', () => {
  const titles = (page: { items: { title: string }[] }) => page.items.map((item) => item.title).sort();

  it.each(['design', 'DESIGN', 'Design', ' dEsIgN '])(
    'finds every published Design course for %j',
    async (category) => {
      expect(titles(await visitor.course.list({ category }))).toEqual(['colour', 'posters', 'type']);
    },
  );

  it('still combines with a tag and other filters', async () => {
    expect(titles(await visitor.course.list({ category: 'design', tag: 'colour' }))).toEqual(['colour']);
    expect(titles(await visitor.course.list({ category: 'design', tag: 'queries' }))).toEqual([]);
    expect(titles(await visitor.course.list({ category: 'data', sort: 'title' }))).toEqual(['queries']);
  });

  it('finds nothing for a category no published course has, drafts included', async () => {
    expect((await visitor.course.list({ category: 'secret plans' })).items).toEqual([]);
    expect((await visitor.course.list({ category: 'Cooking' })).items).toEqual([]);
  });

  it('needs no read of its own: the spellings go into the one indexed query', async () => {
    const query = catalogQuerySchema.parse({ category: 'web development' });
    expect(categorySpellings('web development')).toEqual([
      'web development',
      'WEB DEVELOPMENT',
      'Web development',
      'Web Development',
    ]);
    const plan = await services.backend.explain({ ...COURSES, queries: catalogQueries(query) });
    expect([...plan.count, ...plan.page].filter((line) => FULL_TABLE_SCAN.test(line))).toEqual([]);
    const probe = counted(services.backend);
    await listCatalog(probe.backend, catalogQuerySchema.parse({ tag: 'colour', category: 'design' }));
    const plain = counted(services.backend);
    await listCatalog(plain.backend, catalogQuerySchema.parse({ tag: 'colour' }));
    expect(probe.calls()).toBe(plain.calls());
  });

  it('works over HTTP too', async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { category: 'design' } }));
    const response = await getProcedure(api.base, `course.list?input=${input}`);
    expect(response.status).toBe(200);
    const body = (await readProcedure(response)) as { items: { title: string }[] };
    expect(titles(body)).toEqual(['colour', 'posters', 'type']);
  });

  it('refuses a category that is too long, as before', async () => {
    await expect(visitor.course.list({ category: 'x'.repeat(65) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('course.get for the course page', () => {
  it('carries the instructor’s bio and what the course teaches', async () => {
    const owner = await createTestUser(services, 'instructor', { name: 'Grace Teach' });
    await updateProfileRow(services.backend, owner, { bio: 'Teaches compilers.' }, services.now());
    const { courseId } = await seedCourse(services, owner, {
      fields: {
        description: 'Build a compiler.\n\nYou will:\n- read a grammar\n- write a parser\n\nBring coffee.',
      },
    });
    const course = await visitor.course.get({ courseId });
    expect(course.instructor).toMatchObject({ name: 'Grace Teach', bio: 'Teaches compilers.' });
    expect(course.outcomes).toEqual(['read a grammar', 'write a parser']);
    expect(course.about).toEqual(['Build a compiler.', 'You will:', 'Bring coffee.']);
  });

  it('falls back to the lessons’ summaries when the description has no list', async () => {
    const owner = await createTestUser(services, 'instructor');
    const { courseId } = await seedCourse(services, owner);
    for (const [title, description] of [
      ['Grammar', 'Read a grammar.'],
      ['Untitled', ''],
    ] as const) {
      await createLesson(scopeFor(services, owner), {
        courseId,
        title,
        description,
        content: '',
        isPreview: false,
      });
    }
    expect((await visitor.course.get({ courseId })).outcomes).toEqual(['Read a grammar.']);
  });
});

describe('readDescription', () => {
  it.each([
    ['plain text', 'One.\nTwo.', { about: ['One. Two.'], outcomes: [] }],
    ['numbered', 'Intro\n1. first\n2) second', { about: ['Intro'], outcomes: ['first', 'second'] }],
    ['bullets', '• a\n* b\n-c', { about: ['-c'], outcomes: ['a', 'b'] }],
    ['only the first list', '- a\nmiddle\n- b', { about: ['middle - b'], outcomes: ['a'] }],
  ])('%s', (_, description, expected) => {
    expect(readDescription(description)).toEqual(expected);
  });
});
