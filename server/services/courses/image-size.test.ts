import { describe, expect, it } from 'vitest';
import { samples } from '../../../tests/fixtures/images';
import { pngOfSize } from '../../../tests/helpers/courses';
import { detectImageType } from '../identity/image-type';
import { imageSizeOf } from './image-size';

const sizeOf = (data: Buffer) => {
  const type = detectImageType(data);
  return type ? imageSizeOf(data, type) : null;
};

function jpegOfSize(width: number, height: number): Buffer {
  // SOI, an APP0 segment to skip, then a baseline start-of-frame with the size.
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]);
  const sof = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.alloc(12)]);
}

function webpX(width: number, height: number): Buffer {
  const data = Buffer.alloc(30);
  data.write('RIFF', 0, 'latin1');
  data.write('WEBPVP8X', 8, 'latin1');
  data.writeUIntLE(width - 1, 24, 3);
  data.writeUIntLE(height - 1, 27, 3);
  return data;
}

describe('imageSizeOf', () => {
  it('reads PNG, JPEG, WebP (lossless and extended) and GIF headers', () => {
    expect(sizeOf(samples.png)).toEqual({ width: 1, height: 1 });
    expect(sizeOf(pngOfSize(1920, 1080))).toEqual({ width: 1920, height: 1080 });
    expect(sizeOf(jpegOfSize(640, 480))).toEqual({ width: 640, height: 480 });
    expect(sizeOf(webpX(3000, 2000))).toEqual({ width: 3000, height: 2000 });
    expect(sizeOf(samples.webp)).toEqual({ width: 1, height: 1 });
    expect(sizeOf(samples.gif)).toEqual({ width: 1, height: 1 });
  });

  it('gives up on a truncated header instead of guessing', () => {
    expect(sizeOf(samples.jpeg)).toBeNull();
    expect(sizeOf(samples.png.subarray(0, 20))).toBeNull();
  });
});
