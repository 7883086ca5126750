/**
 * One of the processes of outbox-processes.test.ts: it opens the SQLite file in
 * `argv[2]`, waits for the shared start time `argv[3]` (so the processes really
 * overlap), then alternates a write of its own (a new event, `WRITES` in all) with a
 * claim of a few events, until a claim comes back empty after its last write. It prints
 * what it claimed and wrote as one JSON line.
 */
import { appendEvent, createOutbox } from './outbox';
import { applyInternalSchema } from './internal-schema';
import { openStore } from './store';

const WRITES = 100;
const [dataDir = '', startAt = '0', label = 'process'] = process.argv.slice(2);
const store = openStore(dataDir);
applyInternalSchema(store.db);
const outbox = createOutbox(store);

while (Date.now() < Number(startAt)) {
  // Spin: a timer's resolution would let one process start a few milliseconds early.
}
const claimed: string[] = [];
let written = 0;
for (;;) {
  if (written < WRITES) {
    store.write(() => appendEvent(store, `test.${label}`, { n: written }));
    written += 1;
  }
  const batch = await outbox.claim({ limit: 3, leaseMs: 60_000 });
  claimed.push(...batch.map((entry) => entry.id));
  if (batch.length === 0 && written >= WRITES) break;
}
store.close();
console.log(JSON.stringify({ claimed, written }));
