import { describe, expect, it } from 'vitest';
import { isBackendError } from '../errors';
import type { ColumnSpec } from '../schema';
import { isEmail, isWebUrl, normalizeDatetime } from './formats';
import { generateId, isValidId, resolveNewId } from './ids';
import { columnValueFromSql, columnValueToSql, defaultLiteral } from './values';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isBackendError(error, 'invalid')) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('datetimes', () => {
  it.each([
    ['2024-01-02', '2024-01-02T00:00:00.000Z'],
    ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05.000Z'],
    ['2024-01-02T03:04:05.123456+00:00', '2024-01-02T03:04:05.123Z'],
    ['2024-01-02 03:04', '2024-01-02T03:04:00.000Z'],
    ['2024-01-02T03:04:05+0200', '2024-01-02T01:04:05.000Z'],
  ])('normalizes %s', (input, expected) => {
    expect(normalizeDatetime(input)).toBe(expected);
  });

  it.each(['yesterday', '2024-13-01', '2024-02-30', '1 March 2024', '2024-01-02T25:00:00Z', ''])(
    'refuses %j',
    (input) => {
      expect(normalizeDatetime(input)).toBeNull();
    },
  );
});

describe('formats', () => {
  it('checks emails and web URLs', () => {
    expect(isEmail('a.b+c@example.co.uk')).toBe(true);
    expect(isEmail('no-at-sign')).toBe(false);
    expect(isEmail('a@b')).toBe(false);
    expect(isWebUrl('https://i.ytimg.com/vi/x/0.jpg')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('not a url')).toBe(false);
  });
});

describe('ids', () => {
  it('generates unique valid ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, generateId));
    expect(ids.size).toBe(1000);
    expect([...ids].every(isValidId)).toBe(true);
  });

  it("reads 'unique()' as a request for a fresh id", () => {
    expect(isValidId(resolveNewId('unique()', 'row'))).toBe(true);
    expect(resolveNewId('custom.id-1_x', 'row')).toBe('custom.id-1_x');
  });

  it.each(['', '-a', '.a', '_a', 'a b', 'a/b', 'é', 'x'.repeat(37)])('refuses %j', (id) => {
    expect(isValidId(id)).toBe(false);
  });
});

describe('column values', () => {
  const title: ColumnSpec = { key: 'title', type: 'string', required: true, array: false, size: 5 };
  const tags: ColumnSpec = { key: 'tags', type: 'string', required: false, array: true, size: 3 };
  const score: ColumnSpec = {
    key: 'score',
    type: 'integer',
    required: false,
    array: false,
    min: 0,
    max: 10,
    default: 1,
  };
  const flag: ColumnSpec = { key: 'flag', type: 'boolean', required: false, array: false, default: false };

  it('counts characters, not UTF-16 units', () => {
    expect(columnValueToSql(title, '😀😀😀😀😀', 't')).toBe('😀😀😀😀😀');
    expect(refusal(() => columnValueToSql(title, 'abcdef', 't'))).toMatch(/"title".*at most 5/);
  });

  it('names the column in every refusal', () => {
    expect(refusal(() => columnValueToSql(title, undefined, 'db.t'))).toBe(
      'Missing required column "title" in db.t',
    );
    expect(refusal(() => columnValueToSql(tags, ['ok', 'toolong'], 't'))).toMatch(/"tags".*element 1/);
    expect(refusal(() => columnValueToSql(score, 11, 't'))).toMatch(/"score".*at most 10/);
    expect(refusal(() => columnValueToSql(score, 2.5, 't'))).toMatch(/"score".*integer/);
    expect(refusal(() => columnValueToSql(flag, 0, 't'))).toMatch(/"flag".*true or false/);
    expect(refusal(() => columnValueToSql(tags, [['nested']], 't'))).toMatch(/"tags"/);
  });

  it('applies defaults and encodes for SQLite', () => {
    expect(columnValueToSql(score, undefined, 't')).toBe(1);
    expect(columnValueToSql(flag, true, 't')).toBe(1);
    expect(columnValueToSql(tags, ['a', 'b'], 't')).toBe('["a","b"]');
    expect(columnValueToSql(tags, null, 't')).toBeNull();
  });

  it('decodes what it stored', () => {
    expect(columnValueFromSql(flag, 1)).toBe(true);
    expect(columnValueFromSql(flag, null)).toBeNull();
    expect(columnValueFromSql(tags, '["a"]')).toEqual(['a']);
    expect(columnValueFromSql(tags, null)).toEqual([]);
    expect(columnValueFromSql(tags, 'garbage')).toEqual([]);
  });

  it('writes DEFAULT literals safely', () => {
    const quoted: ColumnSpec = { key: 'q', type: 'string', required: false, array: false, default: "it's" };
    expect(defaultLiteral(quoted)).toBe("'it''s'");
    expect(defaultLiteral(flag)).toBe('0');
    expect(defaultLiteral(tags)).toBeNull();
  });
});
