/**
 * The totals and id-lists contract against the Appwrite adapter talking to the
 * intercepted-HTTP fake (fake-tablesdb.ts), which caps totals and refuses queries over
 * Appwrite's limits as Appwrite 1.9 does: so the cases run on both adapters in every
 * test run, not only when a real Appwrite project is configured.
 */
import { createAppwriteBackend } from '../../server/backend/appwrite/index';
import { fakeTablesDb } from '../../server/backend/appwrite/fake-tablesdb';
import { CONFIG } from '../../server/backend/appwrite/mock-appwrite';
import { describeTotalsContract } from './totals-contract';

describeTotalsContract('appwrite (intercepted HTTP)', async () => {
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
