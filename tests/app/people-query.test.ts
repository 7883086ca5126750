import { describe, expect, it } from 'vitest';
import { peopleHref, peopleQueryOf } from '../../app/routes/admin/query';

describe('the admin list URL', () => {
  it('reads search, role and cursor, ignoring what it does not know', () => {
    const url = new URL('http://aurora.test/admin?q=%20ada%20&role=instructor&cursor=abc');
    expect(peopleQueryOf(url)).toEqual({ q: 'ada', role: 'instructor', cursor: 'abc' });
    expect(peopleQueryOf(new URL('http://aurora.test/admin?role=wizard'))).toEqual({
      q: '',
      role: null,
      cursor: null,
    });
  });

  it('keeps the search and filter on every page link', () => {
    expect(peopleHref({ q: 'ada', role: 'regular', cursor: 'next-1' })).toBe(
      '/admin?q=ada&role=regular&cursor=next-1',
    );
    expect(peopleHref({ q: 'ada', role: 'regular', cursor: null })).toBe('/admin?q=ada&role=regular');
    expect(peopleHref({ q: '', role: null, cursor: null })).toBe('/admin');
  });
});
