import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFtsMatch } from './fts';
import { COURSES, courseRow, openTempBackend, type TempBackend } from './test-support';

describe('toFtsMatch: what MariaDB boolean mode finds for the value Appwrite sends', () => {
  it('ORs the words and makes only the last one a prefix', () => {
    expect(toFtsMatch('intro java')).toBe('"intro" OR "java"*');
    expect(toFtsMatch('java')).toBe('"java"*');
  });

  it('ignores words under 3 characters and InnoDB stopwords', () => {
    expect(toFtsMatch('go to the java')).toBe('"java"*');
    expect(toFtsMatch('a of it')).toBeNull();
  });

  it('keeps FTS syntax out', () => {
    expect(toFtsMatch('title: "x" OR NEAR(ab cd) * ^c -d')).toBe('"title" OR "near"*');
    expect(toFtsMatch('" * : ( ) ^ -')).toBeNull();
    expect(toFtsMatch('')).toBeNull();
  });

  it('reads a value wrapped in double quotes as a phrase', () => {
    expect(toFtsMatch('"intro to java"')).toBe('"intro to java"');
  });

  it('keeps letters of any script', () => {
    expect(toFtsMatch('café 東京都')).toBe('"café" OR "東京都"*');
  });
});

describe('search on a one-column fulltext index', () => {
  let temp: TempBackend;

  async function search(text: string, column = 'searchText'): Promise<string[]> {
    const list = await temp.backend.tables.list({ ...COURSES, queries: [Query.search(column, text)] });
    return list.rows.map((row) => row.$id).sort();
  }

  beforeAll(async () => {
    temp = await openTempBackend();
    const rows: [string, string][] = [
      ['java', 'Introduction to Java\nObjects and classes'],
      ['javascript', 'JavaScript for the web\nIntroduction to the DOM'],
      ['cafe', 'Café culture\nRésumé writing for baristas'],
    ];
    for (const [rowId, searchText] of rows) {
      await temp.backend.tables.create({ ...COURSES, rowId, data: courseRow({ searchText }) });
    }
  });
  afterAll(() => temp.dispose());

  it('finds the last word as a prefix, the others whole, any of them', async () => {
    expect(await search('java')).toEqual(['java', 'javascript']);
    expect(await search('objects dom')).toEqual(['java', 'javascript']);
    expect(await search('intro')).toEqual(['java', 'javascript']);
    expect(await search('intro cafe')).toEqual(['cafe']);
  });

  it('ignores case and accents', async () => {
    expect(await search('CAFE')).toEqual(['cafe']);
    expect(await search('resume')).toEqual(['cafe']);
  });

  it('is harmless with FTS syntax and matches nothing without words', async () => {
    // "java" OR "cafe"*: only the last word is a prefix, so javascript is not found.
    expect(await search('java" OR "cafe')).toEqual(['cafe', 'java']);
    expect(await search('*')).toEqual([]);
    expect(await search('to')).toEqual([]);
  });

  it('refuses a column without a fulltext index of its own', async () => {
    await expect(search('java', 'title')).rejects.toThrow(/requires a fulltext index/);
  });

  it('follows updates and deletes', async () => {
    await temp.backend.tables.update({ ...COURSES, rowId: 'java', data: { searchText: 'Kotlin basics' } });
    expect(await search('java')).toEqual(['javascript']);
    expect(await search('kotlin')).toEqual(['java']);
    await temp.backend.tables.delete({ ...COURSES, rowId: 'javascript' });
    expect(await search('javascript')).toEqual([]);
  });
});
