import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outcome } from '../../../tests/helpers/identity';
import {
  browserFacts,
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import { hashApiToken } from '../../services/identity/api-tokens';
import { createContext } from '../context';
import { createCaller, type Caller } from '../root';
import { API_TOKENS } from '../../services/tables';

let clock: Date;
let services: TestServices;
let owner: AuthUser;
let asOwner: Caller;

beforeEach(async () => {
  clock = new Date('2030-06-01T08:00:00.000Z');
  services = await createTestServices({ now: () => clock });
  owner = await createTestUser(services, 'instructor', { name: 'Maya Rivera' });
  asOwner = createCaller(await contextFor(services, owner));
});
afterEach(async () => {
  await services.cleanup();
});

/** A script's request: the token, no cookie, no Origin. */
const withToken = async (token: string) =>
  createContext(services, { ...browserFacts, bearerToken: token, userAgent: 'curl/8' });

describe('auth.createApiToken', () => {
  it('returns the token once and stores only its hash', async () => {
    const created = await asOwner.auth.createApiToken({ name: '  grading script ' });

    expect(created).toEqual({
      id: expect.any(String),
      name: 'grading script',
      token: expect.stringMatching(/^aur_[A-Za-z0-9_-]{43}$/),
      tokenPrefix: created.token.slice(0, 8),
      createdAt: clock.toISOString(),
    });
    const row = await services.backend.tables.get({ ...API_TOKENS, rowId: created.id });
    expect(row.tokenHash).toBe(hashApiToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
  });

  it('refuses an empty or overlong name', async () => {
    expect(await outcome(asOwner.auth.createApiToken({ name: '  ' }))).toBe('BAD_REQUEST');
    expect(await outcome(asOwner.auth.createApiToken({ name: 'n'.repeat(65) }))).toBe('BAD_REQUEST');
  });
});

describe('a Bearer token', () => {
  it('authenticates as its owner, with the owner’s role, without any Origin', async () => {
    const { token } = await asOwner.auth.createApiToken({ name: 'script' });
    const ctx = await withToken(token);
    const caller = createCaller(ctx);

    expect(ctx.auth.method).toBe('token');
    expect(await caller.auth.me()).toMatchObject({ id: owner.id, name: 'Maya Rivera', role: 'instructor' });
    // Mutations too: scripts send no Origin and carry no cookie.
    await expect(caller.auth.updateProfile({ bio: 'Set from a script' })).resolves.toMatchObject({
      bio: 'Set from a script',
    });
  });

  it('notes when it was last used, at most once a minute', async () => {
    const { id, token } = await asOwner.auth.createApiToken({ name: 'script' });
    const lastUsed = async () =>
      (await asOwner.auth.listApiTokens()).items.find((item) => item.id === id)?.lastUsedAt;
    expect(await lastUsed()).toBeNull();

    await withToken(token);
    const first = clock.toISOString();
    expect(await lastUsed()).toBe(first);
    clock = new Date(clock.getTime() + 30_000);
    await withToken(token);
    expect(await lastUsed()).toBe(first);
    clock = new Date(clock.getTime() + 31_000);
    await withToken(token);
    expect(await lastUsed()).toBe(clock.toISOString());
  });

  it('is refused everywhere once revoked, and a made-up one never works', async () => {
    const { id, token } = await asOwner.auth.createApiToken({ name: 'script' });
    await expect(asOwner.auth.revokeApiToken({ tokenId: id })).resolves.toEqual({ ok: true });

    for (const bad of [token, `aur_${'x'.repeat(43)}`, 'not-even-a-token']) {
      const caller = createCaller(await withToken(bad));
      await expect(caller.auth.me()).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        message: expect.stringContaining('API token is not valid'),
      });
      expect(await outcome(caller.auth.login({ email: owner.email, password: 'whatever1' }))).toBe(
        'UNAUTHORIZED',
      );
    }
  });
});

describe('auth.listApiTokens', () => {
  it('lists only the caller’s tokens, newest first, without secrets, in pages', async () => {
    for (const name of ['one', 'two', 'three']) {
      await asOwner.auth.createApiToken({ name });
      clock = new Date(clock.getTime() + 1000);
    }
    const other = createCaller(await contextFor(services, await createTestUser(services, 'regular')));
    await other.auth.createApiToken({ name: 'not yours' });

    const first = await asOwner.auth.listApiTokens({ limit: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((item) => item.name)).toEqual(['three', 'two']);
    expect(Object.keys(first.items[0] ?? {}).sort()).toEqual([
      'createdAt',
      'id',
      'lastUsedAt',
      'name',
      'tokenPrefix',
    ]);
    const second = await asOwner.auth.listApiTokens({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((item) => item.name)).toEqual(['one']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('auth.listApiTokens with a cursor that is not the caller’s', () => {
  it('refuses another user’s token id as BAD_REQUEST, listing nothing and naming no table', async () => {
    await asOwner.auth.createApiToken({ name: 'older' });
    clock = new Date(clock.getTime() + 1000);
    const theirs = await createCaller(
      await contextFor(services, await createTestUser(services, 'regular')),
    ).auth.createApiToken({ name: 'not yours' });
    clock = new Date(clock.getTime() + 1000);
    await asOwner.auth.createApiToken({ name: 'newer' });

    for (const cursor of [theirs.id, 'no-such-token']) {
      const error = await asOwner.auth.listApiTokens({ cursor }).then(
        (page) => new Error(`listed ${JSON.stringify(page.items.map((item) => item.name))}`),
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({
        code: 'BAD_REQUEST',
        message: 'This page link is no longer valid. Start again from the first page.',
      });
      expect(String(error)).not.toMatch(/aurora_|api_tokens|userId/);
    }
  });
});

describe('auth.revokeApiToken', () => {
  it('cannot touch another user’s token: it answers NOT_FOUND and the token keeps working', async () => {
    const theirs = await asOwner.auth.createApiToken({ name: 'mine' });
    const intruder = createCaller(await contextFor(services, await createTestUser(services, 'admin')));

    await expect(intruder.auth.revokeApiToken({ tokenId: theirs.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await createCaller(await withToken(theirs.token)).auth.me()).toMatchObject({ id: owner.id });
  });

  it('answers NOT_FOUND for a token that does not exist', async () => {
    expect(await outcome(asOwner.auth.revokeApiToken({ tokenId: 'nothing-here' }))).toBe('NOT_FOUND');
  });
});
