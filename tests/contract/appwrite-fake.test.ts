/**
 * The search and the totals-and-id-lists contracts against the Appwrite adapter talking
 * to the intercepted-HTTP fake (fake-tablesdb.ts), which answers `Query.search` as
 * Appwrite's MariaDB does, caps totals and refuses queries over Appwrite's limits as
 * Appwrite 1.9 does: so these cases run on both adapters in every test run, not only
 * when a real Appwrite project is configured.
 */
import { createAppwriteBackend } from '../../server/backend/appwrite/index';
import { fakeTablesDb } from '../../server/backend/appwrite/fake-tablesdb';
import { CONFIG } from '../../server/backend/appwrite/mock-appwrite';
import type { ContractSubject } from './backend-contract';
import { describeSearchContract } from './search-contract';
import { describeTotalsContract } from './totals-contract';

/** A fresh fake and adapter for one contract. */
async function fakeSubject(): Promise<ContractSubject> {
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
}

describeSearchContract('appwrite (intercepted HTTP)', fakeSubject);
describeTotalsContract('appwrite (intercepted HTTP)', fakeSubject);
