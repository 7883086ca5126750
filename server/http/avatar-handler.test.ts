import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { samples } from '../../tests/fixtures/images';
import { startApi, type RunningApi } from '../../tests/helpers/http';
import {
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../tests/helpers/services';
import { createCaller } from '../trpc/root';

let services: TestServices;
let api: RunningApi;

beforeEach(async () => {
  services = await createTestServices();
  api = await startApi(services);
});
afterEach(async () => {
  await api.close();
  await services.cleanup();
});

describe('GET /avatars/:fileId', () => {
  it('serves the avatar with its type, a year of caching and a locked-down CSP', async () => {
    const caller = createCaller(await contextFor(services, await createTestUser(services, 'regular')));
    const viewer = await caller.auth.updateProfile({
      avatar: { fileName: 'me.png', mimeType: 'image/png', base64: samples.png.toString('base64') },
    });

    const response = await fetch(`${api.base}${viewer.avatarUrl ?? ''}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(samples.png);

    const head = await fetch(`${api.base}${viewer.avatarUrl ?? ''}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(samples.png.length));
  });

  it('is 404 for unknown and malformed ids, and for files that are not avatars', async () => {
    // A file in the same bucket that did not come through the avatar upload.
    const other = await services.backend.storage.put({
      bucketId: 'user-uploads',
      name: 'diagram.png',
      mimeType: 'image/png',
      data: samples.png,
    });
    for (const path of [
      '/avatars/unknown',
      '/avatars/..%2Fsecrets.json',
      '/avatars/',
      `/avatars/${other.id}`,
    ]) {
      const response = await fetch(`${api.base}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('takes GET and HEAD only', async () => {
    expect((await fetch(`${api.base}/avatars/abc`, { method: 'POST' })).status).toBe(405);
  });
});
