/**
 * What JavaScript a browser fetches to show one page, as the build checks count it: the
 * page's `<script src>`s, its `<link rel="modulepreload">`s, the modules its inline module
 * scripts import (Remix's hydration script imports the manifest, the route modules and
 * the entry), and every module those pull in through static `import … from` / `export …
 * from` statements, followed through the files the server serves. Dynamic `import()`s
 * inside a served module are not followed: they load on a later navigation, not for
 * this page. Sizes are decoded bytes (fetch undoes gzip and brotli).
 */

export interface PageScripts {
  /** Every module's URL path, with its decoded size in bytes. */
  modules: Map<string, number>;
  /** Bytes of inline scripts in the HTML itself. */
  inlineBytes: number;
  /** Number of inline `<script>` elements in the HTML. */
  inlineCount: number;
  /** modules + inline, in bytes. */
  totalBytes: number;
}

const SCRIPT_TAG = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const MODULEPRELOAD = /<link\b[^>]*\brel=["']?modulepreload["']?[^>]*>/gi;
const SRC = /\bsrc=["']([^"']+)["']/i;
const HREF = /\bhref=["']([^"']+)["']/i;
/** `import"x"`, `import{a}from"x"`, `export*from"x"`, minified or not. */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+)["']/g;
/** `import("x")` with a literal: only followed inside the page's own inline scripts. */
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

const decodeEntities = (text: string) => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"');

function specifiersIn(source: string, pattern: RegExp): string[] {
  return [...source.matchAll(pattern)].map((match) => match[1] ?? '').filter(Boolean);
}

/** Only same-origin modules are counted; the pages load nothing from elsewhere. */
function sameOriginPath(specifier: string, from: URL): string | null {
  const url = new URL(decodeEntities(specifier), from);
  return url.origin === from.origin ? url.pathname : null;
}

/** Collects the scripts `html` (served at `pageUrl`) makes a browser load. */
export async function collectPageScripts(
  html: string,
  pageUrl: string,
  headers: Record<string, string> = {},
): Promise<PageScripts> {
  const page = new URL(pageUrl);
  const pending: string[] = [];
  const add = (specifier: string, from: URL) => {
    const path = sameOriginPath(specifier, from);
    if (path) pending.push(path);
  };
  let inlineBytes = 0;
  let inlineCount = 0;
  for (const match of html.matchAll(SCRIPT_TAG)) {
    const [, attributes = '', body = ''] = match;
    const src = SRC.exec(attributes)?.[1];
    if (src) {
      add(src, page);
      continue;
    }
    inlineCount += 1;
    inlineBytes += Buffer.byteLength(body);
    for (const specifier of specifiersIn(body, STATIC_IMPORT)) add(specifier, page);
    for (const specifier of specifiersIn(body, DYNAMIC_IMPORT)) add(specifier, page);
  }
  for (const link of html.match(MODULEPRELOAD) ?? []) {
    const href = HREF.exec(link)?.[1];
    if (href) add(href, page);
  }

  const modules = new Map<string, number>();
  while (pending.length > 0) {
    const path = pending.pop() ?? '';
    if (modules.has(path)) continue;
    const response = await fetch(new URL(path, page), { headers });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    const source = await response.text();
    modules.set(path, Buffer.byteLength(source));
    const moduleUrl = new URL(path, page);
    for (const specifier of specifiersIn(source, STATIC_IMPORT)) add(specifier, moduleUrl);
  }
  const moduleBytes = [...modules.values()].reduce((sum, size) => sum + size, 0);
  return { modules, inlineBytes, inlineCount, totalBytes: moduleBytes + inlineBytes };
}

/** `123.4 KB` (1 KB = 1,000 bytes, as the budget is written). */
export const kilobytes = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
