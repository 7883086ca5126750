/**
 * Parses Appwrite query strings (the JSON node-appwrite's `Query` helpers produce:
 * `{"method":"equal","attribute":"title","values":["x"]}`) into a small syntax tree.
 * Column names and value types are checked later, against the table (query-compile.ts).
 */
import { z } from 'zod';
import { invalid } from './sql-errors';

export type Scalar = string | number | boolean;

export type ComparisonMethod = 'lessThan' | 'lessThanEqual' | 'greaterThan' | 'greaterThanEqual';
export type TextMethod = 'startsWith' | 'endsWith' | 'search';

export type FilterNode =
  | { method: 'equal' | 'notEqual'; column: string; values: Scalar[] }
  | { method: 'contains'; column: string; values: Scalar[] }
  | { method: ComparisonMethod; column: string; value: Scalar }
  | { method: TextMethod; column: string; value: string }
  | { method: 'between'; column: string; from: Scalar; to: Scalar }
  | { method: 'isNull' | 'isNotNull'; column: string }
  | { method: 'and' | 'or'; children: FilterNode[] };

export interface OrderNode {
  column: string;
  direction: 'ASC' | 'DESC';
}

export interface ParsedQueries {
  filters: FilterNode[];
  orders: OrderNode[];
  limit?: number;
  offset?: number;
  cursor?: { direction: 'after' | 'before'; rowId: string };
  select?: string[];
}

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 5000;
const MAX_QUERIES = 100;
const MAX_DEPTH = 5;

const rawQuerySchema = z.object({
  method: z.string(),
  attribute: z.string().optional(),
  values: z.array(z.unknown()).optional(),
});
type RawQuery = z.infer<typeof rawQuerySchema>;

const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);
const nonEmptyScalars = z.array(scalarSchema).min(1);
const oneScalar = z.tuple([scalarSchema]);
const twoScalars = z.tuple([scalarSchema, scalarSchema]);
const oneString = z.tuple([z.string()]);
const oneCount = z.tuple([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);
const columnList = z.array(z.string()).min(1);

function describeRaw(raw: RawQuery): string {
  return raw.attribute ? `${raw.method}("${raw.attribute}")` : raw.method;
}

function valuesOf<T>(raw: RawQuery, schema: z.ZodType<T>, expected: string): T {
  const parsed = schema.safeParse(raw.values);
  if (!parsed.success) throw invalid(`Invalid query ${describeRaw(raw)}: expected ${expected}`);
  return parsed.data;
}

function columnOf(raw: RawQuery): string {
  if (!raw.attribute) throw invalid(`Invalid query ${raw.method}: it needs a column`);
  return raw.attribute;
}

function parseFilter(raw: RawQuery, depth: number): FilterNode | null {
  switch (raw.method) {
    case 'equal':
    case 'notEqual':
    case 'contains':
      if (raw.values?.some((value) => value === null)) {
        throw invalid(`Invalid query ${describeRaw(raw)}: use isNull/isNotNull to match null`);
      }
      return { method: raw.method, column: columnOf(raw), values: valuesOf(raw, nonEmptyScalars, 'values') };
    case 'lessThan':
    case 'lessThanEqual':
    case 'greaterThan':
    case 'greaterThanEqual':
      return { method: raw.method, column: columnOf(raw), value: valuesOf(raw, oneScalar, 'one value')[0] };
    case 'startsWith':
    case 'endsWith':
    case 'search':
      return { method: raw.method, column: columnOf(raw), value: valuesOf(raw, oneString, 'one string')[0] };
    case 'between': {
      const [from, to] = valuesOf(raw, twoScalars, 'two values');
      return { method: 'between', column: columnOf(raw), from, to };
    }
    case 'isNull':
    case 'isNotNull':
      return { method: raw.method, column: columnOf(raw) };
    case 'and':
    case 'or': {
      if (depth >= MAX_DEPTH) throw invalid(`Queries may nest at most ${MAX_DEPTH} levels deep`);
      const nested = valuesOf(raw, z.array(z.unknown()).min(1), 'a list of queries');
      const children = nested.map((child) => {
        const node = parseFilter(parseRawQuery(child), depth + 1);
        if (!node) throw invalid(`Invalid query ${raw.method}: it may only combine filters`);
        return node;
      });
      return { method: raw.method, children };
    }
    default:
      return null;
  }
}

function parseRawQuery(input: unknown): RawQuery {
  const parsed = rawQuerySchema.safeParse(input);
  if (!parsed.success) throw invalid('Malformed query: expected {"method", "attribute", "values"}');
  return parsed.data;
}

function parseJson(query: string): unknown {
  try {
    return JSON.parse(query);
  } catch {
    throw invalid(`Malformed query: ${query.slice(0, 80)}`);
  }
}

/** Parses a list of query strings; throws `invalid` on anything it does not understand. */
export function parseQueries(queries: readonly string[] = []): ParsedQueries {
  if (!Array.isArray(queries)) throw invalid('Queries must be a list of query strings');
  if (queries.length > MAX_QUERIES) throw invalid(`At most ${MAX_QUERIES} queries are allowed`);
  const parsed: ParsedQueries = { filters: [], orders: [] };
  for (const query of queries) {
    if (typeof query !== 'string') throw invalid('Each query must be a string');
    const raw = parseRawQuery(parseJson(query));
    const filter = parseFilter(raw, 0);
    if (filter) {
      parsed.filters.push(filter);
      continue;
    }
    switch (raw.method) {
      case 'orderAsc':
      case 'orderDesc':
        parsed.orders.push({ column: columnOf(raw), direction: raw.method === 'orderAsc' ? 'ASC' : 'DESC' });
        break;
      case 'limit': {
        const [limit] = valuesOf(raw, oneCount, 'a whole number');
        if (limit > MAX_LIMIT) throw invalid(`Invalid query limit: at most ${MAX_LIMIT}`);
        parsed.limit = limit;
        break;
      }
      case 'offset':
        parsed.offset = valuesOf(raw, oneCount, 'a whole number')[0];
        break;
      case 'cursorAfter':
      case 'cursorBefore':
        parsed.cursor = {
          direction: raw.method === 'cursorAfter' ? 'after' : 'before',
          rowId: valuesOf(raw, oneString, 'a row id')[0],
        };
        break;
      case 'select':
        parsed.select = valuesOf(raw, columnList, 'a list of columns');
        break;
      default:
        throw invalid(`Unsupported query method "${raw.method}"`);
    }
  }
  return parsed;
}

/** For updateIf's `where`: filters only. */
export function parseFilterQueries(queries: readonly string[]): FilterNode[] {
  const parsed = parseQueries(queries);
  const extras =
    parsed.orders.length > 0 ||
    parsed.limit !== undefined ||
    parsed.offset !== undefined ||
    parsed.cursor !== undefined ||
    parsed.select !== undefined;
  if (extras)
    throw invalid('Only filter queries are allowed here (no order, limit, offset, cursor or select)');
  return parsed.filters;
}
