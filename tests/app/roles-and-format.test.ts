import { describe, expect, it } from 'vitest';
import { formatDate, isoDate } from '../../app/lib/format';
import { initialsOf } from '../../app/lib/initials';
import { roleWithArticle } from '../../app/lib/roles';

describe('words and dates on the identity pages', () => {
  it('puts the right article before a role', () => {
    expect(roleWithArticle('instructor')).toBe('an instructor');
    expect(roleWithArticle('admin')).toBe('an administrator');
    expect(roleWithArticle('regular')).toBe('a learner');
  });

  it('formats dates the same wherever they render (UTC, fixed locale)', () => {
    expect(formatDate('2025-03-12T23:30:00.000Z')).toBe('12 Mar 2025');
    expect(formatDate(new Date(Date.UTC(2024, 0, 1)))).toBe('1 Jan 2024');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date', 'Never')).toBe('Never');
    expect(isoDate('2025-03-12T23:30:00.000Z')).toBe('2025-03-12T23:30:00.000Z');
  });

  it('makes initials from the first and last names', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('  grace  brewster hopper ')).toBe('GH');
    expect(initialsOf('Plato')).toBe('P');
    expect(initialsOf('   ')).toBe('?');
  });
});
