/** Up to two letters for an avatar without a picture: first and last word of the name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0]];
  return (
    letters
      .map((word) => (word ? (Array.from(word)[0] ?? '') : ''))
      .join('')
      .toUpperCase() || '?'
  );
}
