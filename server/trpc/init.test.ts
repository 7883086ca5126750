import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contextAs, createTestServices, type TestServices } from '../../tests/helpers/services';
import type { Role } from '../backend/port';
import type { Context } from './context';
import { authedProcedure, permissionProcedure, publicProcedure, router } from './init';
import { createCaller } from './root';

// A router made of the real base procedures, to pin down who each one lets through.
const probeRouter = router({
  open: publicProcedure.query(() => 'open'),
  signedIn: authedProcedure.query(({ ctx }) => ctx.user.role),
  teaching: permissionProcedure('courses.create').query(() => 'teaching'),
  admin: permissionProcedure('users.manage').query(() => 'admin'),
  echo: publicProcedure
    .input(z.object({ title: z.string().min(1, 'Give the course a title') }))
    .mutation(() => 1),
  missingRow: publicProcedure.query(({ ctx }) =>
    ctx.backend.tables.get({ databaseId: 'aurora_main', tableId: 'courses', rowId: 'does-not-exist' }),
  ),
});

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => {
  await services.cleanup();
});

async function callAll(ctx: Context) {
  const caller = probeRouter.createCaller(ctx);
  const settle = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: { code?: string }) => error.code ?? 'error',
    );
  return {
    open: await settle(caller.open()),
    signedIn: await settle(caller.signedIn()),
    teaching: await settle(caller.teaching()),
    admin: await settle(caller.admin()),
  };
}

describe('base procedures', () => {
  it.each<[Role | 'anonymous', Record<string, string>]>([
    ['anonymous', { open: 'ok', signedIn: 'UNAUTHORIZED', teaching: 'UNAUTHORIZED', admin: 'UNAUTHORIZED' }],
    ['regular', { open: 'ok', signedIn: 'ok', teaching: 'FORBIDDEN', admin: 'FORBIDDEN' }],
    ['instructor', { open: 'ok', signedIn: 'ok', teaching: 'ok', admin: 'FORBIDDEN' }],
    ['admin', { open: 'ok', signedIn: 'ok', teaching: 'ok', admin: 'ok' }],
  ])('as %s', async (role, expected) => {
    expect(await callAll(await contextAs(services, role))).toEqual(expected);
  });

  it('names the missing permission when it refuses', async () => {
    const caller = probeRouter.createCaller(await contextAs(services, 'regular'));
    await expect(caller.teaching()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Your account may not create courses: this needs the courses.create permission.',
    });
  });

  it('turns backend errors into tRPC codes with a readable message', async () => {
    const caller = probeRouter.createCaller(await contextAs(services, 'anonymous'));
    await expect(caller.missingRow()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('error format over HTTP', () => {
  it('returns zod issues in the error data and a message naming the field', async () => {
    const ctx = await contextAs(services, 'anonymous');
    const response = await fetchRequestHandler({
      endpoint: '/api/trpc',
      router: probeRouter,
      createContext: () => ctx,
      req: new Request('http://localhost/api/trpc/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { title: '' } }),
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { json: { message: string; data: { code: string; zodIssues: { path: string[] }[] } } };
    };
    expect(body.error.json.message).toBe('title: Give the course a title');
    expect(body.error.json.data.code).toBe('BAD_REQUEST');
    expect(body.error.json.data.zodIssues[0]?.path).toEqual(['title']);
  });
});

describe('health', () => {
  it('reports the embedded backend as healthy', async () => {
    const caller = createCaller(await contextAs(services, 'anonymous'));
    const report = await caller.health();
    expect(report.status).toBe('ok');
    expect(report.backend).toMatchObject({ kind: 'embedded', ok: true });
    expect(report.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('is degraded once the backend is gone', async () => {
    const own = await createTestServices();
    const caller = createCaller(await contextAs(own, 'anonymous'));
    await own.backend.close();
    const report = await caller.health();
    expect(report.status).toBe('degraded');
    expect(report.backend.ok).toBe(false);
    await own.cleanup().catch(() => undefined);
  });
});

describe('auth.me', () => {
  it('is null for visitors and the signed-in user otherwise', async () => {
    expect(await createCaller(await contextAs(services, 'anonymous')).auth.me()).toBeNull();
    const me = await createCaller(await contextAs(services, 'instructor')).auth.me();
    expect(me).toMatchObject({ role: 'instructor', name: expect.stringContaining('Test instructor') });
  });
});
