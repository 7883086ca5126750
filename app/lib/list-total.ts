/**
 * A list's total as a page says it. On Appwrite a total stops at 5,000 (`totalCapped`,
 * server/backend/port.ts), so a capped total reads "5,000+" rather than a number that
 * looks exact; otherwise the number itself. The locale is fixed so server and browser
 * render the same text.
 */
export interface ListTotal {
  total: number;
  totalCapped: boolean;
}

const NUMBER = new Intl.NumberFormat('en-US');

/** "5,000+" for a capped total, "42" or "1,200" otherwise. */
export function totalText({ total, totalCapped }: ListTotal): string {
  return totalCapped ? `${NUMBER.format(total)}+` : NUMBER.format(total);
}

/** "1 person", "42 people", "5,000+ people". */
export function countOf(list: ListTotal, singular: string, plural: string): string {
  const word = list.total === 1 && !list.totalCapped ? singular : plural;
  return `${totalText(list)} ${word}`;
}
