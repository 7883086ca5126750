import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFtsMatch } from './fts';
import { COURSES, courseRow, openTempBackend, type TempBackend } from './test-support';

describe('toFtsMatch', () => {
  it('makes every term a required prefix', () => {
    expect(toFtsMatch('intro java')).toBe('"intro"* AND "java"*');
  });

  it('keeps FTS syntax out', () => {
    expect(toFtsMatch('title: "x" OR NEAR(a b) * ^c -d')).toBe(
      '"title"* AND "x"* AND "OR"* AND "NEAR"* AND "a"* AND "b"* AND "c"* AND "d"*',
    );
    expect(toFtsMatch('" * : ( ) ^ -')).toBeNull();
    expect(toFtsMatch('')).toBeNull();
  });

  it('keeps letters of any script', () => {
    expect(toFtsMatch('café 東京')).toBe('"café"* AND "東京"*');
  });
});

describe('search on a fulltext index', () => {
  let temp: TempBackend;

  async function search(column: string, text: string): Promise<string[]> {
    const list = await temp.backend.tables.list({ ...COURSES, queries: [Query.search(column, text)] });
    return list.rows.map((row) => row.$id).sort();
  }

  beforeAll(async () => {
    temp = await openTempBackend();
    const rows: [string, string, string][] = [
      ['java', 'Introduction to Java', 'Objects and classes'],
      ['javascript', 'JavaScript for the web', 'Introduction to the DOM'],
      ['cafe', 'Café culture', 'Résumé writing for baristas'],
    ];
    for (const [rowId, title, description] of rows) {
      await temp.backend.tables.create({ ...COURSES, rowId, data: courseRow({ title, description }) });
    }
  });
  afterAll(() => temp.dispose());

  it('matches prefixes of every term, in the searched column only', async () => {
    expect(await search('title', 'java')).toEqual(['java', 'javascript']);
    expect(await search('title', 'intro java')).toEqual(['java']);
    expect(await search('description', 'intro')).toEqual(['javascript']);
  });

  it('ignores case and accents', async () => {
    expect(await search('title', 'CAFE')).toEqual(['cafe']);
    expect(await search('description', 'resume')).toEqual(['cafe']);
  });

  it('is harmless with FTS syntax and matches nothing without terms', async () => {
    expect(await search('title', 'java" OR "cafe')).toEqual([]);
    expect(await search('title', '*')).toEqual([]);
    expect(await search('title', 'NEAR(java web)')).toEqual([]);
  });

  it('follows updates and deletes', async () => {
    await temp.backend.tables.update({ ...COURSES, rowId: 'java', data: { title: 'Kotlin basics' } });
    expect(await search('title', 'java')).toEqual(['javascript']);
    expect(await search('title', 'kotlin')).toEqual(['java']);
    await temp.backend.tables.delete({ ...COURSES, rowId: 'javascript' });
    expect(await search('title', 'javascript')).toEqual([]);
  });
});
