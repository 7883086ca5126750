/**
 * What compressing a page or an API answer costs on this machine, to choose the levels
 * in server/http/compression.ts (decision 0032 records a run). Reads the bodies to try
 * from files, e.g. a saved catalog page and a course.list answer:
 *   curl -s localhost:3000/catalog > /tmp/catalog.html
 *   npx tsx scripts/measure-compression.ts /tmp/catalog.html /tmp/list.json
 * Prints µs per call and compressed bytes for gzip levels and brotli qualities, and the
 * page cache's spliced gzip (a cached page served with a new nonce).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { gzipWith, spliceable } from '../server/http/gzip-splice';

const BATCHES = 7;
const ROUNDS = 60;

/** The best of several batches: on a shared machine the minimum is the cost, the rest is waiting. */
function timed(run: () => Buffer, rounds = ROUNDS): { micros: number; bytes: number } {
  for (let warm = 0; warm < 20; warm++) run();
  let best = Number.POSITIVE_INFINITY;
  let bytes = 0;
  for (let batch = 0; batch < BATCHES; batch++) {
    const start = process.hrtime.bigint();
    for (let round = 0; round < rounds; round++) bytes = run().length;
    best = Math.min(best, Number(process.hrtime.bigint() - start) / rounds / 1000);
  }
  return { micros: best, bytes };
}

const brotli = (body: Buffer, quality: number) => () =>
  brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: tsx scripts/measure-compression.ts <body file>...');
  process.exit(2);
}
for (const file of files) {
  const body = readFileSync(file);
  console.log(`${basename(file)}: ${body.length} bytes`);
  const row = (label: string, { micros, bytes }: { micros: number; bytes: number }) =>
    console.log(`  ${label.padEnd(22)} ${micros.toFixed(0).padStart(6)} µs  ${String(bytes).padStart(7)} B`);
  for (const level of [1, 4, 6, 9])
    row(
      `gzip level ${level}`,
      timed(() => gzipSync(body, { level })),
    );
  for (const quality of [1, 2, 3, 4, 5]) row(`brotli quality ${quality}`, timed(brotli(body, quality)));
  row('brotli quality 11', timed(brotli(body, 11), 3));
  const nonce = /nonce="([^"]+)"/.exec(body.toString('utf8'))?.[1];
  if (nonce) {
    row(
      'cache: split + deflate',
      timed(() => gzipWith(spliceable(body, nonce, 9), nonce)),
    );
    const stored = spliceable(body, nonce, 9);
    row(
      'cache: spliced gzip',
      timed(() => gzipWith(stored, 'AAAAAAAAAAAAAAAAAAAAAA==')),
    );
  }
}
