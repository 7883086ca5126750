import { text } from 'node:stream/consumers';
import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { appwriteError, appwriteFile, TIMES } from './fixtures';
import { expectAdminCall, setupMockAppwrite } from './mock-appwrite';

const FILES = '/v1/storage/buckets/thumbnails/files';

const mock = setupMockAppwrite();

describe('storage.put', () => {
  it('uploads the bytes as multipart under a unique id and maps the stored file', async () => {
    mock.appwrite.reply('POST', FILES, 201, appwriteFile({ $id: 'generated' }));

    const file = await mock.backend.storage.put({
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
    const [request] = mock.appwrite.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.body).toMatch(/name="fileId"\r\n\r\n[0-9a-f]{20}\r\n/);
    expect(request?.body).toMatch(/name="file"; filename="cover.png"\r\n[^]*\r\n\r\nPNG!\r\n/);
    expectAdminCall(request);
  });

  it('keeps a given file id and reports a refused extension as invalid', async () => {
    mock.appwrite.reply(
      'POST',
      FILES,
      400,
      appwriteError(400, 'File extension not allowed', 'storage_file_type_unsupported'),
    );

    await expect(
      mock.backend.storage.put({
        bucketId: 'thumbnails',
        fileId: 'mine',
        name: 'run.exe',
        mimeType: 'application/octet-stream',
        data: Buffer.from('MZ'),
      }),
    ).rejects.toMatchObject({ kind: 'invalid', message: 'File extension not allowed' });
    expect(mock.appwrite.requests[0]?.body).toMatch(/name="fileId"\r\n\r\nmine\r\n/);
  });
});

describe('storage.getMetadata', () => {
  it('reads the file model', async () => {
    mock.appwrite.reply('GET', `${FILES}/file1`, 200, appwriteFile());

    await expect(
      mock.backend.storage.getMetadata({ bucketId: 'thumbnails', fileId: 'file1' }),
    ).resolves.toMatchObject({
      id: 'file1',
      name: 'cover.png',
    });
    expect(mock.appwrite.requests[0]?.method).toBe('GET');
    expectAdminCall(mock.appwrite.requests[0]);
  });
});

describe('storage.read', () => {
  it('streams the downloaded bytes', async () => {
    mock.appwrite.replyBytes('GET', `${FILES}/file1/download`, Buffer.from('file body'));

    const stream = await mock.backend.storage.read({ bucketId: 'thumbnails', fileId: 'file1' });

    await expect(text(stream)).resolves.toBe('file body');
    expectAdminCall(mock.appwrite.requests[0]);
  });

  it('reports a missing file as not_found', async () => {
    mock.appwrite.reply(
      'GET',
      `${FILES}/nope/download`,
      404,
      appwriteError(404, 'The requested file could not be found.', 'storage_file_not_found'),
    );

    await expect(mock.backend.storage.read({ bucketId: 'thumbnails', fileId: 'nope' })).rejects.toMatchObject(
      {
        kind: 'not_found',
      },
    );
  });
});

describe('storage.delete', () => {
  it('deletes the file', async () => {
    mock.appwrite.replyEmpty('DELETE', `${FILES}/file1`);

    await expect(
      mock.backend.storage.delete({ bucketId: 'thumbnails', fileId: 'file1' }),
    ).resolves.toBeUndefined();
    expect(mock.appwrite.requests[0]?.method).toBe('DELETE');
    expectAdminCall(mock.appwrite.requests[0]);
  });
});

describe('storage.list', () => {
  it('passes queries and search and maps the files', async () => {
    mock.appwrite.reply('GET', FILES, 200, {
      total: 3,
      files: [appwriteFile({ $id: 'a' }), appwriteFile({ $id: 'b' })],
    });

    const list = await mock.backend.storage.list({
      bucketId: 'thumbnails',
      queries: [Query.limit(2)],
      search: 'cover',
    });

    expect(list.total).toBe(3);
    expect(list.files.map((file) => file.id)).toEqual(['a', 'b']);
    const query = mock.appwrite.requests[0]?.query;
    expect(query?.get('queries[0]')).toBe(Query.limit(2));
    expect(query?.get('search')).toBe('cover');
    expectAdminCall(mock.appwrite.requests[0]);
  });

  it('refuses a file from a bucket the port does not know', async () => {
    mock.appwrite.reply('GET', FILES, 200, { total: 1, files: [appwriteFile({ bucketId: 'elsewhere' })] });

    await expect(mock.backend.storage.list({ bucketId: 'thumbnails' })).rejects.toMatchObject({
      kind: 'unavailable',
    });
  });
});
