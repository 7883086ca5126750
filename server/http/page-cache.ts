/**
 * The shared cache of rendered pages for visitors (decision 0032). The catalog, the home
 * page and a course page read the same for everyone signed out, so such a page is
 * rendered once and served from memory for at most a second, and dropped at once when
 * the catalog changes (catalog-changes.ts). Three locks keep signed-in pages out:
 *  - only a request without credentials (no Authorization, no session or flash cookie)
 *    reads or fills the cache;
 *  - only a page that asks for it is stored: 200, HTML, `Cache-Control: public` with an
 *    `s-maxage` (routes send it only when the viewer is a visitor; visitor-cache.ts);
 *  - nothing that sets a cookie is stored.
 * A page is kept split at its CSP nonce and compressed once (gzip-splice.ts), so every
 * response gets a nonce of its own in the HTML and in the headers, for ~10 µs. Misses
 * for one key render once; the others wait for that render.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { onCatalogChange } from '../services/courses/catalog-changes';
import { SESSION_COOKIE } from '../services/identity/session-cookie';
import { acceptsEncoding } from './accept-encoding';
import { endCompressed, STORED_GZIP_LEVEL, isCompressible, varyOnEncoding } from './compression';
import { gzipWith, joined, spliceable, type SplicedText } from './gzip-splice';
import { holdResponse } from './held-response';
import { nonceOf } from './request-nonce';

/** The flash cookie's name (app/lib/flash.server.ts): a page that would show a message is personal. */
export const FLASH_COOKIE = 'aurora_flash';
const CREDENTIAL_COOKIES = [SESSION_COOKIE, FLASH_COOKIE];
/** Headers the cache sets itself, or that must never be replayed. */
const NOT_STORED = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'set-cookie',
  'date',
  'connection',
  'keep-alive',
]);
/** A longer URL is someone's experiment, not a page worth a slot. */
const MAX_KEY_LENGTH = 1024;
/** `/assets/entry-1a2b.js`, `/favicon.svg`: files, which never wait on a page render. */
const FILE_PATH = /\.[A-Za-z0-9]+$/;

export interface PageCacheOptions {
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
  /** How long a page is served from memory; a second at most (the staleness budget). */
  ttlMs?: number;
  maxEntries?: number;
  /** Plain and compressed bytes together. */
  maxBytes?: number;
  /** A page larger than this is not stored. */
  maxPageBytes?: number;
}

/** Each header value split at the nonce it was rendered with. */
type HeaderTemplate = [name: string, values: string[][]];

interface CachedPage {
  storedAt: number;
  headers: HeaderTemplate[];
  body: SplicedText;
  bytes: number;
}

export type Render = () => void;

export interface PageCache {
  /** Answers `req` from the cache, or renders it with `render` (filling the cache when allowed). */
  serve(req: IncomingMessage, res: ServerResponse, render: Render): void;
  /** How many pages are held (for tests and the curious). */
  readonly size: number;
  /** Stops listening for catalog changes. */
  close(): void;
}

function carriesCredentials(req: IncomingMessage): boolean {
  if (req.headers.authorization !== undefined) return true;
  const cookie = req.headers.cookie;
  if (!cookie) return false;
  return cookie.split(';').some((pair) => CREDENTIAL_COOKIES.includes(pair.split('=', 1)[0]?.trim() ?? ''));
}

/** Path and query, the query's parameters sorted, so `?a=1&b=2` and `?b=2&a=1` share a page. */
export function pageKeyOf(url: string | undefined): string | null {
  const raw = url ?? '/';
  if (raw.length > MAX_KEY_LENGTH || !raw.startsWith('/')) return null;
  const queryAt = raw.indexOf('?');
  if (FILE_PATH.test(queryAt === -1 ? raw : raw.slice(0, queryAt))) return null;
  if (queryAt === -1) return raw;
  const params = new URLSearchParams(raw.slice(queryAt + 1));
  params.sort();
  const query = params.toString();
  return query ? `${raw.slice(0, queryAt)}?${query}` : raw.slice(0, queryAt);
}

function isStorable(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || res.statusCode !== 200 || res.hasHeader('set-cookie')) return false;
  if (res.hasHeader('content-encoding')) return false;
  const type = String(res.getHeader('content-type') ?? '');
  const cacheControl = String(res.getHeader('cache-control') ?? '');
  return (
    type.startsWith('text/html') && /\bpublic\b/.test(cacheControl) && /\bs-maxage=\d+/.test(cacheControl)
  );
}

function templatesOf(res: ServerResponse, nonce: string): HeaderTemplate[] {
  const templates: HeaderTemplate[] = [];
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined || NOT_STORED.has(name)) continue;
    const values = Array.isArray(value) ? value : [String(value)];
    templates.push([name, values.map((item) => item.split(nonce))]);
  }
  return templates;
}

