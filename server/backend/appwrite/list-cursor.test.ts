/**
 * A list's cursor must be a row inside the list's own filters. Appwrite does not check
 * that (it looks the cursor row up by id alone), so the fake serves such a cursor just as
 * Appwrite would: these tests pass only because the adapter checks the cursor itself.
 */
import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { isStaleCursorError } from '../errors';
import { appwriteFile, appwriteRow } from './fixtures';
import { expectAdminCall, setupMockAppwrite } from './mock-appwrite';

const ROWS = '/v1/tablesdb/aurora_main/tables/courses/rows';
const FILES = '/v1/storage/buckets/thumbnails/files';
const courses = { databaseId: 'aurora_main', tableId: 'courses' } as const;

const mock = setupMockAppwrite();

const CATALOG = [
  appwriteRow({ title: 'Algebra', isPublished: true }, 'algebra'),
  appwriteRow({ title: 'Biology', isPublished: false }, 'draft'),
  appwriteRow({ title: 'Chemistry', isPublished: true }, 'chemistry'),
  appwriteRow({ title: 'Drawing', isPublished: true }, 'drawing'),
];
const published = (...more: string[]) => [Query.equal('isPublished', true), Query.orderAsc('title'), ...more];

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** The queries a recorded request sent. */
function queriesOf(index: number): string[] {
  const request = mock.appwrite.requests[index];
  return [...(request?.query.entries() ?? [])]
    .filter(([name]) => name.startsWith('queries['))
    .map(([, v]) => v);
}

describe('tables.list with a cursor', () => {
  it('pages from a cursor inside the filters, checking it alongside the page', async () => {
    mock.appwrite.serveRows(ROWS, CATALOG, { requests: 2 });

    const list = await mock.backend.tables.list({
      ...courses,
      queries: published(Query.cursorAfter('algebra'), Query.limit(2)),
    });

    expect(list.rows.map((row) => row.$id)).toEqual(['chemistry', 'drawing']);
    expect(list.total).toBe(3);
    expect(mock.appwrite.requests).toHaveLength(2);
    const check = mock.appwrite.requests.findIndex((request) => request.query.get('total') === 'false');
    expect(queriesOf(check)).toEqual([
      Query.equal('isPublished', true),
      Query.equal('$id', 'algebra'),
      Query.select(['$id']),
      Query.limit(1),
    ]);
    expectAdminCall(mock.appwrite.requests[check]);
  });

  it('refuses a cursor row outside the filters that Appwrite itself would page from', async () => {
    mock.appwrite.serveRows(ROWS, CATALOG, { requests: 2 });

    const error = await failure(
      mock.backend.tables.list({ ...courses, queries: published(Query.cursorAfter('draft')) }),
    );

    expect(isStaleCursorError(error), String(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'invalid', reason: 'stale_cursor' });
    expect(String(error)).not.toMatch(/aurora_|courses/);
  });

  it('refuses cursorBefore the same way', async () => {
    mock.appwrite.serveRows(ROWS, CATALOG, { requests: 2 });

    const error = await failure(
      mock.backend.tables.list({ ...courses, queries: published(Query.cursorBefore('draft')) }),
    );

    expect(isStaleCursorError(error)).toBe(true);
  });

  it("maps Appwrite's general_cursor_not_found for a missing cursor row to the same error", async () => {
    mock.appwrite.serveRows(ROWS, CATALOG, { requests: 2 });

    const error = await failure(
      mock.backend.tables.list({ ...courses, queries: published(Query.cursorAfter('gone')) }),
    );

    expect(isStaleCursorError(error)).toBe(true);
    expect(error).toHaveProperty('cause', expect.objectContaining({ type: 'general_cursor_not_found' }));
  });

  it('sends the check before the page is answered: no extra round trip', async () => {
    mock.appwrite.serveRows(ROWS, CATALOG, { requests: 2, delayMs: 20 });

    await mock.backend.tables.list({ ...courses, queries: published(Query.cursorAfter('algebra')) });

    expect(mock.appwrite.timeline).toEqual(['sent', 'sent', 'answered', 'answered']);
  });

  it('sends one request when the list has no cursor', async () => {
    mock.appwrite.serveRows(ROWS, CATALOG);

    const list = await mock.backend.tables.list({ ...courses, queries: published() });

    expect(list.rows.map((row) => row.$id)).toEqual(['algebra', 'chemistry', 'drawing']);
    expect(mock.appwrite.requests).toHaveLength(1);
  });
});

describe('storage.list with a cursor', () => {
  const FILE_ROWS = [
    appwriteFile({ $id: 'a', name: 'a.png' }),
    appwriteFile({ $id: 'b', name: 'b.webp' }),
    appwriteFile({ $id: 'c', name: 'c.png' }),
  ];

  it('refuses a cursor file outside the filters, checking without select (files allow none)', async () => {
    mock.appwrite.serveRows(FILES, FILE_ROWS, { requests: 2, key: 'files' });

    const error = await failure(
      mock.backend.storage.list({
        bucketId: 'thumbnails',
        queries: [Query.notEqual('name', 'b.webp'), Query.cursorAfter('b')],
      }),
    );

    expect(isStaleCursorError(error)).toBe(true);
    const check = mock.appwrite.requests.findIndex((request) => request.query.get('total') === 'false');
    expect(queriesOf(check)).toEqual([
      Query.notEqual('name', 'b.webp'),
      Query.equal('$id', 'b'),
      Query.limit(1),
    ]);
  });

  it('pages from a cursor file inside the filters', async () => {
    mock.appwrite.serveRows(FILES, FILE_ROWS, { requests: 2, key: 'files' });

    const list = await mock.backend.storage.list({
      bucketId: 'thumbnails',
      queries: [Query.notEqual('name', 'b.webp'), Query.cursorAfter('a')],
    });

    expect(list.files.map((file) => file.id)).toEqual(['c']);
  });
});
