import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { appwriteError, appwriteRow } from './fixtures';
import { expectAdminCall, setupMockAppwrite } from './mock-appwrite';
import type { UpdateIfInput } from './update-if';

const TRANSACTIONS = '/v1/tablesdb/transactions';
const ROWS = '/v1/tablesdb/aurora_main/tables/video_access_tokens/rows';
const transaction = (id: string) => ({
  $id: id,
  $createdAt: '2025-01-02T03:04:05.000+00:00',
  $updatedAt: '2025-01-02T03:04:05.000+00:00',
  status: 'pending',
  operations: 0,
  expiresAt: '2025-01-02T03:05:05.000+00:00',
});
const token = (columns: Record<string, unknown>) => appwriteRow(columns, 'tok1', 'video_access_tokens');
const conflict = appwriteError(409, 'Transaction conflict detected.', 'transaction_conflict');

const input: UpdateIfInput = {
  databaseId: 'aurora_main',
  tableId: 'video_access_tokens',
  rowId: 'tok1',
  where: [Query.equal('isUsed', false), Query.isNull('revokedAt')],
  data: { isUsed: true },
};

const mock = setupMockAppwrite();

/** One attempt up to the commit: open, stage the update, re-read with the filters. */
function stageAndCheck(transactionId: string, matches: boolean) {
  mock.appwrite.reply('POST', TRANSACTIONS, 201, transaction(transactionId));
  mock.appwrite.reply('PATCH', `${ROWS}/tok1`, 200, token({ isUsed: true }));
  mock.appwrite.reply(
    'GET',
    ROWS,
    200,
    matches ? { total: 1, rows: [token({ isUsed: false })] } : { total: 0, rows: [] },
  );
}

describe('tables.updateIf', () => {
  it('stages the update, checks the filters on the committed row, commits and returns the row', async () => {
    stageAndCheck('tx1', true);
    mock.appwrite.reply('PATCH', `${TRANSACTIONS}/tx1`, 200, { ...transaction('tx1'), status: 'committed' });
    mock.appwrite.reply('GET', `${ROWS}/tok1`, 200, token({ isUsed: true }));

    const row = await mock.backend.tables.updateIf(input);

    expect(row).toMatchObject({ $id: 'tok1', isUsed: true });
    const [open, stage, check, commit, read] = mock.appwrite.requests;
    expect(mock.appwrite.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST ${TRANSACTIONS}`,
      `PATCH ${ROWS}/tok1`,
      `GET ${ROWS}`,
      `PATCH ${TRANSACTIONS}/tx1`,
      `GET ${ROWS}/tok1`,
    ]);
    expect(mock.appwrite.json(0)).toEqual({ ttl: 60 });
    expect(mock.appwrite.json(1)).toEqual({ data: { isUsed: true }, transactionId: 'tx1' });
    // The check reads committed state: no transactionId, Appwrite evaluates the filters.
    expect(check?.query.has('transactionId')).toBe(false);
    expect([0, 1, 2, 3].map((i) => check?.query.get(`queries[${i}]`))).toEqual([
      Query.equal('$id', 'tok1'),
      ...input.where,
      Query.limit(1),
    ]);
    expect(mock.appwrite.json(3)).toEqual({ commit: true });
    for (const request of [open, stage, check, commit, read]) expectAdminCall(request);
  });

  it('rolls back and answers null when the row no longer matches', async () => {
    stageAndCheck('tx1', false);
    mock.appwrite.reply('PATCH', `${TRANSACTIONS}/tx1`, 200, { ...transaction('tx1'), status: 'failed' });
    mock.appwrite.reply('GET', `${ROWS}/tok1`, 200, token({ isUsed: true }));

    await expect(mock.backend.tables.updateIf(input)).resolves.toBeNull();

    expect(mock.appwrite.requests[3]?.path).toBe(`${TRANSACTIONS}/tx1`);
    expect(mock.appwrite.json(3)).toEqual({ rollback: true });
  });

  it('reports a row that is gone as not_found, not as a lost race', async () => {
    stageAndCheck('tx1', false);
    mock.appwrite.reply('PATCH', `${TRANSACTIONS}/tx1`, 200, { ...transaction('tx1'), status: 'failed' });
    mock.appwrite.reply('GET', `${ROWS}/tok1`, 404, appwriteError(404, 'Row not found.', 'row_not_found'));

    await expect(mock.backend.tables.updateIf(input)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('answers null when a commit conflict came from a winner that changed the filtered columns', async () => {
    stageAndCheck('tx1', true);
    mock.appwrite.reply('PATCH', `${TRANSACTIONS}/tx1`, 409, conflict);
    stageAndCheck('tx2', false);
    mock.appwrite.reply('PATCH', `${TRANSACTIONS}/tx2`, 200, { ...transaction('tx2'), status: 'failed' });
    mock.appwrite.reply('GET', `${ROWS}/tok1`, 200, token({ isUsed: true }));

    await expect(mock.backend.tables.updateIf(input)).resolves.toBeNull();

    // The failed commit needs no rollback: Appwrite already marked it failed.
    expect(mock.appwrite.requests.filter((request) => request.path === `${TRANSACTIONS}/tx1`)).toHaveLength(
      1,
    );
    expect(mock.appwrite.requests[7]?.path).toBe(`${TRANSACTIONS}/tx2`);
    expect(mock.appwrite.json(7)).toEqual({ rollback: true });
  });

  it('retries after a conflict that left the filters matching, and gives up with conflict', async () => {
    for (const id of ['tx1', 'tx2', 'tx3']) {
      stageAndCheck(id, true);
      mock.appwrite.reply('PATCH', `${TRANSACTIONS}/${id}`, 409, conflict);
    }

    await expect(mock.backend.tables.updateIf(input)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('rolls back and throws the mapped error when staging fails', async () => {
    mock.appwrite.reply('POST', TRANSACTIONS, 201, transaction('tx1'));
    mock.appwrite.reply(
      'PATCH',
      `${ROWS}/tok1`,
      400,
      appwriteError(400, 'Unknown column: "isUsd"', 'row_invalid_structure'),
    );
    mock.appwrite.reply('PATCH', `${TRANSACTIONS}/tx1`, 200, { ...transaction('tx1'), status: 'failed' });

    await expect(mock.backend.tables.updateIf({ ...input, data: { isUsd: true } })).rejects.toMatchObject({
      kind: 'invalid',
      message: 'Unknown column: "isUsd"',
    });
    expect(mock.appwrite.json(2)).toEqual({ rollback: true });
  });

  it('keeps the original error when the rollback fails too', async () => {
    mock.appwrite.reply('POST', TRANSACTIONS, 201, transaction('tx1'));
    mock.appwrite.reply('PATCH', `${ROWS}/tok1`, 404, appwriteError(404, 'Row not found.', 'row_not_found'));
    mock.appwrite.fail('PATCH', `${TRANSACTIONS}/tx1`, new Error('connect ECONNREFUSED'));

    await expect(mock.backend.tables.updateIf(input)).rejects.toMatchObject({ kind: 'not_found' });
  });
});
