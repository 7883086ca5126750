import { describe, expect, it } from 'vitest';
import { eventMatches, fileEventName, rowEventName, userEventName } from '../backend/events';
import { assertEventPatterns, eventPatternProblem, InvalidJobError } from './event-patterns';

describe('event patterns Appwrite accepts', () => {
  it.each([
    'databases.aurora_main',
    'databases.*',
    'databases.aurora_main.tables.enrollments',
    'databases.aurora_main.tables.*',
    'databases.aurora_main.tables.enrollments.rows.*',
    'databases.aurora_main.tables.enrollments.rows.r1',
    'databases.aurora_main.tables.enrollments.rows.*.create',
    'databases.*.tables.*.rows.*.update',
    'databases.aurora_analytics.tables.security_logs.rows.*.delete',
    'users.*',
    'users.*.create',
    'users.u1.delete',
    'buckets.thumbnails',
    'buckets.*.files.*',
    'buckets.course-materials.files.*.create',
  ])('accepts %s', (pattern) => {
    expect(eventPatternProblem(pattern)).toBeNull();
  });

  it.each([
    ['databases', /at least two segments/],
    ['*', /at least two segments/],
    ['', /at least two segments/],
    ['databases.aurora_main.tables', /cannot end with "tables"/],
    ['databases.aurora_main.tables.courses.rows', /cannot end with "rows"/],
    ['databases.aurora_main.collections.courses', /must be "tables"/],
    ['tablesdb.aurora_main.tables.courses.rows.*.create', /unknown resource "tablesdb"/],
    ['databases.aurora_main.tables.courses.rows.*.*', /action must be create, update or delete/],
    ['databases.aurora_main.tables.courses.rows.*.upsert', /action must be/],
    ['databases.aurora_main.tables.courses.rows.*.create.extra', /too many segments/],
    ['databases..tables.courses', /segment 2 \(""\) must be an id or \*/],
    ['databases.aurora*.tables.courses', /must be an id or \*/],
    ['users.*.sessions', /action must be/],
    ['buckets.*.files.*.read', /action must be/],
    ['functions.*', /unknown resource "functions"/],
  ])('refuses %s', (pattern, problem) => {
    expect(eventPatternProblem(pattern)).toMatch(problem);
  });

  it('accepts only patterns that match the events the embedded backend emits', () => {
    // Every shape above that is accepted matches a real event name, so it can fire locally.
    const events = [
      rowEventName('aurora_main', 'enrollments', 'r1', 'create'),
      userEventName('u1', 'create'),
      fileEventName('thumbnails', 'f1', 'delete'),
    ];
    for (const pattern of ['databases.*', 'users.*.create', 'buckets.*.files.*.delete']) {
      expect(events.some((event) => eventMatches(pattern, event))).toBe(true);
    }
  });

  it('names the job and every refused pattern', () => {
    expect(() => assertEventPatterns('welcome', ['users.*.create', 'users', 'databases.x.tables'])).toThrow(
      new InvalidJobError(
        'job welcome: "users": a pattern needs at least two segments (Appwrite refuses shorter ones); "databases.x.tables": a pattern cannot end with "tables"',
      ),
    );
    expect(() => assertEventPatterns('none', [])).toThrow('job none: an event job needs at least one event');
  });
});
