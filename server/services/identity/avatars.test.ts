import { describe, expect, it } from 'vitest';
import { samples } from '../../../tests/fixtures/images';
import { findBucket, projectSchemaSpec } from '../../backend/schema';
import { AVATAR_BUCKET, checkAvatar, MAX_AVATAR_BYTES } from './avatars';

describe('avatar limits', () => {
  it('match the user-uploads bucket in appwrite.json', () => {
    const bucket = findBucket(projectSchemaSpec(), AVATAR_BUCKET);
    expect(bucket?.maximumFileSize).toBe(MAX_AVATAR_BYTES);
    expect(bucket?.allowedFileExtensions).toEqual(expect.arrayContaining(['png', 'jpg', 'gif', 'webp']));
  });

  it('accept an image of exactly the limit and refuse one byte more', () => {
    const exact = Buffer.concat([samples.png, Buffer.alloc(MAX_AVATAR_BYTES - samples.png.length)]);
    expect(
      checkAvatar({ fileName: 'a.png', mimeType: 'image/png', base64: exact.toString('base64') }).data,
    ).toHaveLength(MAX_AVATAR_BYTES);
    const over = Buffer.concat([exact, Buffer.alloc(1)]);
    expect(() =>
      checkAvatar({ fileName: 'a.png', mimeType: 'image/png', base64: over.toString('base64') }),
    ).toThrow('at most 2 MiB');
  });

  it('name the stored file after what the bytes are', () => {
    expect(
      checkAvatar({ fileName: 'x.gif', mimeType: 'image/gif', base64: samples.webp.toString('base64') }),
    ).toMatchObject({
      name: 'avatar.webp',
      mimeType: 'image/webp',
    });
  });
});
