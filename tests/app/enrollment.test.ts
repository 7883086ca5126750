import { describe, expect, it } from 'vitest';
import { nextLessonOf, studentsHref, studentsQueryOf } from '../../app/lib/enrollment';

const lessons = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

describe('where "Continue" leads', () => {
  it('starts at the first lesson', () => {
    expect(nextLessonOf(lessons, { completedLessons: [], lastLessonId: null })).toEqual({
      lessonId: 'a',
      finished: false,
    });
  });

  it('goes on from the last lesson completed, wrapping round to skipped ones', () => {
    expect(nextLessonOf(lessons, { completedLessons: ['a', 'b'], lastLessonId: 'b' })?.lessonId).toBe('c');
    expect(nextLessonOf(lessons, { completedLessons: ['b', 'c'], lastLessonId: 'c' })?.lessonId).toBe('a');
  });

  it('offers a review once everything is done, and nothing for an empty course', () => {
    expect(nextLessonOf(lessons, { completedLessons: ['a', 'b', 'c'], lastLessonId: 'c' })).toEqual({
      lessonId: 'a',
      finished: true,
    });
    expect(nextLessonOf([], { completedLessons: [], lastLessonId: null })).toBeNull();
  });
});

describe('the students list in the URL', () => {
  it('reads sort and order, ignoring anything unknown', () => {
    expect(studentsQueryOf(new URL('http://x/?sort=progress'))).toEqual({
      sort: 'progress',
      order: 'desc',
      cursor: null,
    });
    expect(studentsQueryOf(new URL('http://x/?sort=evil&order=sideways'))).toEqual({
      sort: 'enrolledAt',
      order: 'desc',
      cursor: null,
    });
  });

  it('writes it back', () => {
    expect(studentsHref('c1', { sort: 'name', order: 'asc', cursor: 'k' })).toBe(
      '/teach/courses/c1/students?sort=name&order=asc&cursor=k',
    );
  });
});
