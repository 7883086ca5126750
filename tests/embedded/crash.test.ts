/**
 * Durability: rows whose write was acknowledged survive a SIGKILL of the process that
 * wrote them, and the file stays intact (WAL mode, synchronous=NORMAL).
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedBackend } from '../../server/backend/embedded/index';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ACKS_BEFORE_KILL = 300;

/** Runs the writer, kills it with SIGKILL after enough acknowledgements, returns what it acknowledged. */
function writeUntilKilled(dataDir: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: string[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      acknowledged.push(...lines.filter((line) => line.length > 0));
      if (acknowledged.length >= ACKS_BEFORE_KILL && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`writer exited on its own (${String(signal)}): ${stderr}`));
    });
  });
}

describe('crash safety', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'aurora-crash-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged row after SIGKILL, with an intact file', async () => {
    const acknowledged = await writeUntilKilled(dataDir);
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    const backend = createEmbeddedBackend({ dataDir });
    try {
      const found = new Set<string>();
      for (let i = 0; i < acknowledged.length; i += 100) {
        const ids = acknowledged.slice(i, i + 100);
        const list = await backend.tables.list({
          databaseId: 'aurora_analytics',
          tableId: 'security_logs',
          queries: [Query.equal('$id', ids), Query.limit(100)],
        });
        for (const row of list.rows) found.add(row.$id);
      }
      expect(acknowledged.filter((id) => !found.has(id))).toEqual([]);
    } finally {
      await backend.close();
    }

    const db = new Database(join(dataDir, 'aurora.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
