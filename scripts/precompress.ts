/**
 * Writes `<file>.br` (Brotli, maximum quality) and `<file>.gz` (gzip -9) next to every
 * compressible file of at least 1 KiB in the given folder, so the server can send them
 * as they are: the best compression costs nothing per request because it is paid once,
 * at build time. Smaller files are not worth the extra request-time bookkeeping.
 *
 *   tsx scripts/precompress.ts build/client
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const MIN_BYTES = 1024;
/** Text formats; images and fonts (png, woff2, ...) are already compressed. */
const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.json',
  '.map',
  '.svg',
  '.txt',
  '.xml',
  '.webmanifest',
  '.wasm',
  '.ico',
]);

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

async function compress(path: string): Promise<{ size: number; br: number; gz: number }> {
  const data = await readFile(path);
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzipAsync(data, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
  return { size: data.length, br: br.length, gz: gz.length };
}

async function main(): Promise<void> {
  const root = process.argv[2];
  if (!root) throw new Error('usage: tsx scripts/precompress.ts <folder>');
  if (!(await stat(root).catch(() => null))?.isDirectory()) throw new Error(`${root} is not a folder`);

  const totals = { files: 0, size: 0, br: 0, gz: 0 };
  for await (const path of filesUnder(root)) {
    if (!COMPRESSIBLE.has(extname(path).toLowerCase())) continue;
    if ((await stat(path)).size < MIN_BYTES) continue;
    const result = await compress(path);
    totals.files += 1;
    totals.size += result.size;
    totals.br += result.br;
    totals.gz += result.gz;
    console.log(
      `  ${relative(root, path)}  ${kib(result.size)} → br ${kib(result.br)}, gz ${kib(result.gz)}`,
    );
  }
  console.log(
    `precompressed ${totals.files} files in ${root}: ${kib(totals.size)} → br ${kib(totals.br)}, gz ${kib(totals.gz)}`,
  );
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
