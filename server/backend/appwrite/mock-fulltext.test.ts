import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { fulltextMatches, refusedSearch } from './mock-fulltext';
import { answerList } from './mock-rows';

const COURSES = { databaseId: 'aurora_main', tableId: 'courses' };

describe('the fakes answer Query.search as MariaDB boolean mode does', () => {
  it('ORs the words and makes only the last a prefix', () => {
    expect(fulltextMatches('Introduction to Java', 'java')).toBe(true);
    expect(fulltextMatches('JavaScript for the web', 'java')).toBe(true);
    expect(fulltextMatches('JavaScript for the web', 'java web')).toBe(true);
    expect(fulltextMatches('JavaScript for the web', 'java cobol')).toBe(false);
    expect(fulltextMatches('Café culture', 'CAFE')).toBe(true);
  });

  it('ignores words under 3 characters and stopwords, on both sides', () => {
    expect(fulltextMatches('Go in practice', 'go')).toBe(false);
    expect(fulltextMatches('The web', 'the')).toBe(false);
    expect(fulltextMatches('Go in practice', 'go pract')).toBe(true);
  });

  it('reads a value in double quotes as a phrase', () => {
    expect(fulltextMatches('Objects and classes in Java', '"classes java"')).toBe(false);
    expect(fulltextMatches('Objects and classes in Java', '"objects and classes"')).toBe(true);
  });

  it("refuses a column without its own fulltext index with Appwrite's error", () => {
    expect(refusedSearch(COURSES, 'searchText')).toBeNull();
    const answer = answerList([], [Query.search('title', 'java')], {
      key: 'rows',
      total: true,
      table: COURSES,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      type: 'general_query_invalid',
      message: expect.stringContaining('Searching by attribute "title" requires a fulltext index.'),
    });
  });
});
