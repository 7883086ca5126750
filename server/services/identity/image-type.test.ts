import { describe, expect, it } from 'vitest';
import { detectImageType } from './image-type';
import { samples } from '../../../tests/fixtures/images';

describe('detectImageType', () => {
  it.each([
    ['png', samples.png, 'image/png'],
    ['jpeg', samples.jpeg, 'image/jpeg'],
    ['gif', samples.gif, 'image/gif'],
    ['webp', samples.webp, 'image/webp'],
  ])('recognises %s by its bytes', (_name, data, mimeType) => {
    expect(detectImageType(data)?.mimeType).toBe(mimeType);
  });

  it.each([
    ['a PDF', samples.pdf],
    ['a script', samples.script],
    ['an SVG', samples.svg],
    ['a RIFF that is not WebP', Buffer.from('RIFF\0\0\0\0WAVEfmt ')],
    ['a truncated PNG signature', samples.png.subarray(0, 5)],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_name, data) => {
    expect(detectImageType(data)).toBeNull();
  });
});
