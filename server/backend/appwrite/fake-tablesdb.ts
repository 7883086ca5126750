/**
 * Test support (imported by *.test.ts only): a stateful fake of Appwrite's TablesDB at the
 * HTTP level, for a test that runs a whole job through node-appwrite and must not script
 * dozens of replies by hand. Like mock-appwrite.ts it installs an undici MockAgent as the
 * global dispatcher (a Function bundle's own copy of undici reads the same global) and
 * records every request; unlike it, it keeps rows and answers as Appwrite 1.9 would:
 *
 * - rows carry `$id`, `$sequence`, `$createdAt`, `$updatedAt`, `$permissions`,
 *   `$databaseId`, `$tableId`, and every column of appwrite.json (its default, else null,
 *   when a create leaves it out); a missing row is 404 `row_not_found`;
 * - a create whose id exists, or that repeats a unique index of appwrite.json (NULLs
 *   never collide, as in MariaDB), is 409 `row_already_exists` and writes nothing;
 * - lists answer `{ total, rows }` through mock-rows.ts (its filters, order, select);
 * - increments and decrements check only the bound sent with them (400
 *   `column_limit_exceeded` past it), stamp the stored `$updatedAt`, and answer with the
 *   row as read before the write: old `$updatedAt`, the column as `old + value` — for a
 *   NULL column that is `value`, while the stored column stays NULL (SQL `NULL + x`);
 * - an update with `X-Appwrite-Timestamp` is refused with 409 `row_update_conflict`,
 *   writing nothing, when the stored `$updatedAt` is later than the header; the check and
 *   the write are one step (Appwrite holds the row lock); an update may set `$updatedAt`
 *   itself (the API key is privileged); times are kept to the millisecond;
 * - a transaction stages row updates and applies them on commit, drops them on rollback;
 *   a commit fails with 409 `transaction_conflict` when a row was written after its
 *   operation was staged (compared to the millisecond, so commits staged in the same
 *   millisecond can both win, as on Appwrite).
 *
 * Only what Aurora's adapter sends is implemented; anything else is a 501 that fails the
 * calling code loudly.
 */
import { MockAgent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { z } from 'zod';
import { findTable, projectSchemaSpec } from '../schema';
import type { TableRef } from '../port';
import { CONFIG, type SeenRequest } from './mock-appwrite';
import { appwriteError } from './fixtures';
import { answerList, type MockRow } from './mock-rows';

const ORIGIN = new URL(CONFIG.endpoint).origin;
const JSON_HEADERS = { 'content-type': 'application/json' };

/** A write the fake applied (not a read), in the order it happened. */
export interface AppliedWrite {
  kind: 'create' | 'update' | 'increment' | 'decrement' | 'delete';
  databaseId: string;
  tableId: string;
  rowId: string;
  /** The body's `data` for create/update; `{ [column]: value }` for increments. */
  data: Record<string, unknown>;
}

export interface FakeTablesDb {
  readonly requests: SeenRequest[];
  readonly writes: AppliedWrite[];
  /** Puts a row in place without a request (the data a test starts from). */
  seed(table: TableRef, row: Record<string, unknown> & { $id: string }): void;
  /** The rows of a table as Appwrite holds them, in creation order. */
  rows(table: TableRef): MockRow[];
  /** Restores the previous dispatcher; fails on a request the fake could not answer. */
  close(): Promise<void>;
}

interface Answer {
  statusCode: number;
  data: string;
  responseOptions: { headers: Record<string, string> };
}

const json = (statusCode: number, body: unknown): Answer => ({
  statusCode,
  data: JSON.stringify(body),
  responseOptions: { headers: JSON_HEADERS },
});
const empty = (): Answer => ({ statusCode: 204, data: '', responseOptions: { headers: {} } });

const bodySchema = z
  .object({
    rowId: z.string().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    transactionId: z.string().optional(),
    value: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    ttl: z.number().optional(),
    commit: z.boolean().optional(),
    rollback: z.boolean().optional(),
  })
  .loose();
type Body = z.infer<typeof bodySchema>;

/** Appwrite writes times as `2025-01-02T03:04:05.000+00:00`. */
const appwriteTime = (date: Date) => date.toISOString().replace('Z', '+00:00');

const notFound = () =>
  json(404, appwriteError(404, 'Row with the requested ID could not be found.', 'row_not_found'));
const exists = () =>
  json(
    409,
    appwriteError(
      409,
      'Row with the requested ID already exists. Try again with a different ID or use ID.unique() to generate a unique ID.',
      'row_already_exists',
    ),
  );

function headersOf(raw: unknown): Record<string, string> {
  const pairs: [string, unknown][] = [];
  if (Array.isArray(raw)) {
    for (let index = 0; index + 1 < raw.length; index += 2) pairs.push([String(raw[index]), raw[index + 1]]);
  } else if (raw instanceof Headers) {
    pairs.push(...raw);
  } else if (typeof raw === 'object' && raw !== null) {
    pairs.push(...Object.entries(raw));
  }
  return Object.fromEntries(pairs.map(([name, value]) => [name.toLowerCase(), String(value)]));
}

function bodyText(raw: unknown): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') return raw;
  if (raw instanceof Uint8Array) return Buffer.from(raw).toString('utf8');
  // undici's fetch hands a MockAgent the body's source (a string for JSON): anything
  // else is a body this fake does not read.
  throw new Error('fake-tablesdb cannot read this request body');
}

