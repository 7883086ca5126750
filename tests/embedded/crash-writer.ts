/**
 * Child process of crash.test.ts: writes rows as fast as it can and prints each row id
 * only after the write has returned, until it is killed.
 */
import { createEmbeddedBackend } from '../../server/backend/embedded/index';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer <dataDir>');

const backend = createEmbeddedBackend({ dataDir });
for (let i = 0; ; i += 1) {
  const row = await backend.tables.create({
    databaseId: 'aurora_analytics',
    tableId: 'security_logs',
    rowId: `w${i}`,
    data: { action: 'crash_test', reason: 'x'.repeat(200), timestamp: new Date().toISOString() },
  });
  process.stdout.write(`${row.$id}\n`);
}
