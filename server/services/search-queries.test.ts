import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { SEARCH_MAX_WORDS } from '../../shared/fields/search-words';
import { catalogQueries } from './courses/catalog';
import { catalogQuerySchema } from './courses/schemas';
import { searchAnyColumnQueries, searchQueries } from './search-queries';

describe('searchQueries: one Query.search per searchable word', () => {
  it('sends each word on its own, lower-cased, once', () => {
    expect(searchQueries('searchText', 'Intro  JAVA intro')).toEqual([
      Query.search('searchText', 'intro'),
      Query.search('searchText', 'java'),
    ]);
  });

  it('drops words under 3 characters, stopwords and search syntax', () => {
    expect(searchQueries('searchText', 'Go to the "web" -dev*')).toEqual([
      Query.search('searchText', 'web'),
      Query.search('searchText', 'dev'),
    ]);
    expect(searchQueries('searchText', 'a of C#')).toEqual([]);
    expect(searchQueries('searchText', undefined)).toEqual([]);
  });

  it(`searches at most ${SEARCH_MAX_WORDS} words`, () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    expect(searchQueries('searchText', words)).toHaveLength(SEARCH_MAX_WORDS);
  });

  it('matches each word in any of several columns', () => {
    expect(searchAnyColumnQueries(['name', 'email'], 'ada lovelace')).toEqual([
      Query.or([Query.search('name', 'ada'), Query.search('email', 'ada')]),
      Query.or([Query.search('name', 'lovelace'), Query.search('email', 'lovelace')]),
    ]);
  });

  it('is what the catalog sends', () => {
    const queries = catalogQueries(catalogQuerySchema.parse({ search: 'intro java' }));
    expect(queries.filter((query) => query.includes('"search"'))).toEqual([
      Query.search('searchText', 'intro'),
      Query.search('searchText', 'java'),
    ]);
  });
});
