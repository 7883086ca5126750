import { describe, expect, it } from 'vitest';
import { completedAtFor, nextLessonOf, progressOf } from './progress';

describe('progressOf', () => {
  it('rounds the share of current lessons completed, ignoring deleted ones', () => {
    expect(progressOf(['a', 'b'], ['a', 'b', 'c'])).toBe(67);
    expect(progressOf(['a', 'b'], ['a', 'b', 'c', 'd'])).toBe(50);
    expect(progressOf(['a', 'gone'], ['a', 'b'])).toBe(50);
    expect(progressOf([], [])).toBe(0);
  });
});

describe('completedAtFor', () => {
  const now = new Date('2026-01-02T03:04:05.000Z');
  it('sets, keeps and clears the completion date', () => {
    expect(completedAtFor(100, null, now)).toBe(now.toISOString());
    expect(completedAtFor(100, '2025-01-01T00:00:00.000Z', now)).toBe('2025-01-01T00:00:00.000Z');
    expect(completedAtFor(75, '2025-01-01T00:00:00.000Z', now)).toBeNull();
  });
});

describe('nextLessonOf', () => {
  const lessons = ['a', 'b', 'c', 'd'];
  it('continues after the last lesson, from the start when nothing is left after it, null when all done', () => {
    expect(nextLessonOf(lessons, [], null)).toBe('a');
    expect(nextLessonOf(lessons, ['a', 'b'], 'b')).toBe('c');
    expect(nextLessonOf(lessons, ['a', 'c'], 'a')).toBe('b');
    // The last lesson opened but not completed is where to continue.
    expect(nextLessonOf(lessons, ['a'], 'c')).toBe('c');
    expect(nextLessonOf(lessons, ['c', 'd'], 'd')).toBe('a');
    expect(nextLessonOf(lessons, ['b'], 'deleted')).toBe('a');
    expect(nextLessonOf(lessons, lessons, 'b')).toBeNull();
  });
});
