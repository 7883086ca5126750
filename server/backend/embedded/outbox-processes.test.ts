/**
 * Two processes on one SQLite file, as a cluster runs (decision 0034): their writes
 * wait for each other (WAL, BEGIN IMMEDIATE and busy_timeout) instead of failing with
 * SQLITE_BUSY, and the outbox's claim hands each event to one claimer only, so even
 * two job runners that overlapped could not both deliver an event.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEvent } from './outbox';
import { applyInternalSchema } from './internal-schema';
import { openStore } from './store';

const run = promisify(execFile);
const FIXTURE = new URL('./outbox-processes.fixture.ts', import.meta.url).pathname;
const SEEDED = 300;

let dataDir = '';
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

interface Report {
  claimed: string[];
  written: number;
}

describe('two processes on one embedded database', () => {
  it('write side by side without SQLITE_BUSY and never claim the same event', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aurora-two-processes-'));
    const store = openStore(dataDir);
    applyInternalSchema(store.db);
    store.write(() => {
      for (let n = 0; n < SEEDED; n++) appendEvent(store, 'test.seeded', { n });
    });
    // Both start at the same moment, once both have loaded (tsx takes a while on a busy machine).
    const startAt = String(Date.now() + 4_000);
    const runs = ['a', 'b'].map((label) =>
      run(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, startAt, label], { timeout: 60_000 }),
    );
    const reports = (await Promise.all(runs)).map(
      ({ stdout }) => JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Report,
    );

    const ids = store.db
      .prepare<[], { id: string }>('SELECT "id" FROM "_outbox"')
      .all()
      .map((row) => row.id);
    store.close();
    expect(reports.map((report) => report.written)).toEqual([100, 100]);
    expect(ids).toHaveLength(SEEDED + 200);
    const claimed = reports.flatMap((report) => report.claimed);
    // Each event once: none lost, none claimed twice.
    expect(claimed).toHaveLength(ids.length);
    expect(new Set(claimed)).toEqual(new Set(ids));
    // The two really took turns: each claimed some of the seeded events.
    for (const report of reports) expect(report.claimed.length).toBeGreaterThan(0);
  }, 90_000);
});
