import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import superjson from 'superjson';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../tests/helpers/services';
import { createRequestListener } from './server';

let services: TestServices;
let server: Server;
let base: string;

beforeEach(async () => {
  services = await createTestServices();
  server = createServer(
    createRequestListener(services, 'production', (_req, res) => {
      res.writeHead(404).end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await services.cleanup();
});

describe('the tRPC endpoint', () => {
  it('answers procedures with superjson and keeps answers out of shared caches', async () => {
    const response = await fetch(`${base}/api/trpc/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const body = (await response.json()) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
    expect(superjson.deserialize(body.result.data)).toMatchObject({
      status: 'ok',
      backend: { kind: 'embedded' },
    });
  });

  it('tells a visitor that nobody is signed in', async () => {
    const response = await fetch(`${base}/api/trpc/auth.me`);
    const body = (await response.json()) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
    expect(superjson.deserialize(body.result.data)).toBeNull();
  });

  it('knows the user behind a session cookie', async () => {
    const email = 'learner@example.test';
    const password = 'correct horse battery staple';
    await services.backend.users.create({ email, password, name: 'Lena Learner' });
    const session = await services.backend.sessions.create({ email, password });
    const response = await fetch(`${base}/api/trpc/auth.me`, {
      headers: { cookie: `aurora_session=${encodeURIComponent(session.secret)}` },
    });
    const body = (await response.json()) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
    expect(superjson.deserialize(body.result.data)).toMatchObject({
      email,
      name: 'Lena Learner',
      role: 'regular',
    });
  });
});

describe('/healthz', () => {
  it('is 200 with the health report while the backend answers', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ status: 'ok', backend: { kind: 'embedded', ok: true } });
  });

  it('is 503 once the backend is gone', async () => {
    await services.backend.close();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'degraded' });
  });

  it('takes GET and HEAD only', async () => {
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/healthz`, { method: 'HEAD' })).status).toBe(200);
  });
});
