import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedCourse, type SeededCourse } from '../../../tests/helpers/courses';
import {
  createTestServices,
  createTestUser,
  scopeFor,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import { recordLessonOpened } from '../courses/page-views';
import { LESSON_OPENED_RESOLUTION_MS } from './learning';
import { enroll } from './membership';
import { findEnrollment } from './records';

describe('noting the lesson a learner opened', () => {
  let services: TestServices;
  let learner: AuthUser;
  let course: SeededCourse;
  let clock: Date;

  beforeEach(async () => {
    clock = new Date('2026-12-01T10:00:00.000Z');
    services = await createTestServices({ now: () => clock });
    const owner = await createTestUser(services, 'instructor');
    learner = await createTestUser(services, 'regular');
    course = await seedCourse(services, owner);
    await enroll(scopeFor(services, learner), { courseId: course.courseId });
  });
  afterEach(() => services.cleanup());

  const open = (lessonId: string) => recordLessonOpened(scopeFor(services, learner), lessonId);
  const noted = async () => {
    const enrollment = await findEnrollment(services.backend, learner.id, course.courseId);
    return { lesson: enrollment?.lastLessonId, at: enrollment?.lastActivityAt };
  };
  const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

  it('writes when the lesson changes or a minute has passed, not on every view of the same lesson', async () => {
    await open(course.lessonId);
    expect(await noted()).toEqual({ lesson: course.lessonId, at: '2026-12-01T10:00:00.000Z' });

    later(LESSON_OPENED_RESOLUTION_MS - 1);
    await open(course.lessonId);
    expect((await noted()).at).toBe('2026-12-01T10:00:00.000Z');

    later(1);
    await open(course.lessonId);
    expect((await noted()).at).toBe('2026-12-01T10:01:00.000Z');

    later(1000);
    await open(course.previewLessonId);
    expect(await noted()).toEqual({ lesson: course.previewLessonId, at: '2026-12-01T10:01:01.000Z' });
  });

  it('writes again when the clock went back (a stamp from the future is not trusted)', async () => {
    await open(course.lessonId);
    later(-5000);
    await open(course.lessonId);
    expect((await noted()).at).toBe('2026-12-01T09:59:55.000Z');
  });
});
