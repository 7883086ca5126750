/**
 * The search contract against the Appwrite adapter talking to the intercepted-HTTP fake
 * (fake-tablesdb.ts), which answers `Query.search` as Appwrite's MariaDB does: so the
 * search cases run on both adapters in every test run, not only when a real Appwrite
 * project is configured.
 */
import { createAppwriteBackend } from '../../server/backend/appwrite/index';
import { fakeTablesDb } from '../../server/backend/appwrite/fake-tablesdb';
import { CONFIG } from '../../server/backend/appwrite/mock-appwrite';
import { describeSearchContract } from './search-contract';

describeSearchContract('appwrite (intercepted HTTP)', async () => {
  const fake = fakeTablesDb();
  const backend = createAppwriteBackend(CONFIG);
  return {
    backend,
    idPrefix: 'ct',
    async cleanup() {
      await backend.close();
      await fake.close();
    },
  };
});
