/**
 * The shared backend contract against a real Appwrite project, when one is configured:
 *
 *   APPWRITE_ENDPOINT=https://cloud.appwrite.io/v1 APPWRITE_PROJECT_ID=... APPWRITE_API_KEY=... \
 *     npx vitest run --config vitest.config.ts tests/contract/appwrite.test.ts
 *
 * The project must have the schema of appwrite.json pushed (`appwrite push`). Every id
 * the suite creates starts with a random prefix, and cleanup removes what carries it.
 */
import { randomBytes } from 'node:crypto';
import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAppwriteBackend } from '../../server/backend/appwrite/index';
import { bucketIdSchema } from '../../server/backend/appwrite/models';
import type { Backend, DatabaseId } from '../../server/backend/port';
import { projectSchemaSpec } from '../../server/backend/schema';
import { describeBackendContract } from './backend-contract';

const VARIABLES = ['APPWRITE_ENDPOINT', 'APPWRITE_PROJECT_ID', 'APPWRITE_API_KEY'] as const;

const appwriteEnv = z
  .object({
    APPWRITE_ENDPOINT: z.url(),
    APPWRITE_PROJECT_ID: z.string().min(1),
    APPWRITE_API_KEY: z.string().min(1),
  })
  .safeParse(process.env);
const hasAppwrite = appwriteEnv.success;

if (!hasAppwrite) {
  describe('Appwrite backend contract', () => {
    it(`needs ${VARIABLES.join(', ')} to run against a real Appwrite project`, () => {
      expect(VARIABLES.some((name) => !process.env[name])).toBe(true);
    });
  });
}

describe.runIf(hasAppwrite)('Appwrite backend contract', () => {
  describeBackendContract('appwrite', async () => {
    if (!appwriteEnv.success) throw new Error(`set ${VARIABLES.join(', ')}`);
    const env = appwriteEnv.data;
    const backend = createAppwriteBackend({
      endpoint: env.APPWRITE_ENDPOINT,
      projectId: env.APPWRITE_PROJECT_ID,
      apiKey: env.APPWRITE_API_KEY,
    });
    // Appwrite ids: at most 36 characters, starting with a letter or digit.
    const idPrefix = `ct${randomBytes(4).toString('hex')}`;
    return {
      backend,
      idPrefix,
      async cleanup() {
        await removeEverythingWithPrefix(backend, idPrefix);
        await backend.close();
      },
    };
  });
});

const databaseIdSchema = z.enum([
  'aurora_main',
  'aurora_analytics',
  'aurora_content',
]) satisfies z.ZodType<DatabaseId>;

/** Page by page until nothing carries the prefix (bounded, in case a delete silently fails). */
async function removeEverythingWithPrefix(backend: Backend, idPrefix: string): Promise<void> {
  const ownId = [Query.startsWith('$id', idPrefix), Query.limit(100)];
  const spec = projectSchemaSpec();

  await drain(
    async () => {
      const { teams } = await backend.teams.list({ search: idPrefix, limit: 100 });
      return teams.filter((team) => team.id.startsWith(idPrefix));
    },
    (team) => backend.teams.delete(team.id),
  );
  await drain(
    async () => {
      const { users } = await backend.users.list({ search: idPrefix, limit: 100 });
      return users.filter((user) => user.id.startsWith(idPrefix) || user.email.startsWith(idPrefix));
    },
    (user) => backend.users.delete(user.id),
  );
  for (const table of spec.tables) {
    const ref = { databaseId: databaseIdSchema.parse(table.databaseId), tableId: table.$id };
    await drain(
      async () => (await backend.tables.list({ ...ref, queries: ownId })).rows,
      (row) => backend.tables.delete({ ...ref, rowId: row.$id }),
    );
  }
  for (const bucket of spec.buckets) {
    const bucketId = bucketIdSchema.parse(bucket.$id);
    await drain(
      async () => (await backend.storage.list({ bucketId, queries: ownId })).files,
      (file) => backend.storage.delete({ bucketId, fileId: file.id }),
    );
  }
}

async function drain<T>(page: () => Promise<T[]>, remove: (item: T) => Promise<void>): Promise<void> {
  for (let round = 0; round < 50; round++) {
    const items = await page();
    if (items.length === 0) return;
    await Promise.all(items.map(remove));
  }
  throw new Error('cleanup did not converge after 50 pages');
}
