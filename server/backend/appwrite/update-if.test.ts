/**
 * `tables.updateIf` on Appwrite: the requests it sends (scripted replies), and the
 * compare-and-set itself against the stateful fake (fake-tablesdb.ts), which checks
 * `X-Appwrite-Timestamp` under its "row lock" as Appwrite does. The Appwrite run of the
 * shared contract needs a real server, so the 50-caller race runs here on the fake.
 */
import { Query, TablesDB } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../port';
import { createAdminClient } from './clients';
import { appwriteError, appwriteRow, TIMES } from './fixtures';
import { fakeTablesDb, type FakeTablesDb } from './fake-tablesdb';
import { createAppwriteBackend } from './index';
import { CONFIG, expectAdminCall, mockAppwrite, type MockAppwrite } from './mock-appwrite';
import { stampAfter, updateRowAsOf, type UpdateRowAsOfInput } from './update-row-as-of';
import type { UpdateIfInput } from './update-if';

const ROWS = '/v1/tablesdb/aurora_main/tables/video_access_tokens/rows';
const TOKENS = { databaseId: 'aurora_main', tableId: 'video_access_tokens' } as const;
const token = (columns: Record<string, unknown>) => appwriteRow(columns, 'tok1', 'video_access_tokens');
const changed = appwriteError(409, 'Remote row is newer than local.', 'row_update_conflict');

const input: UpdateIfInput = {
  ...TOKENS,
  rowId: 'tok1',
  where: [Query.equal('isUsed', false), Query.isNull('revokedAt')],
  data: { isUsed: true },
};

