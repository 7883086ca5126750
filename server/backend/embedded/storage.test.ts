import { Query } from 'node-appwrite';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBackendError } from '../errors';
import type { BucketId } from '../port';
import { storedFilePath } from './bucket-files';
import { openTempBackend, type TempBackend } from './test-support';

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('storage on disk', () => {
  let temp: TempBackend;
  const bucketId: BucketId = 'course-materials';
  const bucketDir = () => join(temp.dataDir, 'buckets', bucketId);

  beforeAll(async () => {
    temp = await openTempBackend();
  });
  afterAll(() => temp.dispose());

  it('keeps the bytes at buckets/<bucket>/<fileId> and leaves no temporary file', async () => {
    const data = Buffer.from('lecture notes');
    await temp.backend.storage.put({
      bucketId,
      fileId: 'notes',
      name: 'notes.txt',
      mimeType: 'text/plain',
      data,
    });
    expect(await readFile(join(bucketDir(), 'notes'))).toEqual(data);
    expect(await readdir(bucketDir())).toEqual(['notes']);
  });

  it.each(['../escape', '..', '.', 'a/b', '/etc/passwd', 'x\\..\\y', '%2e%2e', 'ok/../../x', ''])(
    'refuses the file id %j without touching the disk',
    async (fileId) => {
      const before = await readdir(temp.dataDir, { recursive: true });
      const put = temp.backend.storage.put({
        bucketId,
        fileId,
        name: 'x.txt',
        mimeType: 'text/plain',
        data: Buffer.from('x'),
      });
      expect(isBackendError(await errorOf(put), 'invalid')).toBe(true);
      const read = await errorOf(temp.backend.storage.read({ bucketId, fileId }));
      expect(isBackendError(read)).toBe(true);
      expect(await readdir(temp.dataDir, { recursive: true })).toEqual(before);
    },
  );

  it('resolves stored paths inside the bucket directory only', () => {
    expect(storedFilePath('/data', 'thumbnails', 'abc')).toBe('/data/buckets/thumbnails/abc');
    expect(() => storedFilePath('/data', 'thumbnails', '../secrets')).toThrow();
  });

  it('refuses unknown buckets with not_found', async () => {
    const error = await errorOf(
      temp.backend.storage.put({
        bucketId: 'nope' as BucketId,
        name: 'x.txt',
        mimeType: 'text/plain',
        data: Buffer.from('x'),
      }),
    );
    expect(isBackendError(error, 'not_found')).toBe(true);
  });

  it('removes the temporary file when the id is taken', async () => {
    const data = Buffer.from('first');
    await temp.backend.storage.put({
      bucketId,
      fileId: 'taken',
      name: 'a.txt',
      mimeType: 'text/plain',
      data,
    });
    const again = temp.backend.storage.put({
      bucketId,
      fileId: 'taken',
      name: 'b.txt',
      mimeType: 'text/plain',
      data: Buffer.from('second'),
    });
    expect(isBackendError(await errorOf(again), 'conflict')).toBe(true);
    expect(await readFile(join(bucketDir(), 'taken'), 'utf8')).toBe('first');
    expect((await readdir(bucketDir())).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('streams large files in chunks', async () => {
    const data = Buffer.alloc(1024 * 1024, 7);
    await temp.backend.storage.put({
      bucketId,
      fileId: 'big',
      name: 'big.zip',
      mimeType: 'application/zip',
      data,
    });
    const stream = await temp.backend.storage.read({ bucketId, fileId: 'big' });
    let chunks = 0;
    let size = 0;
    for await (const chunk of stream) {
      chunks += 1;
      size += Buffer.byteLength(chunk);
    }
    expect(size).toBe(data.length);
    expect(chunks).toBeGreaterThan(1);
  });

  it('deletes the bytes with the metadata', async () => {
    await temp.backend.storage.put({
      bucketId,
      fileId: 'temp',
      name: 't.txt',
      mimeType: 'text/plain',
      data: Buffer.from('t'),
    });
    await temp.backend.storage.delete({ bucketId, fileId: 'temp' });
    expect(await errorOf(stat(join(bucketDir(), 'temp')))).toMatchObject({ code: 'ENOENT' });
  });

  it('lists with queries and a case-insensitive name search', async () => {
    const bucket: BucketId = 'backups';
    for (const [fileId, name, size] of [
      ['b1', 'Nightly-Backup.zip', 3],
      ['b2', 'weekly-backup.zip', 1],
      ['b3', 'export.json', 2],
    ] as const) {
      await temp.backend.storage.put({
        bucketId: bucket,
        fileId,
        name,
        mimeType: 'application/zip',
        data: Buffer.alloc(size),
      });
    }
    const searched = await temp.backend.storage.list({ bucketId: bucket, search: 'BACKUP' });
    expect(searched.files.map((file) => file.id)).toEqual(['b1', 'b2']);
    const bySize = await temp.backend.storage.list({
      bucketId: bucket,
      queries: [Query.orderAsc('sizeOriginal')],
    });
    expect(bySize.files.map((file) => file.id)).toEqual(['b2', 'b3', 'b1']);
    const paged = await temp.backend.storage.list({
      bucketId: bucket,
      queries: [Query.orderAsc('sizeOriginal'), Query.cursorAfter('b2'), Query.limit(1)],
    });
    expect(paged).toMatchObject({ total: 3, files: [{ id: 'b3' }] });
    const other = await temp.backend.storage.list({ bucketId: 'thumbnails' });
    expect(other.total).toBe(0);
    const bad = await errorOf(
      temp.backend.storage.list({ bucketId: bucket, queries: [Query.equal('nope', 'x')] }),
    );
    expect(isBackendError(bad, 'invalid')).toBe(true);
  });
});
