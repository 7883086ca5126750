import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const FIXTURE = new URL('./catalog-relay.fixture.ts', import.meta.url).pathname;

describe('the catalog-change relay between cluster processes', () => {
  it('raises a worker’s change as `peer` in every other worker, and the primary’s in all, once each', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', FIXTURE], { timeout: 30_000 });
    const seen = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as unknown;
    // Worker 1 sees its own change as local and never gets it back; a `peer` change is
    // not relayed again (it would come back to worker 1 and go round for ever).
    expect(seen).toEqual({
      1: ['local', 'peer'],
      2: ['peer', 'peer'],
      3: ['peer', 'peer'],
    });
  }, 40_000);
});
