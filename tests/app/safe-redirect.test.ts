import { describe, expect, it } from 'vitest';
import { courseIdOf, safeRedirect, signInReason, withRedirectTo } from '../../app/lib/safe-redirect';

describe('safeRedirect', () => {
  it.each([
    ['/account', '/account'],
    ['/admin?q=ada&role=regular', '/admin?q=ada&role=regular'],
    ['/courses/1#lesson-2', '/courses/1#lesson-2'],
  ])('keeps the same-site path %s', (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it.each([
    'https://evil.test/',
    '//evil.test/path',
    '/\\evil.test',
    '/\t/evil.test',
    '/\n/evil.test',
    'javascript:alert(1)',
    'account',
    '',
    null,
    undefined,
    42,
  ])('refuses %j and goes home', (input) => {
    expect(safeRedirect(input)).toBe('/');
  });

  it('uses the given fallback', () => {
    expect(safeRedirect('//evil.test', '/account')).toBe('/account');
  });
});

describe('withRedirectTo', () => {
  it('adds the way back, encoded, unless it only leads home', () => {
    expect(withRedirectTo('/sign-in', '/admin?q=ada')).toBe('/sign-in?redirectTo=%2Fadmin%3Fq%3Dada');
    expect(withRedirectTo('/sign-in', '/')).toBe('/sign-in');
    expect(withRedirectTo('/sign-in', '//evil.test')).toBe('/sign-in');
  });
});

describe('sign-in reasons', () => {
  it('keeps a known reason next to the way back', () => {
    expect(withRedirectTo('/sign-in', '/courses/c1', 'enroll')).toBe(
      '/sign-in?redirectTo=%2Fcourses%2Fc1&reason=enroll',
    );
    expect(withRedirectTo('/sign-up', '/courses/c1/lessons/l2', 'lesson')).toBe(
      '/sign-up?redirectTo=%2Fcourses%2Fc1%2Flessons%2Fl2&reason=lesson',
    );
    expect(withRedirectTo('/sign-in', '/courses/c1', null)).toBe('/sign-in?redirectTo=%2Fcourses%2Fc1');
  });

  it('drops a reason that is not on the list', () => {
    expect(withRedirectTo('/sign-in', '/courses/c1', 'free <b>text</b>' as never)).toBe(
      '/sign-in?redirectTo=%2Fcourses%2Fc1',
    );
  });

  it.each([
    ['enroll', 'enroll'],
    ['lesson', 'lesson'],
    ['ENROLL', null],
    ['', null],
    [null, null],
    [['enroll'], null],
  ])('reads %j as %j', (input, expected) => {
    expect(signInReason(input)).toBe(expected);
  });
});

describe('courseIdOf', () => {
  it.each([
    ['/courses/c1', 'c1'],
    ['/courses/c1?tab=outline', 'c1'],
    ['/courses/c1/lessons/l2', 'c1'],
    ['/courses/a%20b', 'a b'],
    ['/catalog', null],
    ['/courses/', null],
    ['//evil.test/courses/c1', null],
    ['/courses/%E0%A4%A', null],
  ])('finds the course of %s', (path, expected) => {
    expect(courseIdOf(path)).toBe(expected);
  });
});
