/**
 * The stored lesson count (decision 0033): kept by lesson creates and deletes, also when
 * they run at once, and a course written before the column existed (null) still shows
 * its real number, counted from its lessons.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../server/backend/port';
import { listAllCourses } from '../../server/services/courses/admin-list';
import { createCourse } from '../../server/services/courses/courses';
import { createLesson, deleteLesson } from '../../server/services/courses/lessons';
import { COURSES } from '../../server/services/tables';
import { courseFields } from '../helpers/courses';
import { createTestServices, createTestUser, scopeFor, type TestServices } from '../helpers/services';

const lessonFields = (title: string) => ({
  title,
  description: '',
  content: '<p>Text</p>',
  isPreview: false,
});

describe('a course’s lesson count', () => {
  let services: TestServices;
  let owner: AuthUser;

  beforeEach(async () => {
    services = await createTestServices();
    owner = await createTestUser(services, 'instructor');
  });
  afterEach(() => services.cleanup());

  const storedCount = async (courseId: string) =>
    (await services.backend.tables.get({ ...COURSES, rowId: courseId })).lessonCount;
  const shownCount = async (courseId: string) => {
    const page = await listAllCourses(services.backend, { limit: 50 });
    return page.items.find((item) => item.id === courseId)?.lessonCount;
  };

  it('starts at 0 and follows creates and deletes, concurrent ones included', async () => {
    const scope = scopeFor(services, owner);
    const course = await createCourse(scope, courseFields());
    expect(await storedCount(course.id)).toBe(0);
    const lessons = await Promise.all(
      ['One', 'Two', 'Three', 'Four'].map((title) =>
        createLesson(scope, { courseId: course.id, ...lessonFields(title) }),
      ),
    );
    expect(await storedCount(course.id)).toBe(4);
    await Promise.all(lessons.slice(0, 2).map((lesson) => deleteLesson(scope, lesson.id)));
    expect(await storedCount(course.id)).toBe(2);
    expect(await shownCount(course.id)).toBe(2);
  });

  it('counts the lessons of a course whose count was never stored, and leaves it unstored', async () => {
    const scope = scopeFor(services, owner);
    const course = await createCourse(scope, courseFields());
    await createLesson(scope, { courseId: course.id, ...lessonFields('Kept') });
    await services.backend.tables.update({ ...COURSES, rowId: course.id, data: { lessonCount: null } });
    await createLesson(scope, { courseId: course.id, ...lessonFields('Added later') });
    expect(await storedCount(course.id)).toBeNull();
    expect(await shownCount(course.id)).toBe(2);
  });
});
