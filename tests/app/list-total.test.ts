/** How pages say a list's total: "5,000+" when Appwrite capped it, the exact number otherwise. */
import { describe, expect, it } from 'vitest';
import { countOf, totalText } from '../../app/lib/list-total';
import { LIST_TOTAL_CAP } from '../../server/backend/port';

describe('list totals on pages', () => {
  it('says "5,000+" for a total Appwrite stopped counting', () => {
    expect(totalText({ total: LIST_TOTAL_CAP, totalCapped: true })).toBe('5,000+');
    expect(countOf({ total: LIST_TOTAL_CAP, totalCapped: true }, 'person', 'people')).toBe('5,000+ people');
    expect(countOf({ total: LIST_TOTAL_CAP, totalCapped: true }, 'message', 'messages')).toBe(
      '5,000+ messages',
    );
  });

  it('says an exact total as it is, with the right word', () => {
    expect(totalText({ total: 42, totalCapped: false })).toBe('42');
    expect(countOf({ total: 1, totalCapped: false }, 'course', 'courses')).toBe('1 course');
    expect(countOf({ total: 0, totalCapped: false }, 'course', 'courses')).toBe('0 courses');
    expect(countOf({ total: LIST_TOTAL_CAP, totalCapped: false }, 'event', 'events')).toBe('5,000 events');
  });
});
