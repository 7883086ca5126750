import { describe, expect, it } from 'vitest';
import { safeRedirect, withRedirectTo } from '../../app/lib/safe-redirect';

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
