import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendError, isBackendError } from '../errors';
import { createEmbeddedBackend } from './index';
import { COURSES, courseRow } from './test-support';

describe('createEmbeddedBackend', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'aurora-open-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates a missing data directory and reports health', async () => {
    const dataDir = join(root, 'nested', 'data');
    const backend = createEmbeddedBackend({ dataDir });
    try {
      expect(backend.kind).toBe('embedded');
      expect((await stat(join(dataDir, 'aurora.sqlite'))).isFile()).toBe(true);
      expect(await backend.health()).toMatchObject({ backend: 'embedded', ok: true });
    } finally {
      await backend.close();
    }
  });

  it('answers with typed errors, never raw SQLite errors, once closed', async () => {
    const backend = createEmbeddedBackend({ dataDir: root });
    await backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    await backend.close();
    const error = await backend.tables.get({ ...COURSES, rowId: 'c1' }).catch((caught: unknown) => caught);
    expect(isBackendError(error, 'unavailable')).toBe(true);
    const users = await backend.users.list().catch((caught: unknown) => caught);
    expect(isBackendError(users, 'unavailable')).toBe(true);
    expect(await backend.health()).toMatchObject({ ok: false });
  });

  it('keeps data across reopening', async () => {
    const first = createEmbeddedBackend({ dataDir: root });
    await first.tables.create({ ...COURSES, rowId: 'kept', data: courseRow() });
    await first.close();
    const second = createEmbeddedBackend({ dataDir: root });
    try {
      expect((await second.tables.get({ ...COURSES, rowId: 'kept' })).title).toBe('A course');
    } finally {
      await second.close();
    }
  });
});

describe('createEmbeddedBackend on an unusable path', () => {
  it('throws a typed error', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aurora-bad-'));
    try {
      await writeFile(join(root, 'file'), 'not a directory');
      expect(() => createEmbeddedBackend({ dataDir: join(root, 'file') })).toThrow(BackendError);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
