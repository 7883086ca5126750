/**
 * Serves the client build (build/client). The build is immutable while the server runs,
 * so it is indexed once at start: a request is a map lookup (no path ever reaches the
 * file system, so no traversal) and the precompressed .br/.gz written by
 * scripts/precompress.ts are picked by Accept-Encoding without compressing anything live.
 */
import type { RequestHandler } from 'express';
import { createReadStream, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { acceptsEncoding, type ContentCoding } from './accept-encoding';
import { contentTypeOf } from './content-types';

/** Vite puts content-hashed files here: a URL's bytes never change, so caches keep them forever. */
const HASHED_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Unhashed files (favicon, robots.txt) may change with a deploy. */
const SHORT = 'public, max-age=3600';

interface Variant {
  path: string;
  size: number;
  etag: string;
}

interface StaticFile {
  type: string;
  identity: Variant;
  encoded: Partial<Record<ContentCoding, Variant>>;
}

async function variantOf(path: string, stats?: Stats): Promise<Variant | undefined> {
  const info = stats ?? (await stat(path).catch(() => undefined));
  if (!info?.isFile()) return undefined;
  return {
    path,
    size: info.size,
    etag: `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
  };
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // Dot-folders (.vite manifests) are build bookkeeping, not public files.
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

export async function indexStaticFiles(root: string): Promise<Map<string, StaticFile>> {
  const index = new Map<string, StaticFile>();
  for await (const path of filesUnder(root)) {
    if (path.endsWith('.br') || path.endsWith('.gz')) continue;
    const identity = await variantOf(path);
    if (!identity) continue;
    const [br, gzip] = await Promise.all([variantOf(`${path}.br`), variantOf(`${path}.gz`)]);
    const url = '/' + relative(root, path).split(sep).join('/');
    index.set(url, { type: contentTypeOf(path), identity, encoded: { br, gzip } });
  }
  return index;
}

function choose(file: StaticFile, acceptEncoding: string | undefined): [ContentCoding | null, Variant] {
  for (const coding of ['br', 'gzip'] as const) {
    const variant = file.encoded[coding];
    if (variant && acceptsEncoding(acceptEncoding, coding)) return [coding, variant];
  }
  return [null, file.identity];
}

function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(url);
  } catch {
    return null;
  }
}

export async function createStaticFiles(root: string): Promise<RequestHandler> {
  const index = await indexStaticFiles(root);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = decodedPath(req.path);
    const file = path === null ? undefined : index.get(path);
    if (!file) {
      // A missing hashed asset is a stale client, not a page: answer small and fast.
      if (req.path.startsWith(HASHED_PREFIX)) {
        res.status(404).type('text/plain').set('Cache-Control', 'no-store').send('Not found');
        return;
      }
      return next();
    }

    const [coding, variant] = choose(file, req.headers['accept-encoding']);
    res.setHeader('Content-Type', file.type);
    res.setHeader('Cache-Control', req.path.startsWith(HASHED_PREFIX) ? IMMUTABLE : SHORT);
    res.setHeader('ETag', variant.etag);
    if (file.encoded.br || file.encoded.gzip) res.setHeader('Vary', 'Accept-Encoding');
    if (coding) res.setHeader('Content-Encoding', coding);

    if (req.headers['if-none-match'] === variant.etag) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Length', variant.size);
    if (req.method === 'HEAD') {
      res.status(200).end();
      return;
    }
    res.status(200);
    pipeline(createReadStream(variant.path), res).catch((error: unknown) => {
      // A client that goes away mid-download is routine; anything else is worth a line.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        console.error(`static file ${variant.path} failed:`, error);
      }
    });
  };
}
