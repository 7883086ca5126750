import { AppwriteException } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { BackendError } from '../errors';
import type { Backend } from '../port';
import { toBackendError } from './errors';
import { appwriteError } from './fixtures';
import { setupMockAppwrite } from './mock-appwrite';

const ROW = '/v1/tablesdb/aurora_main/tables/courses/rows/row1';
const getRow = (backend: Backend) =>
  backend.tables.get({ databaseId: 'aurora_main', tableId: 'courses', rowId: 'row1' });

describe('Appwrite answers mapped onto BackendError', () => {
  const mock = setupMockAppwrite();

  it.each([
    [400, 'invalid', 'Invalid query: Attribute not found in schema: titel', 'general_query_invalid'],
    [
      401,
      'unauthorized',
      'The current user is not authorized to perform the requested action.',
      'user_unauthorized',
    ],
    [403, 'unauthorized', 'The requested service is disabled.', 'general_service_disabled'],
    [404, 'not_found', 'Row with the requested ID could not be found.', 'row_not_found'],
    [409, 'conflict', 'Row with the requested ID already exists.', 'row_already_exists'],
    [
      429,
      'unavailable',
      'Rate limit for the current endpoint has been exceeded.',
      'general_rate_limit_exceeded',
    ],
    [500, 'unavailable', 'Server Error', 'general_unknown'],
    [503, 'unavailable', 'Database is temporarily unavailable.', 'general_server_error'],
  ])('%i → %s, keeping Appwrite’s message', async (status, kind, message, type) => {
    mock.appwrite.reply('GET', ROW, status, appwriteError(status, message, type));

    const error = await getRow(mock.backend).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ kind, message });
    expect(error).toHaveProperty('cause', expect.any(AppwriteException));
  });

  // Mapped by type (app/config/errors.php): the status alone would mislead.
  it.each([
    [
      408,
      'database_timeout',
      'Database timed out. Try adjusting your queries or adding an index.',
      'unavailable',
    ],
    [
      410,
      'transaction_expired',
      'The transaction has expired. Please create a new transaction and try again.',
      'unavailable',
    ],
  ])('%i %s → %s (trying again may work; the request was fine)', async (status, type, message, kind) => {
    mock.appwrite.reply('GET', ROW, status, appwriteError(status, message, type));

    const error = await getRow(mock.backend).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ kind, message, reason: undefined });
  });

  it('403 user_blocked → unauthorized, with the reason account_blocked', async () => {
    mock.appwrite.reply(
      'GET',
      ROW,
      403,
      appwriteError(403, 'The current user has been blocked.', 'user_blocked'),
    );

    await expect(getRow(mock.backend)).rejects.toMatchObject({
      kind: 'unauthorized',
      reason: 'account_blocked',
    });
  });

  it('401 general_unauthorized_scope → a misconfiguration that names the missing scope, never unauthorized', async () => {
    const said = 'app.aurora-test@service.appwrite.test (role: applications) missing scopes (["rows.read"])';
    mock.appwrite.reply('GET', ROW, 401, appwriteError(401, said, 'general_unauthorized_scope'));

    const error = await getRow(mock.backend).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({
      kind: 'unavailable',
      reason: 'misconfigured',
      message: expect.stringMatching(/missing scope \(rows\.read\).*API key/),
    });
    expect(error).toHaveProperty('message', expect.stringContaining(said));
  });

  it('keeps other 401s as unauthorized, without a reason', async () => {
    mock.appwrite.reply(
      'GET',
      ROW,
      401,
      appwriteError(401, 'Invalid credentials.', 'user_invalid_credentials'),
    );

    await expect(getRow(mock.backend)).rejects.toMatchObject({ kind: 'unauthorized', reason: undefined });
  });

  it('maps a network failure to unavailable and names its cause', async () => {
    mock.appwrite.fail(
      'GET',
      ROW,
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
    );

    const error = await getRow(mock.backend).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/fetch failed.*ECONNREFUSED/),
    });
  });

  it('maps a non-JSON error page (a proxy in front of Appwrite) by its status', async () => {
    mock.appwrite.replyEmpty('GET', ROW, 502);

    await expect(getRow(mock.backend)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});

describe('toBackendError', () => {
  it('passes a BackendError through untouched', () => {
    const original = new BackendError('conflict', 'taken');
    expect(toBackendError(original)).toBe(original);
  });

  it('treats the SDK refusing to send a request (code 0) as invalid', () => {
    const mapped = toBackendError(new AppwriteException('Missing required parameter: "rowId"'));
    expect(mapped).toMatchObject({ kind: 'invalid', message: 'Missing required parameter: "rowId"' });
  });

  it('names every missing scope, and says "unknown" when Appwrite words it otherwise', () => {
    const scoped = (message: string) =>
      toBackendError(new AppwriteException(message, 401, 'general_unauthorized_scope'));

    expect(scoped('key (role: applications) missing scopes (["users.read","users.write"])')).toMatchObject({
      reason: 'misconfigured',
      message: expect.stringContaining('(users.read, users.write)'),
    });
    expect(scoped('Missing scope.')).toMatchObject({
      kind: 'unavailable',
      reason: 'misconfigured',
      message: expect.stringMatching(/\(unknown\).*Missing scope\.$/),
    });
  });

  it('maps a status it has no type for by the status (408 → unavailable)', () => {
    expect(toBackendError(new AppwriteException('Request timeout', 408, 'general_unknown'))).toMatchObject({
      kind: 'unavailable',
    });
  });

  it('never lets an unknown throwable through raw', () => {
    expect(toBackendError('boom')).toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('boom'),
    });
  });
});
