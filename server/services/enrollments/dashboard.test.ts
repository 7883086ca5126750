/**
 * The dashboard's "recent enrollments in my courses": newest first, only the caller's
 * own courses, learners named, and a fixed number of backend reads however many
 * courses and learners there are. Real embedded backend, real router.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCourse } from '../../../tests/helpers/courses';
import { enrollmentWritesSoFar } from '../../../tests/helpers/enrollments';
import { outcome } from '../../../tests/helpers/identity';
import {
  scopeFor,
  scopeAt,
  browserFacts,
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser, Backend } from '../../backend/port';
import { createCaller } from '../../trpc/root';
import { unpublishCourse } from '../courses/courses';
import { myLearning, recentEnrollments } from './dashboard';
import { enroll } from './membership';

let now = new Date('2026-04-01T09:00:00.000Z');
const tick = () => {
  now = new Date(now.getTime() + 60_000);
  return now;
};

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices({ now: () => now });
});
afterAll(async () => {
  await services.cleanup();
});

/** The backend with its table reads counted: the dashboard's budget is a fixed number. */
function counting(backend: Backend): { backend: Backend; reads: () => number } {
  let reads = 0;
  const tables = new Proxy(backend.tables, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (key === 'list' || key === 'get') reads += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { backend: { ...backend, tables } as Backend, reads: () => reads };
}

async function learnerNamed(name: string): Promise<AuthUser> {
  return createTestUser(services, 'regular', { name });
}

describe('recentEnrollments', () => {
  it('lists the newest enrollments across the caller’s own courses, drafts included', async () => {
    const owner = await createTestUser(services, 'instructor');
    const other = await createTestUser(services, 'instructor');
    const sql = await seedCourse(services, owner, { fields: { title: 'Practical SQL' } });
    const css = await seedCourse(services, owner, { fields: { title: 'Modern CSS' } });
    const elsewhere = await seedCourse(services, other, { fields: { title: 'Someone else’s' } });
    const ada = await learnerNamed('Ada Lovelace');
    const grace = await learnerNamed('Grace Hopper');
    await enroll(scopeAt(services, ada, tick()), { courseId: sql.courseId });
    await enroll(scopeAt(services, grace, tick()), { courseId: css.courseId });
    await enroll(scopeAt(services, grace, tick()), { courseId: elsewhere.courseId });
    await enroll(scopeAt(services, ada, tick()), { courseId: css.courseId });
    // A course taken back to draft keeps its learners, and its instructor still sees them.
    await unpublishCourse(
      { ...scopeAt(services, owner, tick()), request: browserFacts },
      { courseId: sql.courseId },
    );

    const { items } = await recentEnrollments(scopeFor(services, owner), { limit: 10 });
    expect(items.map((item) => [item.learner.name, item.course.title])).toEqual([
      ['Ada Lovelace', 'Modern CSS'],
      ['Grace Hopper', 'Modern CSS'],
      ['Ada Lovelace', 'Practical SQL'],
    ]);
    expect(items[0]).toMatchObject({ progress: 0, completedAt: null, course: { id: css.courseId } });

    const newestTwo = await recentEnrollments(scopeFor(services, owner), { limit: 2 });
    expect(newestTwo.items.map((item) => item.id)).toEqual(items.slice(0, 2).map((item) => item.id));
  });

  it('is empty, after one read, for someone who teaches nothing', async () => {
    const newcomer = await createTestUser(services, 'instructor');
    const { backend, reads } = counting(services.backend);
    expect(await recentEnrollments({ ...scopeFor(services, newcomer), backend }, { limit: 8 })).toEqual({
      items: [],
    });
    expect(reads()).toBe(1);
  });

  it('reads the same three times whether there are two courses or twelve', async () => {
    const owner = await createTestUser(services, 'instructor');
    const few = counting(services.backend);
    const courses = [];
    for (let index = 0; index < 12; index += 1) courses.push(await seedCourse(services, owner));
    const first = courses[0];
    if (!first) throw new Error('no course');
    const someone = await learnerNamed('Only one');
    await enroll(scopeAt(services, someone, tick()), { courseId: first.courseId });
    await recentEnrollments({ ...scopeFor(services, owner), backend: few.backend }, { limit: 8 });
    const readsForOne = few.reads();

    for (const course of courses) {
      const learner = await learnerNamed(`Learner of ${course.courseId}`);
      await enroll(scopeAt(services, learner, tick()), { courseId: course.courseId });
    }
    const many = counting(services.backend);
    const { items } = await recentEnrollments(
      { ...scopeFor(services, owner), backend: many.backend },
      { limit: 8 },
    );
    expect(items).toHaveLength(8);
    expect(many.reads()).toBe(readsForOne);
    expect(readsForOne).toBe(3);
  });
});

describe('myLearning', () => {
  it('reads the same four times for one enrollment or six, across instructors', async () => {
    const maya = await createTestUser(services, 'instructor');
    const ken = await createTestUser(services, 'instructor');
    const learner = await learnerNamed('Busy Learner');
    const first = await seedCourse(services, maya, { fields: { title: 'First' } });
    await enroll(scopeAt(services, learner, tick()), { courseId: first.courseId });
    const one = counting(services.backend);
    const alone = await myLearning({ ...scopeFor(services, learner), backend: one.backend }, { limit: 20 });
    expect(alone.items.map((item) => [item.course.title, item.lessonCount, item.nextLessonId])).toEqual([
      ['First', 2, first.previewLessonId],
    ]);

    for (const [index, owner] of [maya, ken, maya, ken, ken].entries()) {
      const course = await seedCourse(services, owner, { fields: { title: `More ${index}` } });
      await enroll(scopeAt(services, learner, tick()), { courseId: course.courseId });
    }
    const six = counting(services.backend);
    const page = await myLearning({ ...scopeFor(services, learner), backend: six.backend }, { limit: 20 });
    expect(page.items.map((item) => item.course.title)).toEqual([
      'More 4',
      'More 3',
      'More 2',
      'More 1',
      'More 0',
      'First',
    ]);
    expect(page.items.map((item) => item.course.instructor.name)).toEqual(
      [ken, ken, maya, ken, maya, maya].map((owner) => owner.name),
    );
    expect(six.reads()).toBe(one.reads());
    expect(one.reads()).toBe(4);
  });
});

describe('enrollment.recent', () => {
  it('refuses a bad limit with the field named, and writes nothing', async () => {
    const owner = await createTestUser(services, 'instructor');
    const caller = createCaller(await contextFor(services, owner));
    const before = await enrollmentWritesSoFar(services);
    for (const limit of [0, 21, 1.5, -1]) {
      expect(await outcome(caller.enrollment.recent({ limit }))).toBe('BAD_REQUEST');
    }
    expect(await enrollmentWritesSoFar(services)).toEqual(before);
  });

  it('answers an instructor with their feed and a learner with FORBIDDEN', async () => {
    const owner = await createTestUser(services, 'instructor');
    const course = await seedCourse(services, owner);
    const learner = await learnerNamed('Curious Learner');
    await enroll(scopeAt(services, learner, tick()), { courseId: course.courseId });
    const asOwner = createCaller(await contextFor(services, owner));
    expect((await asOwner.enrollment.recent()).items.map((item) => item.learner.name)).toEqual([
      'Curious Learner',
    ]);
    const asLearner = createCaller(await contextFor(services, learner));
    expect(await outcome(asLearner.enrollment.recent())).toBe('FORBIDDEN');
  });
});
