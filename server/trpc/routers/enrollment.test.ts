/** Enrolling, leaving and progress through the real procedures on the embedded backend. */
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activityRows,
  addLessons,
  analyticsOf,
  enrollmentRows,
  enrollmentWritesSoFar,
} from '../../../tests/helpers/enrollments';
import { seedCourse } from '../../../tests/helpers/courses';
import { outcome } from '../../../tests/helpers/identity';
import {
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import { createCaller, type Caller } from '../root';

let services: TestServices;
let owner: AuthUser;
let teacher: Caller;
let admin: Caller;
beforeAll(async () => {
  services = await createTestServices();
  owner = await createTestUser(services, 'instructor');
  teacher = createCaller(await contextFor(services, owner));
  admin = createCaller(await contextFor(services, await createTestUser(services, 'admin')));
});
afterAll(async () => {
  await services.cleanup();
});

async function learner(name?: string): Promise<{ user: AuthUser; caller: Caller }> {
  const user = await createTestUser(services, 'regular', name ? { name } : {});
  return { user, caller: createCaller(await contextFor(services, user)) };
}

/** A published course of three lessons: the seeded preview and members-only ones, and one more. */
async function threeLessonCourse(): Promise<{ courseId: string; lessons: string[] }> {
  const seeded = await seedCourse(services, owner);
  const [third] = await addLessons(services, owner, seeded.courseId, 1);
  return { courseId: seeded.courseId, lessons: [seeded.previewLessonId, seeded.lessonId, third ?? ''] };
}

const message = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: Error) => error.message,
  );

describe('enroll', () => {
  it('enrolls in a free published course, once however often it is asked', async () => {
    const { courseId } = await seedCourse(services, owner);
    const { user, caller } = await learner();
    const first = await caller.enrollment.enroll({ courseId });
    expect(first).toMatchObject({
      userId: user.id,
      courseId,
      progress: 0,
      completedLessons: [],
      completedAt: null,
      lastLessonId: null,
      lastActivityAt: null,
    });
    expect(await caller.enrollment.enroll({ courseId })).toEqual(first);
    expect(await caller.enrollment.get({ courseId })).toEqual(first);
    expect(await analyticsOf(services, courseId)).toEqual({ totalEnrollments: 1, completionRate: 0 });
  });

  it('leaves exactly one enrollment when 20 calls race', async () => {
    const { courseId } = await seedCourse(services, owner);
    const { user, caller } = await learner();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => caller.enrollment.enroll({ courseId })),
    );
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(await enrollmentRows(services, [Query.equal('userId', user.id)])).toBe(1);
    expect(await analyticsOf(services, courseId)).toEqual({ totalEnrollments: 1, completionRate: 0 });
  });

  it('refuses a paid course to learners with a clear message, and lets an admin enroll them', async () => {
    const { courseId } = await seedCourse(services, owner, { fields: { price: 49 } });
    const { user, caller } = await learner();
    const before = await enrollmentWritesSoFar(services);
    expect(await message(caller.enrollment.enroll({ courseId }))).toBe(
      'This is a paid course: request access on its page, and you are enrolled once the instructor approves.',
    );
    expect(await enrollmentWritesSoFar(services)).toEqual(before);
    const enrolled = await admin.enrollment.enroll({ courseId, userId: user.id });
    expect(enrolled.userId).toBe(user.id);
    // Now in, asking again simply returns their place.
    expect((await caller.enrollment.enroll({ courseId })).id).toBe(enrolled.id);
  });

  it('refuses unknown courses, drafts and unknown people, and changes nothing', async () => {
    const draft = await seedCourse(services, owner, { published: false });
    const { caller } = await learner();
    const before = await enrollmentWritesSoFar(services);
    expect(await outcome(caller.enrollment.enroll({ courseId: 'nosuchcourse' }))).toBe('NOT_FOUND');
    expect(await outcome(caller.enrollment.enroll({ courseId: draft.courseId }))).toBe('NOT_FOUND');
    expect(await message(teacher.enrollment.enroll({ courseId: draft.courseId }))).toBe(
      'Publish this course before anyone can enroll in it.',
    );
    const published = await seedCourse(services, owner);
    const afterSeed = await enrollmentWritesSoFar(services);
    expect(
      await outcome(admin.enrollment.enroll({ courseId: published.courseId, userId: 'nosuchuser' })),
    ).toBe('NOT_FOUND');
    expect(await outcome(caller.enrollment.enroll({ courseId: 'bad id!' }))).toBe('BAD_REQUEST');
    expect(await enrollmentWritesSoFar(services)).toEqual(afterSeed);
    expect(before.enrollments).toBe(afterSeed.enrollments);
  });
});