describe('tables.updateIf: requests', () => {
  let mock: MockAppwrite;
  let backend: Backend;
  beforeEach(() => {
    mock = mockAppwrite();
    backend = createAppwriteBackend(CONFIG);
  });
  afterEach(async () => {
    await mock.close();
  });

  it('reads the row through the filters, then updates it as of the $updatedAt it read: two requests', async () => {
    mock.reply('GET', ROWS, 200, { total: 0, rows: [token({ isUsed: false })] });
    mock.reply(
      'PATCH',
      `${ROWS}/tok1`,
      200,
      token({ isUsed: true, $updatedAt: '2025-01-03T03:04:05.001+00:00' }),
    );

    const row = await backend.tables.updateIf(input);

    expect(row).toMatchObject({ $id: 'tok1', isUsed: true, $updatedAt: '2025-01-03T03:04:05.001+00:00' });
    expect(mock.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET ${ROWS}`,
      `PATCH ${ROWS}/tok1`,
    ]);
    const [check, write] = mock.requests;
    expect([0, 1, 2, 3].map((i) => check?.query.get(`queries[${i}]`))).toEqual([
      Query.equal('$id', 'tok1'),
      ...input.where,
      Query.limit(1),
    ]);
    // No COUNT: the list only has to say whether the row matched.
    expect(check?.query.get('total')).toBe('false');
    expect(write?.headers['x-appwrite-timestamp']).toBe(TIMES.updated);
    const body = mock.json(1);
    expect(body).toEqual({ data: { isUsed: true, $updatedAt: expect.any(String) } });
    const stamped = (body as { data: { $updatedAt: string } }).data.$updatedAt;
    expect(Date.parse(stamped)).toBeGreaterThan(Date.parse(TIMES.updated));
    for (const request of mock.requests) expectAdminCall(request);
  });

  it('answers null when the row exists but no longer matches, not_found when it is gone', async () => {
    mock.reply('GET', ROWS, 200, { total: 0, rows: [] });
    mock.reply('GET', `${ROWS}/tok1`, 200, token({ isUsed: true }));
    await expect(backend.tables.updateIf(input)).resolves.toBeNull();

    mock.reply('GET', ROWS, 200, { total: 0, rows: [] });
    mock.reply('GET', `${ROWS}/tok1`, 404, appwriteError(404, 'Row not found.', 'row_not_found'));
    await expect(backend.tables.updateIf(input)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('reads again after row_update_conflict and answers null when the winner changed the filtered columns', async () => {
    mock.reply('GET', ROWS, 200, { total: 0, rows: [token({ isUsed: false })] });
    mock.reply('PATCH', `${ROWS}/tok1`, 409, changed);
    mock.reply('GET', ROWS, 200, { total: 0, rows: [] });
    mock.reply('GET', `${ROWS}/tok1`, 200, token({ isUsed: true }));

    await expect(backend.tables.updateIf(input)).resolves.toBeNull();
  });

  it('gives up with conflict when the row keeps changing', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      mock.reply('GET', ROWS, 200, { total: 0, rows: [token({ isUsed: false })] });
      mock.reply('PATCH', `${ROWS}/tok1`, 409, changed);
    }

    await expect(backend.tables.updateIf(input)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('maps any other refusal of the update once, without retrying', async () => {
    mock.reply('GET', ROWS, 200, { total: 0, rows: [token({ isUsed: false })] });
    mock.reply(
      'PATCH',
      `${ROWS}/tok1`,
      400,
      appwriteError(400, 'Unknown column: "isUsd"', 'row_invalid_structure'),
    );

    await expect(backend.tables.updateIf({ ...input, data: { isUsd: true } })).rejects.toMatchObject({
      kind: 'invalid',
      message: 'Unknown column: "isUsd"',
    });
  });
});

describe('stampAfter', () => {
  const observed = '2025-01-03T03:04:05.120+00:00';
  it('is now when the clock has passed the observed time', () => {
    expect(stampAfter(observed, Date.parse('2025-01-03T03:04:06.000Z'))).toBe(
      '2025-01-03T03:04:06.000+00:00',
    );
  });
  it('is one millisecond later when the observed time is now or ahead of the clock', () => {
    expect(stampAfter(observed, Date.parse(observed))).toBe('2025-01-03T03:04:05.121+00:00');
    expect(stampAfter(observed, Date.parse('2025-01-03T03:04:00.000Z'))).toBe(
      '2025-01-03T03:04:05.121+00:00',
    );
  });
});

describe('tables.updateIf against the stateful fake', () => {
  let fake: FakeTablesDb;
  let backend: Backend;
  beforeEach(() => {
    fake = fakeTablesDb();
    backend = createAppwriteBackend(CONFIG);
  });
  afterEach(async () => {
    await fake.close();
  });

  const seedToken = ($id: string, columns: Record<string, unknown> = {}) =>
    fake.seed(TOKENS, {
      $id,
      userId: 'u1',
      lessonId: 'l1',
      accessToken: `secret-${$id}`,
      expiresAt: '2030-01-01T00:00:00.000+00:00',
      ipAddress: null,
      userAgent: null,
      isUsed: false,
      revokedAt: null,
      ...columns,
    });

  const claim = (rowId: string, caller: number) =>
    backend.tables.updateIf({ ...input, rowId, data: { isUsed: true, userAgent: `caller ${caller}` } });

  it('compare-and-set under 50 parallel callers: exactly one wins', async () => {
    seedToken('tok50');

    const results = await Promise.all(Array.from({ length: 50 }, (_, caller) => claim('tok50', caller)));

    const winners = results.filter((result) => result !== null);
    expect(winners).toHaveLength(1);
    const [stored] = fake.rows(TOKENS);
    expect(stored).toMatchObject({ isUsed: true, userAgent: winners[0]?.userAgent });
    expect(fake.writes.filter((write) => write.kind === 'update')).toHaveLength(1);
    // What the winner got back is what is stored.
    expect(winners[0]?.$updatedAt).toBe(stored?.$updatedAt);
  });

  it('exactly one wins even when the row was stamped ahead of this clock (another node, clock skew)', async () => {
    // Appwrite would stamp the winner with its own "now", earlier than the observed value:
    // the losers' check (stored > observed) would then let them through as well.
    seedToken('tokSkew', { $updatedAt: new Date(Date.now() + 60_000).toISOString().replace('Z', '+00:00') });

    const results = await Promise.all(Array.from({ length: 50 }, (_, caller) => claim('tokSkew', caller)));

    expect(results.filter((result) => result !== null)).toHaveLength(1);
  });

  it('the fake refuses an update as of a time before the stored $updatedAt, to the millisecond', async () => {
    seedToken('tokTs', { $updatedAt: '2025-01-03T03:04:05.120+00:00' });
    const asOf = (observedUpdatedAt: string): UpdateRowAsOfInput => ({
      ...TOKENS,
      rowId: 'tokTs',
      data: { isUsed: true },
      observedUpdatedAt,
    });
    const db = new TablesDB(createAdminClient(CONFIG));

    await expect(updateRowAsOf(db, asOf('2025-01-03T03:04:05.119+00:00'))).resolves.toBe('changed');
    expect(fake.rows(TOKENS)[0]?.isUsed).toBe(false);
    const written = await updateRowAsOf(db, asOf('2025-01-03T03:04:05.120+00:00'));
    expect(written).toMatchObject({ isUsed: true });
  });
});
