import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countingBackend, type CountingBackend } from '../../tests/helpers/counting-backend';
import { seedCourse } from '../../tests/helpers/courses';
import {
  createTestServices,
  createTestUser,
  scopeFor,
  type TestServices,
} from '../../tests/helpers/services';
import { catalogChanged } from './courses/catalog-changes';
import { enroll } from './enrollments/membership';
import { CONTENT_ROWS_TTL_MS, shareContentReads, type SharedReads } from './shared-reads';
import type { Backend } from '../backend/port';
import { COURSES, ENROLLMENTS } from './tables';

describe('content rows shared by the requests of one process', () => {
  let services: TestServices;
  let counter: CountingBackend;
  let shared: SharedReads;
  let clock: number;
  let courseId: string;

  beforeEach(async () => {
    services = await createTestServices();
    counter = countingBackend(services.backend);
    clock = 1_000_000;
    shared = shareContentReads(counter.backend, { now: () => clock });
    const author = await createTestUser(services, 'instructor');
    ({ courseId } = await seedCourse(services, author, { fields: { title: 'Botany' } }));
    counter.reset();
  });
  afterEach(async () => {
    shared.close();
    await services.cleanup();
  });

  const readCourse = () => shared.forDisplay.tables.get({ ...COURSES, rowId: courseId });

  it('answers a repeated display read of a content row from the first, until it expires', async () => {
    expect((await readCourse()).title).toBe('Botany');
    await readCourse();
    await shared.forDisplay.tables.list({ ...COURSES });
    await shared.forDisplay.tables.list({ ...COURSES });
    expect(counter.calls()).toEqual(['tables.get(courses)', 'tables.list(courses)']);

    clock += CONTENT_ROWS_TTL_MS;
    await readCourse();
    expect(counter.calls()).toHaveLength(3);
  });

  it('reads everything else fresh: other tables, and the backend meant for writes', async () => {
    await shared.forDisplay.tables.list({ ...ENROLLMENTS });
    await shared.forDisplay.tables.list({ ...ENROLLMENTS });
    await shared.backend.tables.get({ ...COURSES, rowId: courseId });
    await shared.backend.tables.get({ ...COURSES, rowId: courseId });
    expect(counter.calls()).toEqual([
      'tables.list(enrollments)',
      'tables.list(enrollments)',
      'tables.get(courses)',
      'tables.get(courses)',
    ]);
  });

  it('drops every shared row when this process writes a content table', async () => {
    await readCourse();
    await shared.backend.tables.update({ ...COURSES, rowId: courseId, data: { title: 'Zoology' } });
    expect((await readCourse()).title).toBe('Zoology');
  });

  it('keeps the rows when a table that is not content is written', async () => {
    await readCourse();
    const learner = await createTestUser(services, 'regular');
    await enroll({ ...scopeFor(services, learner), backend: shared.backend }, { courseId });
    counter.reset();
    await readCourse();
    expect(counter.calls()).toEqual([]);
  });

  it('drops them when another process on the box changed the catalog', async () => {
    await readCourse();
    await services.backend.tables.update({ ...COURSES, rowId: courseId, data: { title: 'Zoology' } });
    expect((await readCourse()).title).toBe('Botany');
    catalogChanged('peer');
    expect((await readCourse()).title).toBe('Zoology');
  });

  it('does not keep a read that was under way while a write happened', async () => {
    // A read that fetched the row before the write and answers after it (a slow round trip).
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const slow: Backend = {
      ...counter.backend,
      tables: {
        ...counter.backend.tables,
        get: async (ref) => {
          const row = await counter.backend.tables.get(ref);
          await answered;
          return row;
        },
      },
    };
    const racing = shareContentReads(slow, { now: () => clock });
    try {
      const read = () => racing.forDisplay.tables.get({ ...COURSES, rowId: courseId });
      const during = read();
      await racing.backend.tables.update({ ...COURSES, rowId: courseId, data: { title: 'Zoology' } });
      answer();
      expect((await during).title).toBe('Botany');
      expect((await read()).title).toBe('Zoology');
    } finally {
      racing.close();
    }
  });

  it('gives every caller a copy of its own', async () => {
    const first = await readCourse();
    first.title = 'Changed by a caller';
    expect((await readCourse()).title).toBe('Botany');
  });

  it('lets go of the oldest rows past its size bound', async () => {
    const small = shareContentReads(counter.backend, { now: () => clock, maxChars: 10 });
    try {
      const read = () => small.forDisplay.tables.get({ ...COURSES, rowId: courseId });
      await read();
      await read();
      expect(counter.calls()).toEqual(['tables.get(courses)', 'tables.get(courses)']);
    } finally {
      small.close();
    }
  });
});