describe('progress', () => {
  it('follows completions and lesson changes: 67%, then 50% with a 4th lesson, 67% when an open one goes', async () => {
    const { courseId, lessons } = await threeLessonCourse();
    const { caller } = await learner();
    await caller.enrollment.enroll({ courseId });
    await caller.enrollment.completeLesson({ lessonId: lessons[0] ?? '' });
    const two = await caller.enrollment.completeLesson({ lessonId: lessons[1] ?? '' });
    expect(two).toMatchObject({ progress: 67, completedAt: null, lastLessonId: lessons[1] });
    expect(two.completedLessons).toEqual([lessons[0], lessons[1]]);

    const [fourth] = await addLessons(services, owner, courseId, 1);
    expect((await caller.enrollment.get({ courseId }))?.progress).toBe(50);
    await teacher.lesson.delete({ lessonId: fourth ?? '' });
    expect((await caller.enrollment.get({ courseId }))?.progress).toBe(67);
  });

  it('sets completedAt at 100% and clears it when a new lesson brings it below', async () => {
    const { courseId, lessons } = await threeLessonCourse();
    const { caller } = await learner();
    await caller.enrollment.enroll({ courseId });
    for (const lessonId of lessons) await caller.enrollment.completeLesson({ lessonId });
    const done = await caller.enrollment.get({ courseId });
    expect(done?.progress).toBe(100);
    expect(done?.completedAt).not.toBeNull();
    expect(await analyticsOf(services, courseId)).toEqual({ totalEnrollments: 1, completionRate: 100 });

    await addLessons(services, owner, courseId, 1);
    expect(await caller.enrollment.get({ courseId })).toMatchObject({ progress: 75, completedAt: null });
    expect(await analyticsOf(services, courseId)).toEqual({ totalEnrollments: 1, completionRate: 0 });
  });

  it('records each first completion once in user_activity, and completing again changes nothing but the place', async () => {
    const { courseId, lessons } = await threeLessonCourse();
    const { user, caller } = await learner();
    await caller.enrollment.enroll({ courseId });
    await caller.enrollment.completeLesson({ lessonId: lessons[0] ?? '' });
    const again = await caller.enrollment.completeLesson({ lessonId: lessons[0] ?? '' });
    expect(again.completedLessons).toEqual([lessons[0]]);
    expect(again.progress).toBe(33);
    expect(await activityRows(services, user.id)).toEqual([
      { resourceId: lessons[0], metadata: JSON.stringify({ courseId }) },
    ]);
  });

  it('never loses a completion when 20 are reported at once', async () => {
    const { courseId, lessons } = await threeLessonCourse();
    const more = await addLessons(services, owner, courseId, 17);
    const all = [...lessons, ...more];
    const { user, caller } = await learner();
    await caller.enrollment.enroll({ courseId });
    await Promise.all(all.map((lessonId) => caller.enrollment.completeLesson({ lessonId })));
    const enrollment = await caller.enrollment.get({ courseId });
    expect([...(enrollment?.completedLessons ?? [])].sort()).toEqual([...all].sort());
    expect(enrollment?.progress).toBe(100);
    expect(enrollment?.completedAt).not.toBeNull();
    expect(await activityRows(services, user.id)).toHaveLength(20);
  });

  it('stays right when lessons are added while completions race', async () => {
    const { courseId, lessons } = await threeLessonCourse();
    const { caller } = await learner();
    await caller.enrollment.enroll({ courseId });
    const [, added] = await Promise.all([
      Promise.all(lessons.map((lessonId) => caller.enrollment.completeLesson({ lessonId }))),
      addLessons(services, owner, courseId, 2),
    ]);
    expect(added).toHaveLength(2);
    const enrollment = await caller.enrollment.get({ courseId });
    expect(enrollment?.completedLessons).toHaveLength(3);
    expect(enrollment).toMatchObject({ progress: 60, completedAt: null });
  });

  it('refuses lessons of courses the learner is not enrolled in, and unknown lessons, changing nothing', async () => {
    const mine = await threeLessonCourse();
    const other = await seedCourse(services, owner);
    const draft = await seedCourse(services, owner, { published: false });
    const { caller } = await learner();
    await caller.enrollment.enroll({ courseId: mine.courseId });
    const before = await enrollmentWritesSoFar(services);
    expect(await message(caller.enrollment.completeLesson({ lessonId: other.lessonId }))).toBe(
      'Enroll in this course to track your progress.',
    );
    expect(await outcome(caller.enrollment.completeLesson({ lessonId: draft.lessonId }))).toBe('NOT_FOUND');
    expect(await outcome(caller.enrollment.completeLesson({ lessonId: 'nosuchlesson' }))).toBe('NOT_FOUND');
    expect(await enrollmentWritesSoFar(services)).toEqual(before);
    expect((await caller.enrollment.get({ courseId: mine.courseId }))?.completedLessons).toEqual([]);
  });
});

