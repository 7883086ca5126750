import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptVideoId, encryptVideoId, VideoDataError, videoKeyIdOf, type VideoKey } from './video-crypto';

const ID = 'dQw4w9WgXcQ';
const LESSON = 'lesson_1';
const oldKey: VideoKey = { id: 'v1', key: randomBytes(32) };
const newKey: VideoKey = { id: 'v2', key: randomBytes(32) };

function refusal(run: () => unknown): VideoDataError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(VideoDataError);
    const refused = error as VideoDataError;
    expect(refused.name).toBe('VideoDataError');
    expect(refused.message).not.toContain(ID);
    return refused;
  }
  throw new Error('expected a VideoDataError');
}

/** Replaces one character of `text` at `index` with another of the base64url alphabet. */
function flip(text: string, index: number): string {
  const char = text[index];
  return text.slice(0, index) + (char === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

describe('video ID encryption', () => {
  it('decrypts what it encrypted, in the documented format', () => {
    const data = encryptVideoId([oldKey], LESSON, ID);
    expect(data).toMatch(/^v1:[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(data.length).toBeLessThanOrEqual(1024);
    expect(decryptVideoId([oldKey], LESSON, data)).toBe(ID);
    expect(videoKeyIdOf(data)).toBe('v1');
  });

  it('uses a fresh IV for every write', () => {
    const first = encryptVideoId([oldKey], LESSON, ID);
    const second = encryptVideoId([oldKey], LESSON, ID);
    expect(first).not.toBe(second);
    expect(first.split('.')[0]).not.toBe(second.split('.')[0]);
  });

  it('writes with the first key and still reads data written with older keys', () => {
    const written = encryptVideoId([oldKey], LESSON, ID);
    const rotated = [newKey, oldKey];
    expect(decryptVideoId(rotated, LESSON, written)).toBe(ID);
    const rewritten = encryptVideoId(rotated, LESSON, ID);
    expect(videoKeyIdOf(rewritten)).toBe('v2');
    expect(decryptVideoId(rotated, LESSON, rewritten)).toBe(ID);
    // Once the old key is retired, only the old data stops decrypting.
    expect(decryptVideoId([newKey], LESSON, rewritten)).toBe(ID);
    expect(refusal(() => decryptVideoId([newKey], LESSON, written)).message).toMatch(/unknown key/);
  });

  it('refuses a change to each part', () => {
    const data = encryptVideoId([oldKey], LESSON, ID);
    const [prefix = '', rest = ''] = data.split(':');
    const parts = rest.split('.');
    for (let part = 0; part < 3; part += 1) {
      const text = parts[part] ?? '';
      for (const index of [0, text.length - 1]) {
        const changed = parts.map((value, i) => (i === part ? flip(value, index) : value));
        refusal(() => decryptVideoId([oldKey], LESSON, `${prefix}:${changed.join('.')}`));
      }
    }
    // The same key bytes under another id: the id is checked, not trusted.
    refusal(() => decryptVideoId([oldKey, { id: 'v9', key: newKey.key }], LESSON, `v9:${rest}`));
  });

  it('refuses malformed data', () => {
    const data = encryptVideoId([oldKey], LESSON, ID);
    const rest = data.slice(3);
    for (const malformed of [
      '',
      ID,
      rest,
      `v1:${rest}.AAAA`,
      `v1:${rest.split('.').slice(0, 2).join('.')}`,
      `v1:${rest.replace('.', '+')}`,
      `v1:${rest}=`,
      `v1 :${rest}`,
      `${'k'.repeat(17)}:${rest}`,
      `v1:${'A'.repeat(2000)}`,
    ]) {
      expect(videoKeyIdOf(malformed)).toBeNull();
      refusal(() => decryptVideoId([oldKey], LESSON, malformed));
    }
  });

  it("refuses another lesson's ciphertext", () => {
    const data = encryptVideoId([oldKey], 'lesson_a', ID);
    expect(refusal(() => decryptVideoId([oldKey], 'lesson_b', data)).message).toMatch(/this lesson/);
  });

  it('refuses an unknown key id', () => {
    const data = encryptVideoId([newKey], LESSON, ID);
    expect(refusal(() => decryptVideoId([oldKey], LESSON, data)).message).toMatch(/unknown key/);
  });

  it('refuses to encrypt something that is not a video ID, or without a key', () => {
    refusal(() => encryptVideoId([oldKey], LESSON, 'not an id'));
    refusal(() => encryptVideoId([], LESSON, ID));
  });

  it('refuses a decrypted value that is not a video ID', () => {
    // Sealed by hand in the same format, so it authenticates and only the final check can catch it.
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', oldKey.key, iv);
    cipher.setAAD(Buffer.from(LESSON));
    const ciphertext = Buffer.concat([cipher.update('<script>x</script>'), cipher.final()]);
    const sealed = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
    expect(refusal(() => decryptVideoId([oldKey], LESSON, `v1:${sealed}`)).message).toMatch(/not a video ID/);
  });

  it('never holds the ID in a readable form', () => {
    const encodings = [ID, Buffer.from(ID).toString('base64'), Buffer.from(ID).toString('base64url')];
    // Base64 of the ID at the other two byte alignments, minus the edge characters they share with neighbours.
    for (const pad of ['x', 'xy']) {
      const encoded = Buffer.from(pad + ID).toString('base64url');
      encodings.push(encoded.slice(2, -2));
    }
    for (let i = 0; i < 20; i += 1) {
      const data = encryptVideoId([oldKey], LESSON, ID);
      for (const encoding of encodings) {
        expect(data).not.toContain(encoding);
        expect(data.toLowerCase()).not.toContain(encoding.toLowerCase().replace(/=+$/, ''));
      }
    }
  });
});
