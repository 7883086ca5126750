/**
 * The queries a list's search box becomes, the same on both backends: one `Query.search`
 * per searchable word (shared/fields/search-words.ts), which the backends AND, so every
 * word must be the start of some word of the column. Appwrite's MariaDB would otherwise
 * OR the words of one query and prefix only the last (utopia-php/database
 * SQL::getFulltextValue); one word per query leaves it nothing to OR.
 * No searchable word (only short words or stopwords): no search filter at all.
 */
import { Query } from 'node-appwrite';
import { searchWords } from '../../shared/fields/search-words';

/** `column` must have a one-column fulltext index of its own in appwrite.json. */
export function searchQueries(column: string, text: string | undefined): string[] {
  return searchWords(text ?? '').map((word) => Query.search(column, word));
}

/** One word matched in any of `columns` (each with its own fulltext index), for every word. */
export function searchAnyColumnQueries(columns: readonly string[], text: string | undefined): string[] {
  return searchWords(text ?? '').map((word) =>
    columns.length === 1
      ? Query.search(columns[0] ?? '', word)
      : Query.or(columns.map((column) => Query.search(column, word))),
  );
}
