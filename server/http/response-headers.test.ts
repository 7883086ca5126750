import { createServer, request, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NodeResponseHeaders } from './response-headers';

/** Runs `handle` for one real request and returns the headers the client received. */
async function headersSentBy(handle: (res: ServerResponse) => void): Promise<IncomingHttpHeaders> {
  const server = createServer((_req, res) => {
    handle(res);
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise((resolve, reject) => {
      request(`http://127.0.0.1:${port}/`, (res) => {
        res.resume();
        resolve(res.headers);
      })
        .on('error', reject)
        .end();
    });
  } finally {
    server.close();
  }
}

describe('NodeResponseHeaders', () => {
  it('sends every Set-Cookie a procedure appends', async () => {
    const headers = await headersSentBy((res) => {
      const responseHeaders = new NodeResponseHeaders(res);
      responseHeaders.append('Set-Cookie', 'a=1; HttpOnly');
      responseHeaders.append('Set-Cookie', 'b=2; HttpOnly');
    });
    expect(headers['set-cookie']).toEqual(['a=1; HttpOnly', 'b=2; HttpOnly']);
  });

  it('replaces a server-wide default when a route sets the same header', async () => {
    const headers = await headersSentBy((res) => {
      res.setHeader('Content-Security-Policy', "default-src 'self'");
      new NodeResponseHeaders(res).set('Content-Security-Policy', "frame-ancestors 'self'");
    });
    expect(headers['content-security-policy']).toBe("frame-ancestors 'self'");
  });

  it('removes a header that is deleted again', async () => {
    const headers = await headersSentBy((res) => {
      const responseHeaders = new NodeResponseHeaders(res);
      responseHeaders.set('X-Probe', 'yes');
      responseHeaders.delete('X-Probe');
    });
    expect(headers['x-probe']).toBeUndefined();
  });

  it('still reads like ordinary Headers', async () => {
    await headersSentBy((res) => {
      const responseHeaders = new NodeResponseHeaders(res);
      responseHeaders.set('Cache-Control', 'no-store');
      expect(responseHeaders.get('cache-control')).toBe('no-store');
      expect([...responseHeaders.keys()]).toEqual(['cache-control']);
    });
  });
});
