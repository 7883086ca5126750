import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticFiles } from './static-files';

const script = Buffer.from('console.log("aurora");\n'.repeat(100));
let root: string;
let server: Server;
let base: string;

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** node:http rather than fetch: fetch would decode the body and hide what was sent. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'aurora-static-'));
  mkdirSync(join(root, 'assets'));
  mkdirSync(join(root, '.vite'));
  writeFileSync(join(root, 'assets/entry-AbC123.js'), script);
  writeFileSync(join(root, 'assets/entry-AbC123.js.br'), brotliCompressSync(script));
  writeFileSync(join(root, 'assets/entry-AbC123.js.gz'), gzipSync(script));
  writeFileSync(join(root, 'assets/logo-XyZ.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'robots.txt'), 'User-agent: *\n');
  writeFileSync(join(root, '.vite/manifest.json'), '{}');

  const app = express();
  app.use(await createStaticFiles(root));
  app.use((_req, res) => void res.status(418).send('passed on'));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe('static files', () => {
  it('serve hashed assets with immutable caching and the right type', async () => {
    const res = await get('/assets/entry-AbC123.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(res.body.equals(script)).toBe(true);
  });

  it('prefer the Brotli variant, then gzip, as Accept-Encoding allows', async () => {
    const br = await get('/assets/entry-AbC123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(script.length);

    const gz = await get('/assets/entry-AbC123.js', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
  });

  it('answer a matching ETag with 304 and HEAD without a body', async () => {
    const first = await get('/assets/entry-AbC123.js', { 'accept-encoding': 'br' });
    const again = await get('/assets/entry-AbC123.js', {
      'accept-encoding': 'br',
      'if-none-match': String(first.headers.etag),
    });
    expect(again.status).toBe(304);
    const head = await get('/assets/entry-AbC123.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(script.length));
    expect(head.body).toHaveLength(0);
  });

  it('give unhashed files a short cache', async () => {
    const res = await get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers['vary']).toBeUndefined();
  });

  it('answer a missing hashed asset with a small 404 instead of a page', async () => {
    const res = await get('/assets/gone-123.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('pass everything else on: pages, build bookkeeping, traversal attempts, other methods', async () => {
    for (const path of ['/', '/catalog', '/.vite/manifest.json', '/assets/../robots.txt.br', '/%E0%A4%A']) {
      expect((await get(path)).status, path).toBe(418);
    }
    expect((await get('/assets/entry-AbC123.js', {}, 'POST')).status).toBe(418);
  });
});
