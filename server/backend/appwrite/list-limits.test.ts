/**
 * Appwrite's list limits as the intercepted-HTTP fake enforces them (issue 13, items 4
 * and 10): `total` stops at APP_LIMIT_COUNT (5,000) and the adapter flags it; more than
 * 100 queries, a query over 4,096 characters or a filter over 500 values is a 400 with
 * Appwrite's error type, which the adapter reports as `invalid`.
 */
import { AppwriteException, Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBackendError } from '../errors';
import { LIST_LIMITS, LIST_TOTAL_CAP, type Backend } from '../port';
import { fakeTablesDb, type FakeTablesDb } from './fake-tablesdb';
import { createAppwriteBackend } from './index';
import { CONFIG } from './mock-appwrite';

const COURSES = { databaseId: 'aurora_main', tableId: 'courses' } as const;

let fake: FakeTablesDb;
let backend: Backend;
beforeEach(() => {
  fake = fakeTablesDb();
  backend = createAppwriteBackend(CONFIG);
});
afterEach(async () => {
  await backend.close();
  await fake.close();
});

function seedCourses(count: number, instructor: string): void {
  for (let index = 0; index < count; index += 1) {
    fake.seed(COURSES, { $id: `${instructor}-${index}`, title: `Course ${index}`, instructor });
  }
}

async function refusal(queries: string[]): Promise<{ invalid: boolean; type: string | undefined }> {
  const error = await backend.tables.list({ ...COURSES, queries }).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  const cause = error instanceof Error ? error.cause : undefined;
  return {
    invalid: isBackendError(error, 'invalid'),
    type: cause instanceof AppwriteException ? cause.type : undefined,
  };
}

describe('list totals on Appwrite', () => {
  it('counts exactly below the cap and says so', async () => {
    seedCourses(4_999, 'below');
    const list = await backend.tables.list({
      ...COURSES,
      queries: [Query.equal('instructor', 'below'), Query.limit(1)],
    });
    expect(list.rows).toHaveLength(1);
    expect(list.total).toBe(4_999);
    expect(list.totalCapped).toBe(false);
  });

  it('stops at 5,000 and flags the total as capped', async () => {
    seedCourses(5_001, 'above');
    const list = await backend.tables.list({
      ...COURSES,
      queries: [Query.equal('instructor', 'above'), Query.limit(1)],
    });
    expect(list.total).toBe(LIST_TOTAL_CAP);
    expect(list.totalCapped).toBe(true);
  });
});

describe('query limits on Appwrite', () => {
  it('accepts 100 queries, 4,096 characters and 500 values', async () => {
    seedCourses(3, 'f');
    const hundred = [Query.equal('instructor', 'f'), ...Array.from({ length: 99 }, () => Query.limit(10))];
    expect((await backend.tables.list({ ...COURSES, queries: hundred })).total).toBe(3);

    const filler = Query.equal('title', ['']).length;
    const long = Query.equal('title', ['x'.repeat(LIST_LIMITS.queryChars - filler)]);
    expect(long).toHaveLength(LIST_LIMITS.queryChars);
    expect((await backend.tables.list({ ...COURSES, queries: [long] })).total).toBe(0);

    const ids = Array.from({ length: 500 }, (_, index) => `f-${index}`);
    expect(Query.equal('$id', ids).length).toBeLessThanOrEqual(LIST_LIMITS.queryChars);
    expect((await backend.tables.list({ ...COURSES, queries: [Query.equal('$id', ids)] })).total).toBe(3);
  });

  it('refuses 101 queries as Appwrite does', async () => {
    const queries = [Query.equal('instructor', 'x'), ...Array.from({ length: 100 }, () => Query.limit(10))];
    expect(await refusal(queries)).toEqual({ invalid: true, type: 'general_argument_invalid' });
  });

  it('refuses a query of 4,097 characters as Appwrite does', async () => {
    const filler = Query.equal('title', ['']).length;
    const long = Query.equal('title', ['x'.repeat(LIST_LIMITS.queryChars + 1 - filler)]);
    expect(long).toHaveLength(LIST_LIMITS.queryChars + 1);
    expect(await refusal([long])).toEqual({ invalid: true, type: 'general_argument_invalid' });
  });

  it('refuses 501 values in one equal as Appwrite does', async () => {
    const ids = Array.from({ length: 501 }, (_, index) => `i${index}`);
    expect(await refusal([Query.equal('$id', ids)])).toEqual({
      invalid: true,
      type: 'general_query_invalid',
    });
    expect(await refusal([Query.notEqual('$id', ids)])).toEqual({
      invalid: true,
      type: 'general_query_invalid',
    });
  });
});
