/**
 * A gzip body with a fresh value spliced in, without compressing again. A cached page
 * is stored compressed, but every response must carry a new CSP nonce; compressing the
 * whole page again would cost ~0.1 ms a response (decision 0032). So the page is kept as
 * the text around each nonce, each piece raw-deflated and sync-flushed (byte-aligned,
 * not final); a response is those pieces with the nonce between them as stored
 * (uncompressed) deflate blocks, in a gzip frame whose CRC-32 is worked out over the
 * text it carries (RFC 1951, 1952).
 *
 * Each piece is compressed with the text before it as its dictionary, so the data
 * script can point back at the markup, with NUL bytes standing in for the slots. When
 * the text has no NUL byte of its own, no match can reach into a slot, so whatever of
 * the same length fills it decodes correctly; a text with NUL bytes gets no dictionary.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** ID1 ID2, deflate, no flags, no mtime, no extra flags, OS unknown. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final block with fixed Huffman codes: what ends every deflate stream here. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
/** A stored block holds at most 65,535 bytes; a nonce is 24. */
const STORED_MAX = 0xffff;
/** How far back deflate can point. */
const WINDOW = 32 * 1024;

interface Piece {
  /** Text between two slots, as it reads. */
  plain: Buffer;
  /** The same, raw-deflated on its own and sync-flushed. */
  deflated: Buffer;
}

export interface SplicedText {
  pieces: Piece[];
  /** The one length a spliced value may have (the slot's). */
  slotLength: number;
  /** Bytes held, for the cache's budget. */
  bytes: number;
}

/** Splits `text` at every `slot`, compressing each piece once. */
export function spliceable(text: Buffer, slot: string, level: number): SplicedText {
  const plain: Buffer[] = [];
  const marker = Buffer.from(slot);
  let start = 0;
  for (let at = slot ? text.indexOf(marker, start) : -1; at !== -1; at = text.indexOf(marker, start)) {
    plain.push(text.subarray(start, at));
    start = at + marker.length;
  }
  plain.push(text.subarray(start));
  const withDictionary = !text.includes(0);
  const filler = Buffer.alloc(marker.length);
  let before = Buffer.alloc(0);
  const pieces = plain.map((piece, index) => {
    const dictionary = withDictionary && index > 0 ? (before = Buffer.concat([before, filler])) : null;
    const deflated = deflateRawSync(piece, {
      level,
      finishFlush: constants.Z_SYNC_FLUSH,
      ...(dictionary ? { dictionary: dictionary.subarray(-WINDOW) } : {}),
    });
    if (withDictionary) before = Buffer.concat([before, piece]).subarray(-WINDOW);
    return { plain: piece, deflated };
  });
  const bytes = pieces.reduce((sum, piece) => sum + piece.plain.length + piece.deflated.length, 0);
  return { pieces, slotLength: marker.length, bytes };
}

/** The text with `value` in every slot. */
export function joined(text: SplicedText, value: string): Buffer {
  const insert = Buffer.from(value);
  const parts: Buffer[] = [];
  text.pieces.forEach((piece, index) => {
    if (index > 0) parts.push(insert);
    parts.push(piece.plain);
  });
  return Buffer.concat(parts);
}

function storedBlock(data: Buffer): Buffer {
  if (data.length > STORED_MAX) throw new Error('a spliced value must fit one stored block');
  const header = Buffer.alloc(5);
  header[0] = 0x00; // not final, stored; the rest of the byte is padding
  header.writeUInt16LE(data.length, 1);
  header.writeUInt16LE(~data.length & 0xffff, 3);
  return Buffer.concat([header, data]);
}

/** A gzip member that decodes to `joined(text, value)`. */
export function gzipWith(text: SplicedText, value: string): Buffer {
  const insert = Buffer.from(value);
  if (text.pieces.length > 1 && insert.length !== text.slotLength)
    throw new Error('a spliced value must be as long as the slot it fills');
  const stored = storedBlock(insert);
  const parts: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  text.pieces.forEach((piece, index) => {
    if (index > 0) {
      parts.push(stored);
      crc = crc32(insert, crc);
      size += insert.length;
    }
    parts.push(piece.deflated);
    crc = crc32(piece.plain, crc);
    size += piece.plain.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 0x1_0000_0000, 4);
  parts.push(FINAL_BLOCK, trailer);
  return Buffer.concat(parts);
}
