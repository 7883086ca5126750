/**
 * Test support (imported by mock-rows.ts only): the limits Appwrite 1.9 puts on a list's
 * queries, refused with the answers Appwrite gives, so an adapter or service that sends
 * too many ids fails in tests as it would in production.
 *
 * - The `queries` parameter is an `ArrayList(Text(APP_LIMIT_ARRAY_ELEMENT_SIZE),
 *   APP_LIMIT_ARRAY_PARAMS_SIZE)` (Documents/XList.php, Users/XList.php,
 *   Buckets/Files/XList.php): more than 100 queries, or one longer than 4,096 characters,
 *   fails parameter validation, which app/controllers/general.php answers with 400
 *   `general_argument_invalid`.
 * - A filter with more than APP_DATABASE_QUERY_MAX_VALUES (500) values fails
 *   utopia-php/database's Documents validator (Validator/Query/Filter.php) inside find(),
 *   which Documents/XList.php answers with 400 `general_query_invalid`.
 */
import { z } from 'zod';
import { LIST_LIMITS } from '../port';
import { appwriteError } from './fixtures';
// Query methods that are not filters: their values are not counted against the 500.
import { NOT_FILTERS } from './cursor-check';

export interface RefusedList {
  status: 400;
  body: unknown;
}

const filterShape = z.object({
  method: z.string(),
  attribute: z.string().optional(),
  values: z.array(z.unknown()).optional(),
});

function argumentInvalid(): RefusedList {
  return {
    status: 400,
    body: appwriteError(
      400,
      `Invalid \`queries\` param: Value must a valid array no longer than ${LIST_LIMITS.queries} items and Value must be a valid string and at most ${LIST_LIMITS.queryChars} chars`,
      'general_argument_invalid',
    ),
  };
}

function parsedOrUndefined(query: string): z.infer<typeof filterShape> | undefined {
  try {
    const parsed = filterShape.safeParse(JSON.parse(query));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Appwrite's refusal of these list queries, or undefined when they are within its limits. */
export function refusedForLimits(queries: readonly string[]): RefusedList | undefined {
  if (queries.length > LIST_LIMITS.queries) return argumentInvalid();
  // utopia's Text validator counts characters (mb_strlen), not bytes.
  if (queries.some((query) => [...query].length > LIST_LIMITS.queryChars)) return argumentInvalid();
  for (const query of queries) {
    const parsed = parsedOrUndefined(query);
    if (!parsed || NOT_FILTERS.has(parsed.method)) continue;
    if ((parsed.values ?? []).length > LIST_LIMITS.equalValues) {
      return {
        status: 400,
        body: appwriteError(
          400,
          `Invalid query: Query on attribute has greater than ${LIST_LIMITS.equalValues} values: ${parsed.attribute ?? ''}`,
          'general_query_invalid',
        ),
      };
    }
  }
  return undefined;
}
