/**
 * An image's pixel size read from its header, without decoding it: enough to refuse a
 * thumbnail that would weigh pages down, with no image library in the server.
 */
import type { ImageType } from '../identity/image-type';

export interface ImageSize {
  width: number;
  height: number;
}

function png(data: Buffer): ImageSize | null {
  // The IHDR chunk always comes first: width and height are big-endian at 16 and 20.
  if (data.length < 24 || data.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** Start-of-frame markers carry the size; the others (DHT C4, JPG C8, DAC CC) do not. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpeg(data: Buffer): ImageSize | null {
  let offset = 2;
  while (offset + 4 <= data.length) {
    if (data[offset] !== 0xff) return null;
    const marker = data[offset + 1] ?? 0;
    // Fill bytes and markers without a length field.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      offset += 2;
      continue;
    }
    const length = data.readUInt16BE(offset + 2);
    if (SOF.has(marker)) {
      if (offset + 9 > data.length) return null;
      return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}

function webp(data: Buffer): ImageSize | null {
  const chunk = data.length >= 16 ? data.toString('ascii', 12, 16) : '';
  if (chunk === 'VP8 ' && data.length >= 30) {
    // Lossy: 14-bit sizes after the frame tag and the 9d 01 2a start code.
    return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L' && data.length >= 25) {
    // Lossless: after the 0x2f signature, 14 bits of width-1 then 14 bits of height-1.
    const bits = data.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && data.length >= 30) {
    // Extended: 24-bit canvas width-1 and height-1.
    return { width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1 };
  }
  return null;
}

function gif(data: Buffer): ImageSize | null {
  return data.length < 10 ? null : { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
}

export function imageSizeOf(data: Buffer, type: ImageType): ImageSize | null {
  switch (type.extension) {
    case 'png':
      return png(data);
    case 'jpg':
      return jpeg(data);
    case 'webp':
      return webp(data);
    case 'gif':
      return gif(data);
  }
}