describe('access follows enrollment', () => {
  it('opens members-only lessons to enrolled learners and closes them at once on unenroll', async () => {
    const { courseId, lessonId } = await seedCourse(services, owner);
    const { caller } = await learner();
    expect(await outcome(caller.lesson.get({ lessonId }))).toBe('FORBIDDEN');
    await caller.enrollment.enroll({ courseId });
    expect(await outcome(caller.lesson.get({ lessonId }))).toBe('ok');
    expect(await caller.enrollment.unenroll({ courseId })).toEqual({ ok: true });
    expect(await outcome(caller.lesson.get({ lessonId }))).toBe('FORBIDDEN');
    expect(await caller.enrollment.get({ courseId })).toBeNull();
    expect(await outcome(caller.enrollment.unenroll({ courseId }))).toBe('NOT_FOUND');
    // Gone before its events were delivered: counted nowhere, so the course may have no row yet.
    expect((await analyticsOf(services, courseId)) ?? { totalEnrollments: 0, completionRate: 0 }).toEqual({
      totalEnrollments: 0,
      completionRate: 0,
    });
  });

  it('keeps enrolled learners in a course unpublished after they joined', async () => {
    const { courseId, lessonId } = await seedCourse(services, owner);
    const { caller } = await learner();
    await caller.enrollment.enroll({ courseId });
    await teacher.course.unpublish({ courseId });
    expect(await outcome(caller.lesson.get({ lessonId }))).toBe('ok');
    expect(await outcome(caller.enrollment.completeLesson({ lessonId }))).toBe('ok');
    const { items } = await caller.enrollment.mine();
    expect(items.map((item) => [item.course.id, item.course.isPublished])).toEqual([[courseId, false]]);
    // Someone not enrolled still cannot see the draft.
    const outsider = await learner();
    expect(await outcome(outsider.caller.lesson.get({ lessonId }))).toBe('NOT_FOUND');
  });

  it('is not touched by reading a lesson: the lesson page notes the opening (tests/app/page-views.test.ts)', async () => {
    const { courseId, lessons } = await threeLessonCourse();
    const { caller } = await learner();
    const enrolled = await caller.enrollment.enroll({ courseId });
    await caller.lesson.get({ lessonId: lessons[2] ?? '' });
    expect(await caller.enrollment.get({ courseId })).toEqual(enrolled);
  });
});

describe('course analytics', () => {
  it('counts enrollments and the share completed, through unenrolling and deleting a user', async () => {
    const { courseId, lessons } = await threeLessonCourse();
    const a = await learner();
    const b = await learner();
    const c = await learner();
    for (const { caller } of [a, b, c]) await caller.enrollment.enroll({ courseId });
    for (const lessonId of lessons) await a.caller.enrollment.completeLesson({ lessonId });
    expect(await analyticsOf(services, courseId)).toEqual({ totalEnrollments: 3, completionRate: 33.33 });
    await b.caller.enrollment.unenroll({ courseId });
    expect(await analyticsOf(services, courseId)).toEqual({ totalEnrollments: 2, completionRate: 50 });
    await admin.users.delete({ userId: a.user.id });
    expect(await analyticsOf(services, courseId)).toEqual({ totalEnrollments: 1, completionRate: 0 });
    expect(await enrollmentRows(services, [Query.equal('courseId', courseId)])).toBe(1);
  });
});