/** Sends a stored page with `req`'s own nonce everywhere the rendered one was. */
function sendCached(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const nonce = nonceOf(req);
  res.statusCode = 200;
  for (const [name, values] of page.headers) {
    const filled = values.map((parts) => parts.join(nonce));
    res.setHeader(name, filled.length === 1 ? (filled[0] ?? '') : filled);
  }
  // gzip even for brotli clients: a brotli body cannot take a new nonce without compressing
  // again. A client that takes brotli alone gets it compressed for it.
  if (acceptsEncoding(req.headers['accept-encoding'], 'gzip')) {
    varyOnEncoding(res);
    const body = gzipWith(page.body, nonce);
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', body.length);
    res.end(body);
  } else endCompressed(req, res, joined(page.body, nonce));
}

/**
 * A page that sets a cookie is someone's own, whatever its route said: a shared cache
 * in front (a CDN) must not keep it either.
 */
function keepPersonalPagesPrivate(res: ServerResponse): void {
  if (res.hasHeader('set-cookie') && /\bpublic\b/.test(String(res.getHeader('cache-control') ?? '')))
    res.setHeader('Cache-Control', 'private, no-store');
}

/** Renders without the cache: compressed once written, never shared if it sets a cookie. */
function renderUncached(req: IncomingMessage, res: ServerResponse, render: Render): void {
  holdResponse(res, {
    shouldHold: () => isCompressible(req, res),
    finish: (body) => {
      keepPersonalPagesPrivate(res);
      endCompressed(req, res, body);
    },
  });
  render();
}

export function createPageCache(options: PageCacheOptions = {}): PageCache {
  const now = options.now ?? Date.now;
  const ttlMs = Math.min(options.ttlMs ?? 1_000, 1_000);
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const maxPageBytes = options.maxPageBytes ?? 512 * 1024;
  const pages = new Map<string, CachedPage>();
  const rendering = new Map<string, Promise<CachedPage | null>>();
  let bytes = 0;
  // Bumped by every catalog change: a render that began before one is not stored.
  let generation = 0;

  const drop = (key: string) => {
    const page = pages.get(key);
    if (!page) return;
    pages.delete(key);
    bytes -= page.bytes;
  };
  const store = (key: string, page: CachedPage) => {
    drop(key);
    pages.set(key, page);
    bytes += page.bytes;
    // Oldest first: a Map iterates in insertion order, and a hit re-inserts.
    for (const oldest of pages.keys()) {
      if (pages.size <= maxEntries && bytes <= maxBytes) break;
      drop(oldest);
    }
  };
  const fresh = (key: string): CachedPage | null => {
    const page = pages.get(key);
    if (!page) return null;
    if (now() - page.storedAt >= ttlMs) {
      drop(key);
      return null;
    }
    pages.delete(key);
    pages.set(key, page);
    return page;
  };
  const unsubscribe = onCatalogChange(() => {
    generation += 1;
    pages.clear();
    bytes = 0;
    // Later misses render again rather than wait for a page from before the change.
    rendering.clear();
  });

  const renderAndMaybeStore = (req: IncomingMessage, res: ServerResponse, key: string, render: Render) => {
    const startedIn = generation;
    const nonce = nonceOf(req);
    let settle: (page: CachedPage | null) => void = () => {};
    const result = new Promise<CachedPage | null>((resolve) => (settle = resolve));
    const done = (page: CachedPage | null) => {
      if (rendering.get(key) === result) rendering.delete(key);
      settle(page);
    };
    rendering.set(key, result);
    // A render that is abandoned or not held (a file, a refusal) leaves the waiters to render.
    res.once('close', () => done(null));
    holdResponse(res, {
      shouldHold: () => isCompressible(req, res),
      finish: (body) => {
        if (!isStorable(req, res) || body.length > maxPageBytes) {
          done(null);
          keepPersonalPagesPrivate(res);
          return endCompressed(req, res, body);
        }
        const text = spliceable(body, nonce, STORED_GZIP_LEVEL);
        const page = { storedAt: now(), headers: templatesOf(res, nonce), body: text, bytes: text.bytes };
        if (startedIn === generation) store(key, page);
        done(page);
        sendCached(req, res, page);
      },
    });
    render();
  };

  return {
    serve(req, res, render) {
      const key = req.method === 'GET' && !carriesCredentials(req) ? pageKeyOf(req.url) : null;
      if (key === null) return renderUncached(req, res, render);
      const page = fresh(key);
      if (page) return sendCached(req, res, page);
      const pending = rendering.get(key);
      if (!pending) return renderAndMaybeStore(req, res, key, render);
      void pending.then((rendered) => {
        if (res.destroyed) return;
        if (rendered) return sendCached(req, res, rendered);
        renderUncached(req, res, render);
      });
    },
    get size() {
      return pages.size;
    },
    close: () => void unsubscribe(),
  };
}
