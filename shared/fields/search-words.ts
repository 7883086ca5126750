/**
 * The words a search box's text searches for, the same on both backends (docs/decisions,
 * "one search"). Appwrite searches with MariaDB InnoDB boolean-mode fulltext, which never
 * indexes words under 3 characters (innodb_ft_min_token_size) or its stopwords, so such
 * words cannot be found there; the embedded backend ignores them too, and the page says so.
 * Every other word must match the start of some word of the text (AND of prefixes).
 */

/** innodb_ft_min_token_size's default (MariaDB 10.11, Appwrite's image). */
export const SEARCH_MIN_WORD_LENGTH = 3;

/** At most this many words are searched (one query each; Appwrite allows 100 per request). */
export const SEARCH_MAX_WORDS = 10;

/** InnoDB's default fulltext stopwords (INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD). */
export const FULLTEXT_STOPWORDS: ReadonlySet<string> = new Set([
  'a',
  'about',
  'an',
  'are',
  'as',
  'at',
  'be',
  'by',
  'com',
  'de',
  'en',
  'for',
  'from',
  'how',
  'i',
  'in',
  'is',
  'it',
  'la',
  'of',
  'on',
  'or',
  'that',
  'the',
  'this',
  'to',
  'was',
  'what',
  'when',
  'where',
  'who',
  'will',
  'with',
  'und',
  'www',
]);

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * The letter/number runs of `text`, lower-cased, in order (InnoDB splits words at anything
 * else). Accents are left to each backend's index (FTS5 remove_diacritics, MariaDB's
 * accent-insensitive collation).
 */
export function wordsOf(text: string): string[] {
  return (text.normalize('NFKC').match(WORD) ?? []).map((word) => word.toLowerCase());
}

/** A word a fulltext index holds: long enough and not a stopword. */
export function isSearchableWord(word: string): boolean {
  return [...word].length >= SEARCH_MIN_WORD_LENGTH && !FULLTEXT_STOPWORDS.has(word);
}

/** The words a search looks for: searchable, each once, at most SEARCH_MAX_WORDS. */
export function searchWords(text: string): string[] {
  return [...new Set(wordsOf(text).filter(isSearchableWord))].slice(0, SEARCH_MAX_WORDS);
}

/** True when the text had words the search ignores (for the page's hint). */
export function hasIgnoredWords(text: string): boolean {
  return wordsOf(text).some((word) => !isSearchableWord(word));
}
