/** "My learning" and the instructor's students page, through the real procedures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLessons } from '../../../tests/helpers/enrollments';
import { seedCourse } from '../../../tests/helpers/courses';
import {
  contextFor,
  scopeFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import { recordLessonOpened } from '../../services/courses/page-views';
import { createCaller, type Caller } from '../root';

let now = new Date('2026-03-01T10:00:00.000Z');
let services: TestServices;
let owner: AuthUser;
let teacher: Caller;
beforeAll(async () => {
  services = await createTestServices({ now: () => now });
  owner = await createTestUser(services, 'instructor');
  teacher = createCaller(await contextFor(services, owner));
});
afterAll(async () => {
  await services.cleanup();
});

/** Moves the shared clock on, so "most recent" is unambiguous. */
const tick = () => {
  now = new Date(now.getTime() + 60_000);
};

async function learner(name?: string): Promise<Caller> {
  const user = await createTestUser(services, 'regular', name ? { name } : {});
  return createCaller(await contextFor(services, user));
}

async function course(title: string): Promise<{ courseId: string; lessons: string[] }> {
  const seeded = await seedCourse(services, owner, { fields: { title } });
  const more = await addLessons(services, owner, seeded.courseId, 1);
  return { courseId: seeded.courseId, lessons: [seeded.previewLessonId, seeded.lessonId, ...more] };
}

describe('enrollment.mine', () => {
  it('lists courses by most recent activity with the lesson to continue', async () => {
    const sql = await course('SQL');
    const go = await course('Go');
    const rust = await course('Rust');
    const person = await createTestUser(services, 'regular');
    const caller = createCaller(await contextFor(services, person));
    for (const { courseId } of [sql, go, rust]) {
      tick();
      await caller.enrollment.enroll({ courseId });
    }
    tick();
    await caller.enrollment.completeLesson({ lessonId: sql.lessons[0] ?? '' });
    await caller.enrollment.completeLesson({ lessonId: sql.lessons[1] ?? '' });
    tick();
    for (const lessonId of go.lessons) await caller.enrollment.completeLesson({ lessonId });

    const { items, total, nextCursor } = await caller.enrollment.mine();
    expect(total).toBe(3);
    expect(nextCursor).toBeNull();
    expect(
      items.map((item) => [item.course.title, item.enrollment.progress, item.nextLessonId, item.lessonCount]),
    ).toEqual([
      ['Go', 100, null, 3],
      ['SQL', 67, sql.lessons[2], 3],
      // Never active: ordered by when they enrolled.
      ['Rust', 0, rust.lessons[0], 3],
    ]);

    // Opening an uncompleted lesson (its page notes it; lesson.get only reads) makes it
    // the place to continue from.
    tick();
    await recordLessonOpened(scopeFor(services, person), rust.lessons[1] ?? '');
    const again = await caller.enrollment.mine();
    expect(again.items.map((item) => [item.course.title, item.nextLessonId])).toEqual([
      ['Rust', rust.lessons[1]],
      ['Go', null],
      ['SQL', sql.lessons[2]],
    ]);
  });

  it('pages with a cursor', async () => {
    const caller = await learner();
    for (const title of ['A', 'B', 'C']) {
      tick();
      await caller.enrollment.enroll({ courseId: (await course(title)).courseId });
    }
    const first = await caller.enrollment.mine({ limit: 2 });
    expect(first.items.map((item) => item.course.title)).toEqual(['C', 'B']);
    expect(first.total).toBe(3);
    const second = await caller.enrollment.mine({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((item) => item.course.title)).toEqual(['A']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('enrollment.students', () => {
  it('shows each student’s progress, sorted as asked, page by page', async () => {
    const { courseId, lessons } = await course('Roster');
    const names = ['Carla', 'alan', 'Bea'];
    const callers = [];
    for (const name of names) {
      tick();
      const caller = await learner(name);
      await caller.enrollment.enroll({ courseId });
      callers.push(caller);
    }
    tick();
    // Carla completes two lessons, Bea one, alan none.
    await callers[0]?.enrollment.completeLesson({ lessonId: lessons[0] ?? '' });
    await callers[0]?.enrollment.completeLesson({ lessonId: lessons[1] ?? '' });
    tick();
    await callers[2]?.enrollment.completeLesson({ lessonId: lessons[0] ?? '' });

    const byName = await teacher.enrollment.students({ courseId, sort: 'name', order: 'asc' });
    expect(byName.items.map((item) => item.user.name)).toEqual(['alan', 'Bea', 'Carla']);
    expect(byName.items[2]).toMatchObject({ progress: 67, completedLessonCount: 2, lessonCount: 3 });
    expect(byName.items[0]?.lastActivityAt).toBeNull();
    expect(byName.items[0]?.user.email).toContain('@example.test');

    const byProgress = await teacher.enrollment.students({ courseId, sort: 'progress', order: 'desc' });
    expect(byProgress.items.map((item) => [item.user.name, item.progress])).toEqual([
      ['Carla', 67],
      ['Bea', 33],
      ['alan', 0],
    ]);
    const byActivity = await teacher.enrollment.students({ courseId, sort: 'lastActivityAt', order: 'desc' });
    expect(byActivity.items.map((item) => item.user.name)).toEqual(['Bea', 'Carla', 'alan']);
    // Default: most recently enrolled first.
    const byDefault = await teacher.enrollment.students({ courseId });
    expect(byDefault.items.map((item) => item.user.name)).toEqual(['Bea', 'alan', 'Carla']);

    const first = await teacher.enrollment.students({ courseId, sort: 'enrolledAt', order: 'asc', limit: 2 });
    expect(first.items.map((item) => item.user.name)).toEqual(['Carla', 'alan']);
    expect(first.total).toBe(3);
    const rest = await teacher.enrollment.students({
      courseId,
      sort: 'enrolledAt',
      order: 'asc',
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(rest.items.map((item) => item.user.name)).toEqual(['Bea']);
    expect(rest.nextCursor).toBeNull();
  });
});
