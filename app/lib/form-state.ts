import type { SummaryItem } from '~/components/forms/ErrorSummary';

/** Field name → message, as actions return it. */
export type FieldMessages = Partial<Record<string, string>>;

/**
 * The error summary's items, in the order the fields appear on the page, then a problem
 * with the form as a whole (wrong password, too many attempts).
 */
export function summaryItems(
  fieldErrors: FieldMessages | undefined,
  fieldIds: Record<string, string>,
  formError?: string,
): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const [name, fieldId] of Object.entries(fieldIds)) {
    const message = fieldErrors?.[name];
    if (message) items.push({ message, fieldId });
  }
  if (formError) items.push({ message: formError });
  return items;
}

/** The first field with an error, in page order: it gets `autoFocus` when there is no JavaScript. */
export function firstInvalid(
  fieldErrors: FieldMessages | undefined,
  order: readonly string[],
): string | null {
  return order.find((name) => fieldErrors?.[name]) ?? null;
}
