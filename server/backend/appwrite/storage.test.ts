import { text } from 'node:stream/consumers';
import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../port';
import { appwriteError, appwriteFile, TIMES } from './fixtures';
import { CONFIG, expectAdminCall, mockAppwrite, type MockAppwrite } from './mock-appwrite';
import { createAppwriteBackend } from './index';

const FILES = '/v1/storage/buckets/thumbnails/files';

let appwrite: MockAppwrite;
let backend: Backend;

beforeEach(() => {
  appwrite = mockAppwrite();
  backend = createAppwriteBackend(CONFIG);
});

afterEach(() => appwrite.close());

describe('storage.put', () => {
  it('uploads the bytes as multipart under a unique id and maps the stored file', async () => {
    appwrite.reply('POST', FILES, 201, appwriteFile({ $id: 'generated' }));

    const file = await backend.storage.put({
      bucketId: 'thumbnails',
      name: 'cover.png',
      mimeType: 'image/png',
      data: Buffer.from('PNG!'),
    });

    expect(file).toEqual({
      id: 'generated',
      bucketId: 'thumbnails',
      name: 'cover.png',
      mimeType: 'image/png',
      sizeOriginal: 4,
      createdAt: TIMES.created,
      updatedAt: TIMES.updated,
    });
    const [request] = appwrite.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.body).toMatch(/name="fileId"\r\n\r\n[0-9a-f]{20}\r\n/);
    expect(request?.body).toMatch(/name="file"; filename="cover.png"\r\n[^]*\r\n\r\nPNG!\r\n/);
    expectAdminCall(request);
  });

  it('keeps a given file id and reports a refused extension as invalid', async () => {
    appwrite.reply(
      'POST',
      FILES,
      400,
      appwriteError(400, 'File extension not allowed', 'storage_file_type_unsupported'),
    );

    await expect(
      backend.storage.put({
        bucketId: 'thumbnails',
        fileId: 'mine',
        name: 'run.exe',
        mimeType: 'application/octet-stream',
        data: Buffer.from('MZ'),
      }),
    ).rejects.toMatchObject({ kind: 'invalid', message: 'File extension not allowed' });
    expect(appwrite.requests[0]?.body).toMatch(/name="fileId"\r\n\r\nmine\r\n/);
  });
});

describe('storage.getMetadata', () => {
  it('reads the file model', async () => {
    appwrite.reply('GET', `${FILES}/file1`, 200, appwriteFile());

    await expect(
      backend.storage.getMetadata({ bucketId: 'thumbnails', fileId: 'file1' }),
    ).resolves.toMatchObject({
      id: 'file1',
      name: 'cover.png',
    });
    expect(appwrite.requests[0]?.method).toBe('GET');
    expectAdminCall(appwrite.requests[0]);
  });
});

describe('storage.read', () => {
  it('streams the downloaded bytes', async () => {
    appwrite.replyBytes('GET', `${FILES}/file1/download`, Buffer.from('file body'));

    const stream = await backend.storage.read({ bucketId: 'thumbnails', fileId: 'file1' });

    await expect(text(stream)).resolves.toBe('file body');
    expectAdminCall(appwrite.requests[0]);
  });

  it('reports a missing file as not_found', async () => {
    appwrite.reply(
      'GET',
      `${FILES}/nope/download`,
      404,
      appwriteError(404, 'The requested file could not be found.', 'storage_file_not_found'),
    );

    await expect(backend.storage.read({ bucketId: 'thumbnails', fileId: 'nope' })).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});

describe('storage.delete', () => {
  it('deletes the file', async () => {
    appwrite.replyEmpty('DELETE', `${FILES}/file1`);

    await expect(
      backend.storage.delete({ bucketId: 'thumbnails', fileId: 'file1' }),
    ).resolves.toBeUndefined();
    expect(appwrite.requests[0]?.method).toBe('DELETE');
    expectAdminCall(appwrite.requests[0]);
  });
});

describe('storage.list', () => {
  it('passes queries and search and maps the files', async () => {
    appwrite.reply('GET', FILES, 200, {
      total: 3,
      files: [appwriteFile({ $id: 'a' }), appwriteFile({ $id: 'b' })],
    });

    const list = await backend.storage.list({
      bucketId: 'thumbnails',
      queries: [Query.limit(2)],
      search: 'cover',
    });

    expect(list.total).toBe(3);
    expect(list.files.map((file) => file.id)).toEqual(['a', 'b']);
    const query = appwrite.requests[0]?.query;
    expect(query?.get('queries[0]')).toBe(Query.limit(2));
    expect(query?.get('search')).toBe('cover');
    expectAdminCall(appwrite.requests[0]);
  });

  it('refuses a file from a bucket the port does not know', async () => {
    appwrite.reply('GET', FILES, 200, { total: 1, files: [appwriteFile({ bucketId: 'elsewhere' })] });

    await expect(backend.storage.list({ bucketId: 'thumbnails' })).rejects.toMatchObject({
      kind: 'unavailable',
    });
  });
});
