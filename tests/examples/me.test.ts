/** examples/me.ts, run as a developer would (`npx tsx`), against a real API endpoint. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../server/services/identity/api-tokens';
import { startApi, type RunningApi } from '../helpers/http';
import { scopeFor, createTestServices, createTestUser, type TestServices } from '../helpers/services';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

let services: TestServices;
let api: RunningApi;
beforeAll(async () => {
  services = await createTestServices();
  api = await startApi(services);
});
afterAll(async () => {
  await api.close();
  await services.cleanup();
});

function runExample(env: Record<string, string>) {
  return run(TSX, ['examples/me.ts'], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 30_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('examples/me.ts', () => {
  it('prints who the token belongs to', async () => {
    const user = await createTestUser(services, 'instructor', {
      name: 'Maya Rivera',
      email: 'maya@aurora.test',
    });
    const { token } = await createApiToken(scopeFor(services, user), { name: 'example' });

    const result = await runExample({ AURORA_URL: api.base, AURORA_TOKEN: token });
    expect(result).toMatchObject({
      code: 0,
      stdout: 'Signed in as Maya Rivera <maya@aurora.test>, role instructor\n',
    });
  });

  it('explains a revoked or wrong token', async () => {
    const result = await runExample({ AURORA_URL: api.base, AURORA_TOKEN: `aur_${'x'.repeat(43)}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('API token is not valid');
  });

  it('explains a missing token', async () => {
    const result = await runExample({ AURORA_URL: api.base, AURORA_TOKEN: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AURORA_TOKEN');
  });
});
