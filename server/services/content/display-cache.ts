/**
 * Stored lesson content is cleaned again each time it is shown (sanitize.ts says why),
 * and a lesson is shown far more often than it is saved: cleaning 100 KB of notes costs
 * milliseconds, a lookup microseconds. So the shown copy is remembered per stored text,
 * least recently used first out, within a budget of characters. The rules are code, so
 * a release with tighter rules starts with an empty memory.
 */
export interface CleanedCopies {
  cleaned(raw: string): string;
}

export function rememberCleanedCopies(clean: (raw: string) => string, budgetChars: number): CleanedCopies {
  // A Map iterates in insertion order: re-inserting on a hit keeps the oldest first.
  const copies = new Map<string, string>();
  let heldChars = 0;
  return {
    cleaned(raw) {
      const known = copies.get(raw);
      if (known !== undefined) {
        copies.delete(raw);
        copies.set(raw, known);
        return known;
      }
      const result = clean(raw);
      const size = raw.length + result.length;
      // One text larger than a quarter of the budget would push out everything else.
      if (size > budgetChars / 4) return result;
      copies.set(raw, result);
      heldChars += size;
      for (const [oldest, copy] of copies) {
        if (heldChars <= budgetChars) break;
        copies.delete(oldest);
        heldChars -= oldest.length + copy.length;
      }
      return result;
    },
  };
}
