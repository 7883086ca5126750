/**
 * Turns a `Query.search` value into an FTS5 MATCH expression that finds what Appwrite's
 * MariaDB finds for the same value (utopia-php/database SQL::getFulltextValue, then
 * MATCH … AGAINST (… IN BOOLEAN MODE)): the words are OR'ed, only the last one is a
 * prefix, and words a MariaDB fulltext index never holds (under 3 characters, InnoDB
 * stopwords) are ignored. A value wrapped in double quotes is a phrase. Services search
 * one word per query (server/services/search-queries.ts), so each word is a prefix and
 * all must match, on both backends.
 *
 * Only letter/number runs survive, each wrapped in double quotes, so no FTS syntax
 * (`OR`, `NEAR`, `col:`, `"`, `*`, `^`) can be injected; the expression is still bound
 * as a parameter.
 */
import { isSearchableWord, wordsOf } from '../../../shared/fields/search-words';

const MAX_TERMS = 16;

/** Null: nothing to search for (Appwrite then matches no row). */
export function toFtsMatch(search: string): string | null {
  const exact = search.length > 1 && search.startsWith('"') && search.endsWith('"');
  const words = wordsOf(search);
  if (exact) return words.length > 0 ? `"${words.slice(0, MAX_TERMS).join(' ')}"` : null;
  const terms = words.filter(isSearchableWord).slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return terms.map((term, index) => (index === terms.length - 1 ? `"${term}"*` : `"${term}"`)).join(' OR ');
}

/** FTS5 tokenizer: case- and accent-insensitive, like a person expects of a search box. */
export const FTS_TOKENIZER = 'unicode61 remove_diacritics 2';
