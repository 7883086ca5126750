/**
 * The budget "the JS a visitor downloads for the catalog ≤ 150 KB decoded",
 * checked on the production build over HTTP: every script the visitor's catalog makes a
 * browser load (tests/build/page-scripts.ts) is summed and printed. The visitor's
 * catalog needs no JavaScript (links and a GET form), so it sends none at all; the
 * signed-in catalog, which hydrates, is measured the same way and must load the whole
 * entry, root and route as Remix's manifest lists them — proof that the collector
 * finds scripts where there are some. Runs after `npm run build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageScripts, kilobytes, type PageScripts } from './page-scripts';
import { BROWSER, signIn, startProductionServer, type ProductionServer } from './production-server';

/** The budget, in decoded bytes (1 KB = 1,000 bytes: the stricter reading). */
const VISITOR_CATALOG_BUDGET = 150_000;

let server: ProductionServer;
let visitor: { html: string; scripts: PageScripts };
let signedIn: { html: string; scripts: PageScripts };

async function catalogAs(cookie: string | null) {
  const headers: Record<string, string> = { 'user-agent': BROWSER, 'accept-encoding': 'gzip, br' };
  if (cookie) headers.cookie = cookie;
  const response = await fetch(`${server.base}/catalog`, { headers });
  expect(response.status).toBe(200);
  const html = await response.text();
  return { html, scripts: await collectPageScripts(html, `${server.base}/catalog`, headers) };
}

function report(label: string, scripts: PageScripts): string {
  const line = `${label}: ${kilobytes(scripts.totalBytes)} of JavaScript in ${scripts.modules.size} modules and ${scripts.inlineCount} inline scripts`;
  console.log(line);
  return line;
}

interface ManifestEntry {
  module: string;
  imports?: string[];
}

/** Remix's browser manifest of the page's routes, which its inline module script sets. */
function remixManifest(html: string) {
  const json = /window\.__remixManifest = (\{[\s\S]*?\n\});/.exec(html)?.[1];
  if (!json) throw new Error('no window.__remixManifest in the page');
  return JSON.parse(json) as { entry: ManifestEntry; routes: Record<string, ManifestEntry> };
}

beforeAll(async () => {
  server = await startProductionServer({ label: 'catalog-scripts' });
  visitor = await catalogAs(null);
  signedIn = await catalogAs(await signIn(server, server.admin));
});

afterAll(async () => {
  await server?.stop();
});

describe('the JavaScript of the catalog', () => {
  it(`stays within ${kilobytes(VISITOR_CATALOG_BUDGET)} for a visitor: none at all, not even an inline script`, () => {
    const line = report('visitor catalog', visitor.scripts);
    expect(line).toMatch(/^visitor catalog: \d+\.\d KB of JavaScript/);
    expect(visitor.scripts.totalBytes, line).toBeLessThanOrEqual(VISITOR_CATALOG_BUDGET);
    expect(visitor.html).toContain('Find your next course');
    expect(visitor.html).not.toMatch(/<script\b/i);
    expect(visitor.html).not.toMatch(/rel="?modulepreload/i);
  });

  it('is measured for real: the signed-in catalog hydrates, with every module Remix lists for it', () => {
    const line = report('signed-in catalog', signedIn.scripts);
    expect(signedIn.scripts.totalBytes, line).toBeGreaterThan(100_000);
    expect(signedIn.scripts.inlineCount).toBeGreaterThan(0);
    const manifest = remixManifest(signedIn.html);
    const expected = [manifest.entry, manifest.routes.root, manifest.routes['routes/catalog']].flatMap(
      (entry) => (entry ? [entry.module, ...(entry.imports ?? [])] : []),
    );
    expect(expected.length).toBeGreaterThan(3);
    const loaded = [...signedIn.scripts.modules.keys()];
    expect(loaded).toEqual(expect.arrayContaining(expected));
  });
});