export function fakeTablesDb(): FakeTablesDb {
  const previous = getGlobalDispatcher();
  const agent = new MockAgent();
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
  const requests: SeenRequest[] = [];
  const writes: AppliedWrite[] = [];
  const problems: string[] = [];
  const tables = new Map<string, MockRow[]>();
  const transactions = new Map<
    string,
    { updates: { table: string; rowId: string; data: Record<string, unknown>; stagedAt: number }[] }
  >();
  let sequence = 0;

  const keyOf = (databaseId: string, tableId: string) => `${databaseId}/${tableId}`;
  const rowsOf = (key: string): MockRow[] => {
    let rows = tables.get(key);
    if (!rows) {
      rows = [];
      tables.set(key, rows);
    }
    return rows;
  };

  /** True when `candidate` repeats another row's values of a unique index. */
  const breaksUniqueIndex = (databaseId: string, tableId: string, candidate: MockRow): boolean => {
    const spec = findTable(projectSchemaSpec(), databaseId, tableId);
    const rows = rowsOf(keyOf(databaseId, tableId)).filter((row) => row.$id !== candidate.$id);
    return (spec?.indexes ?? [])
      .filter((index) => index.type === 'unique')
      .filter((index) => index.columns.every((column) => candidate[column] != null))
      .some((index) =>
        rows.some((row) => index.columns.every((column) => row[column] === candidate[column])),
      );
  };

  /** What Appwrite stores for the columns a create leaves out. */
  const defaultsOf = (databaseId: string, tableId: string): Record<string, unknown> =>
    Object.fromEntries(
      (findTable(projectSchemaSpec(), databaseId, tableId)?.columns ?? []).map((column) => [
        column.key,
        column.default ?? null,
      ]),
    );

  const stamp = (now: Date) => appwriteTime(now);

  function createRow(databaseId: string, tableId: string, body: Body): Answer {
    const rows = rowsOf(keyOf(databaseId, tableId));
    const rowId = body.rowId && body.rowId !== 'unique()' ? body.rowId : `fake${(sequence + 1).toString(36)}`;
    if (rows.some((row) => row.$id === rowId)) return exists();
    const at = stamp(new Date());
    sequence += 1;
    const row: MockRow = {
      ...defaultsOf(databaseId, tableId),
      ...body.data,
      $id: rowId,
      $sequence: String(sequence),
      $tableId: tableId,
      $databaseId: databaseId,
      $createdAt: at,
      $updatedAt: at,
      $permissions: [],
    };
    if (breaksUniqueIndex(databaseId, tableId, row)) return exists();
    rows.push(row);
    writes.push({ kind: 'create', databaseId, tableId, rowId, data: body.data ?? {} });
    return json(201, row);
  }

  function updateRow(
    databaseId: string,
    tableId: string,
    rowId: string,
    body: Body,
    headers: Record<string, string>,
  ): Answer {
    const rows = rowsOf(keyOf(databaseId, tableId));
    const index = rows.findIndex((row) => row.$id === rowId);
    const current = rows[index];
    if (!current) return notFound();
    const data = body.data ?? {};
    const given = data.$updatedAt;
    const updatedAt = typeof given === 'string' ? Date.parse(given) : Date.now();
    if (Number.isNaN(updatedAt))
      return json(400, appwriteError(400, 'Invalid $updatedAt', 'row_invalid_structure'));
    const updated: MockRow = { ...current, ...data, $id: rowId, $updatedAt: stamp(new Date(updatedAt)) };
    if (body.transactionId !== undefined) {
      const transaction = transactions.get(body.transactionId);
      if (!transaction)
        return json(404, appwriteError(404, 'Transaction not found', 'transaction_not_found'));
      transaction.updates.push({ table: keyOf(databaseId, tableId), rowId, data, stagedAt: Date.now() });
      return json(200, updated);
    }
    const asOf = headers['x-appwrite-timestamp'];
    if (asOf !== undefined) {
      const asOfMs = Date.parse(asOf);
      if (Number.isNaN(asOfMs)) {
        return json(
          400,
          appwriteError(400, 'Invalid X-Appwrite-Timestamp header value', 'general_argument_invalid'),
        );
      }
      // Stored times are milliseconds; a header finer than that compares as its millisecond.
      if (Date.parse(String(current.$updatedAt)) > asOfMs) {
        return json(409, appwriteError(409, 'Remote row is newer than local.', 'row_update_conflict'));
      }
    }
    if (breaksUniqueIndex(databaseId, tableId, updated)) return exists();
    rows[index] = updated;
    writes.push({ kind: 'update', databaseId, tableId, rowId, data });
    return json(200, updated);
  }

  function step(
    databaseId: string,
    tableId: string,
    rowId: string,
    column: string,
    up: boolean,
    body: Body,
  ): Answer {
    const rows = rowsOf(keyOf(databaseId, tableId));
    const index = rows.findIndex((row) => row.$id === rowId);
    const current = rows[index];
    if (!current) return notFound();
    const value = body.value ?? 1;
    if (value === 0)
      return json(400, appwriteError(400, 'Value must be non-zero', 'general_argument_invalid'));
    const before = current[column];
    // PHP's check and answer treat NULL as 0 (`null + value`); SQL's `NULL + value` is NULL.
    const counted = typeof before === 'number' ? before : 0;
    const after = up ? counted + value : counted - value;
    const bound = up ? body.max : body.min;
    if (bound !== undefined && (up ? after > bound : after < bound)) {
      return json(400, appwriteError(400, 'Column limit exceeded', 'column_limit_exceeded'));
    }
    // With a (non-zero) bound the SQL adds `AND column <= :max`, which NULL never meets:
    // nothing at all is written then, not even `$updatedAt`.
    const sqlBound = bound !== undefined && bound !== 0;
    if (typeof before === 'number' || !sqlBound) {
      rows[index] = {
        ...current,
        [column]: typeof before === 'number' ? after : null,
        $updatedAt: stamp(new Date()),
      };
    }
    const answered: MockRow = { ...current, [column]: after };
    writes.push({
      kind: up ? 'increment' : 'decrement',
      databaseId,
      tableId,
      rowId,
      data: { [column]: value },
    });
    return json(200, answered);
  }

  function transaction(id: string, body: Body): Answer {
    const staged = transactions.get(id);
    if (!staged) return json(404, appwriteError(404, 'Transaction not found', 'transaction_not_found'));
    transactions.delete(id);
    if (body.commit === true) {
      // Appwrite replays each operation as of its staging time (Transactions/Update.php).
      const stale = staged.updates.some((update) => {
        const row = rowsOf(update.table).find((candidate) => candidate.$id === update.rowId);
        return row !== undefined && Date.parse(String(row.$updatedAt)) > update.stagedAt;
      });
      if (stale)
        return json(409, appwriteError(409, 'Transaction conflict detected.', 'transaction_conflict'));
      for (const update of staged.updates) {
        const rows = rowsOf(update.table);
        const index = rows.findIndex((row) => row.$id === update.rowId);
        const current = rows[index];
        if (!current) continue;
        rows[index] = { ...current, ...update.data, $updatedAt: stamp(new Date()) };
        const [databaseId = '', tableId = ''] = update.table.split('/');
        writes.push({ kind: 'update', databaseId, tableId, rowId: update.rowId, data: update.data });
      }
    }
    const at = stamp(new Date());
    return json(200, {
      $id: id,
      $createdAt: at,
      $updatedAt: at,
      status: body.commit === true ? 'committed' : 'failed',
      operations: staged.updates.length,
      expiresAt: at,
    });
  }

  function route(method: string, url: URL, body: Body, headers: Record<string, string>): Answer {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    // ['v1', 'tablesdb', db, 'tables', table, 'rows', rowId?, column?, 'increment'?]
    if (parts[0] !== 'v1' || parts[1] !== 'tablesdb') return unsupported(method, url);
    if (parts[2] === 'transactions') {
      if (method === 'POST' && parts.length === 3) {
        sequence += 1;
        const id = `tx${sequence}`;
        transactions.set(id, { updates: [] });
        const at = stamp(new Date());
        return json(201, {
          $id: id,
          $createdAt: at,
          $updatedAt: at,
          status: 'pending',
          operations: 0,
          expiresAt: at,
        });
      }
      const id = parts[3];
      if (method === 'PATCH' && id !== undefined && parts.length === 4) return transaction(id, body);
      return unsupported(method, url);
    }
    const [, , databaseId, tablesWord, tableId, rowsWord, rowId, column, direction] = parts;
    if (!databaseId || tablesWord !== 'tables' || !tableId || rowsWord !== 'rows')
      return unsupported(method, url);
    const rows = rowsOf(keyOf(databaseId, tableId));
    if (rowId === undefined) {
      if (method === 'GET') {
        const queries = [...url.searchParams.entries()]
          .filter(([name]) => name.startsWith('queries['))
          .map(([, value]) => value);
        const answer = answerList(rows, queries, {
          key: 'rows',
          total: url.searchParams.get('total') !== 'false',
          table: { databaseId, tableId },
        });
        return json(answer.status, answer.body);
      }
      if (method === 'POST') return createRow(databaseId, tableId, body);
      return unsupported(method, url);
    }
    if (column !== undefined) {
      if (method === 'PATCH' && (direction === 'increment' || direction === 'decrement')) {
        return step(databaseId, tableId, rowId, column, direction === 'increment', body);
      }
      return unsupported(method, url);
    }
    if (method === 'GET') {
      const row = rows.find((candidate) => candidate.$id === rowId);
      return row ? json(200, row) : notFound();
    }
    if (method === 'PATCH') return updateRow(databaseId, tableId, rowId, body, headers);
    if (method === 'DELETE') {
      const index = rows.findIndex((candidate) => candidate.$id === rowId);
      if (index < 0) return notFound();
      rows.splice(index, 1);
      writes.push({ kind: 'delete', databaseId, tableId, rowId, data: {} });
      return empty();
    }
    return unsupported(method, url);
  }

  function unsupported(method: string, url: URL): Answer {
    problems.push(`${method} ${url.pathname}`);
    return json(
      501,
      appwriteError(
        501,
        `fake-tablesdb does not implement ${method} ${url.pathname}`,
        'general_not_implemented',
      ),
    );
  }

  agent
    .get(ORIGIN)
    .intercept({ path: () => true, method: () => true })
    .reply((opts) => {
      const url = new URL(opts.path, ORIGIN);
      let text = '';
      try {
        text = bodyText(opts.body);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
      const headers = headersOf(opts.headers);
      requests.push({
        method: opts.method,
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: text,
      });
      const parsed = bodySchema.safeParse(text === '' ? {} : JSON.parse(text));
      if (!parsed.success) return json(400, appwriteError(400, 'Invalid body', 'general_argument_invalid'));
      return route(opts.method, url, parsed.data, headers);
    })
    .persist();

  return {
    requests,
    writes,
    seed(table, row) {
      sequence += 1;
      rowsOf(keyOf(table.databaseId, table.tableId)).push({
        $sequence: String(sequence),
        $tableId: table.tableId,
        $databaseId: table.databaseId,
        $createdAt: appwriteTime(new Date()),
        $updatedAt: appwriteTime(new Date()),
        $permissions: [],
        ...row,
      });
    },
    rows: (table) => [...rowsOf(keyOf(table.databaseId, table.tableId))],
    async close() {
      setGlobalDispatcher(previous);
      await agent.close();
      if (problems.length > 0) throw new Error(`fake-tablesdb could not answer: ${problems.join('; ')}`);
    },
  };
}
