/**
 * Turns a user's search text into an FTS5 MATCH expression. Only letter/number runs
 * survive, each wrapped in double quotes, so no FTS syntax (`OR`, `NEAR`, `col:`,
 * `"`, `*`, `^`) can be injected; the expression is still bound as a parameter.
 */

const TERM = /[\p{L}\p{N}\p{M}]+/gu;
const MAX_TERMS = 16;

/** Every term must match, each as a prefix ("intro jav" finds "Introduction to Java"). Null: no terms. */
export function toFtsMatch(search: string): string | null {
  const terms = search.normalize('NFKC').match(TERM) ?? [];
  if (terms.length === 0) return null;
  return terms
    .slice(0, MAX_TERMS)
    .map((term) => `"${term}"*`)
    .join(' AND ');
}

/** FTS5 tokenizer: case- and accent-insensitive, like a person expects of a search box. */
export const FTS_TOKENIZER = 'unicode61 remove_diacritics 2';
