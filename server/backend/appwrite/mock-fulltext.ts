/**
 * Test support (imported by mock-rows.ts only): `Query.search` as Appwrite 1.9 answers it,
 * so the intercepted-HTTP fakes find what the real server finds.
 *
 * - The search needs a fulltext index on exactly that one column, else 400
 *   `general_query_invalid` "Searching by attribute … requires a fulltext index."
 *   (utopia-php/database src/Database/Validator/IndexedQueries.php; Appwrite maps the
 *   QueryException in Modules/Databases/Http/Databases/Collections/Documents/XList.php).
 * - The value is rewritten by SQL::getFulltextValue (utopia-php/database
 *   src/Database/Adapter/SQL.php): `@+-*()<>~"` become spaces and `*` is appended, unless
 *   the value is wrapped in double quotes (a phrase); MariaDB.php then runs
 *   MATCH(col) AGAINST (value IN BOOLEAN MODE).
 * - MariaDB boolean mode, InnoDB defaults (Appwrite's mariadb:10.11 image sets no ft_*
 *   option): words without an operator are OR'ed, the trailing `*` makes the last word a
 *   prefix, and words under innodb_ft_min_token_size (3) or on the default stopword list are
 *   neither indexed nor searched. Case and accents do not matter (a *_ci collation).
 */
import { findTable, projectSchemaSpec } from '../schema';
import { isSearchableWord, wordsOf } from '../../../shared/fields/search-words';
import { appwriteError } from './fixtures';

export interface SearchTable {
  databaseId: string;
  tableId: string;
}

/** Lower case without Latin accents, as utf8mb4_unicode_ci compares. */
function fold(word: string): string {
  return word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/** Appwrite's refusal when `column` has no fulltext index of its own; null when it has one. */
export function refusedSearch(table: SearchTable | undefined, column: string) {
  const spec = table && findTable(projectSchemaSpec(), table.databaseId, table.tableId);
  const served = (spec?.indexes ?? []).some(
    (index) => index.type === 'fulltext' && index.columns.length === 1 && index.columns[0] === column,
  );
  if (served) return null;
  return {
    status: 400,
    body: appwriteError(
      400,
      `Invalid query: Searching by attribute "${column}" requires a fulltext index.`,
      'general_query_invalid',
    ),
  };
}

/** The words a fulltext index holds for `text`. */
function indexedWords(text: string): string[] {
  return wordsOf(text).filter(isSearchableWord).map(fold);
}

/** True when MariaDB's MATCH … AGAINST (… IN BOOLEAN MODE) finds `stored` for `value`. */
export function fulltextMatches(stored: unknown, value: string): boolean {
  if (typeof stored !== 'string') return false;
  const exact = value.length > 1 && value.startsWith('"') && value.endsWith('"');
  if (exact) {
    // A phrase: its words, in order, next to each other (stopwords keep their place).
    const all = wordsOf(stored).map(fold);
    const phrase = wordsOf(value).map(fold);
    if (phrase.length === 0) return false;
    return all.some((_, start) => phrase.every((word, offset) => all[start + offset] === word));
  }
  const held = indexedWords(stored);
  const terms = indexedWords(value);
  return terms.some((term, index) =>
    index === terms.length - 1 ? held.some((word) => word.startsWith(term)) : held.includes(term),
  );
}
