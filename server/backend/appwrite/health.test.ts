import { Query } from 'node-appwrite';
import { expect, it } from 'vitest';
import { appwriteError } from './fixtures';
import { expectAdminCall, setupMockAppwrite } from './mock-appwrite';

const mock = setupMockAppwrite();

it('is ok when an authenticated listing of one database succeeds', async () => {
  mock.appwrite.reply('GET', '/v1/tablesdb', 200, { total: 3, databases: [] });

  const health = await mock.backend.health();

  expect(health).toEqual({ backend: 'appwrite', ok: true, latencyMs: expect.any(Number) });
  expect(mock.appwrite.requests[0]?.query.get('queries[0]')).toBe(Query.limit(1));
  expectAdminCall(mock.appwrite.requests[0]);
});

it('is not ok, with the reason, when the API key is refused', async () => {
  mock.appwrite.reply(
    'GET',
    '/v1/tablesdb',
    401,
    appwriteError(
      401,
      'app.aurora@service.cloud.appwrite.io (role: applications) missing scopes (["databases.read"])',
      'general_unauthorized_scope',
    ),
  );

  await expect(mock.backend.health()).resolves.toEqual({
    backend: 'appwrite',
    ok: false,
    latencyMs: expect.any(Number),
    detail: expect.stringContaining('missing scopes'),
  });
});

it('is not ok, and does not throw, when Appwrite cannot be reached', async () => {
  mock.appwrite.fail(
    'GET',
    '/v1/tablesdb',
    Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
  );

  const health = await mock.backend.health();

  expect(health.ok).toBe(false);
  expect(health.detail).toContain('ECONNREFUSED');
});
