/**
 * Compression of whole answers: pages and tRPC JSON, once the handler has written all of
 * it. Compressing per flushed chunk cost 6–7 ms a page (zlib pays per chunk); one call
 * over the finished document costs ~0.1 ms at the levels below, measured on a 17 KB
 * catalog page and a 7 KB course.list answer (scripts/measure-compression.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { acceptsEncoding, type ContentCoding } from './accept-encoding';
import { holdResponse } from './held-response';

/** Below this a compressed body saves less than its framing and the CPU it costs. */
export const MIN_COMPRESSED_SIZE = 1024;
/**
 * Levels for live answers (17 KB catalog page, best of 7 batches on the 2-core machine;
 * decision 0032): brotli 2 ~80 µs → 4.9 KB; gzip 1 ~110 µs → 5.1 KB, gzip 6 ~240 µs →
 * 4.6 KB. The few hundred bytes the slower levels save are not worth their CPU.
 */
export const BROTLI_QUALITY = 2;
export const GZIP_LEVEL = 1;
/** A cached page is compressed once a second at most: there the best level is free. */
export const STORED_GZIP_LEVEL = 9;

const COMPRESSIBLE_TYPE = /^(text\/html|application\/json)\b/i;

function headerText(res: ServerResponse, name: string): string {
  const value = res.getHeader(name);
  return value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * Whether an answer about to be written is one to hold back and compress whole: HTML or
 * JSON, with a body (not HEAD, 204, 304), not already encoded, not streamed on purpose
 * (tRPC's jsonl batches say chunked), not marked no-transform, not known to be tiny.
 */
export function isCompressible(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'HEAD' || res.statusCode < 200 || res.statusCode === 204 || res.statusCode === 304)
    return false;
  if (res.hasHeader('content-encoding') || res.hasHeader('transfer-encoding')) return false;
  if (/\bno-transform\b/i.test(headerText(res, 'cache-control'))) return false;
  const length = Number(headerText(res, 'content-length') || Number.NaN);
  if (Number.isFinite(length) && length < MIN_COMPRESSED_SIZE) return false;
  return COMPRESSIBLE_TYPE.test(headerText(res, 'content-type'));
}

/** The coding to answer with, brotli first: every browser that sends `br` decodes it. */
export function chosenCoding(acceptEncoding: string | undefined): ContentCoding | null {
  if (acceptsEncoding(acceptEncoding, 'br')) return 'br';
  if (acceptsEncoding(acceptEncoding, 'gzip')) return 'gzip';
  return null;
}

export function compressed(body: Buffer, coding: ContentCoding): Buffer {
  if (coding === 'gzip') return gzipSync(body, { level: GZIP_LEVEL });
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

/** Adds `Accept-Encoding` to Vary, keeping what the handler put there. */
export function varyOnEncoding(res: ServerResponse): void {
  const existing = headerText(res, 'vary');
  if (/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(existing)) return;
  res.setHeader('Vary', existing ? `${existing}, Accept-Encoding` : 'Accept-Encoding');
}

/**
 * Ends `res` with `body`, compressed when the client accepts it and it is worth it.
 * `res`'s status and headers are set and not yet sent.
 */
export function endCompressed(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  varyOnEncoding(res);
  const coding = body.length >= MIN_COMPRESSED_SIZE ? chosenCoding(req.headers['accept-encoding']) : null;
  const out = coding ? compressed(body, coding) : body;
  if (coding) res.setHeader('Content-Encoding', coding);
  res.setHeader('Content-Length', out.length);
  res.end(out);
}

/** Holds what the handler writes and ends it compressed, when it turns out compressible. */
export function compressWhenDone(req: IncomingMessage, res: ServerResponse): void {
  holdResponse(res, {
    shouldHold: () => isCompressible(req, res),
    finish: (body) => endCompressed(req, res, body),
  });
}
