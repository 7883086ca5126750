/**
 * Adding a person (`users.invite`) and setting a password with the one-time link
 * (`auth.resetPassword`), through the real router on the embedded backend: who may
 * invite, what is stored (a hash, never the token), what bad input leaves behind
 * (nothing), and every way a link is refused — replayed, expired, replaced by a newer
 * one, malformed, hammered from one IP.
 */
import { createHash } from 'node:crypto';
import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outcome, sessionSetBy, writesSoFar } from '../../../tests/helpers/identity';
import {
  contextAs,
  contextFor,
  createTestServices,
  createTestUser,
  sameSiteFacts,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import { TOKEN_REFUSALS } from '../../services/identity/account-tokens';
import { PASSWORD_LINK_LIMIT } from '../../services/identity/password-links';
import { createContext } from '../context';
import { createCaller, type Caller } from '../root';
import { ACCOUNT_TOKENS } from '../../services/tables';

let clock: number;
let services: TestServices;
let admin: AuthUser;
let asAdmin: Caller;

beforeEach(async () => {
  clock = Date.parse('2026-12-01T09:00:00.000Z');
  services = await createTestServices({ now: () => new Date(clock) });
  admin = await createTestUser(services, 'admin', { name: 'Alex Admin', email: 'alex@aurora.test' });
  asAdmin = createCaller(await contextFor(services, admin));
});
afterEach(async () => {
  await services.cleanup();
});

const DAY = 24 * 60 * 60 * 1000;
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

/**
 * Everything a refused call could have changed, but the attempt counter a refused link
 * is meant to move: accounts, profiles, files and the account tokens as they are.
 */
async function writes() {
  const { authUsers, profiles, files } = await writesSoFar(services);
  const { rows } = await services.backend.tables.list({ ...ACCOUNT_TOKENS, queries: [Query.limit(100)] });
  return { authUsers, profiles, files, tokens: rows };
}

/** The same, and every event: for calls that count no attempts. */
async function allWrites() {
  return { ...(await writes()), events: (await writesSoFar(services)).events };
}

/** A visitor's browser from `ip`, with its own response headers (to see the cookie it gets). */
async function visitor(ip = '203.0.113.7') {
  const ctx = await createContext(services, sameSiteFacts(services, { clientIp: ip }));
  return { ctx, caller: createCaller(ctx) };
}

describe('users.invite', () => {
  it('creates the account with the role and a one-time link; only a hash of it is stored', async () => {
    const invitation = await asAdmin.users.invite({
      name: '  Katherine Johnson ',
      email: 'Katherine@NASA.example',
      role: 'instructor',
    });
    expect(invitation.user).toMatchObject({
      name: 'Katherine Johnson',
      email: 'katherine@nasa.example',
      role: 'instructor',
    });
    const link = new URL(invitation.link);
    expect(`${link.origin}${link.pathname}`).toBe(
      new URL('/set-password', services.env.publicUrl).toString(),
    );
    const token = tokenOf(invitation.link);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(invitation.expiresAt)).toBe(clock + 7 * DAY);

    // The account exists with its role, in the auth service and the people list.
    expect((await services.backend.users.get(invitation.user.id)).role).toBe('instructor');
    expect((await asAdmin.users.list({ search: 'katherine' })).items).toHaveLength(1);

    const { rows } = await services.backend.tables.list({ ...ACCOUNT_TOKENS });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: invitation.user.id,
      purpose: 'invite',
      tokenHash: createHash('sha256').update(token).digest('hex'),
    });
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('is refused to everyone but admins, writing nothing', async () => {
    for (const who of ['anonymous', 'regular', 'instructor'] as const) {
      const caller = createCaller(await contextAs(services, who));
      const before = await allWrites();
      const result = await outcome(
        caller.users.invite({ name: 'X', email: `x-${who}@example.test`, role: 'admin' }),
      );
      expect(result).toBe(who === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN');
      expect(await allWrites()).toEqual(before);
    }
  });

  it('refuses bad input and a taken email, writing nothing', async () => {
    await createTestUser(services, 'regular', { email: 'ada@aurora.test' });
    const before = await allWrites();
    expect(
      await outcome(asAdmin.users.invite({ name: ' ', email: 'new@example.test', role: 'regular' })),
    ).toBe('BAD_REQUEST');
    expect(await outcome(asAdmin.users.invite({ name: 'New', email: 'not an email', role: 'regular' }))).toBe(
      'BAD_REQUEST',
    );
    const notARole = { name: 'New', email: 'new@example.test', role: 'owner' };
    expect(
      await outcome(asAdmin.users.invite(notARole as unknown as Parameters<Caller['users']['invite']>[0])),
    ).toBe('BAD_REQUEST');
    await expect(
      asAdmin.users.invite({ name: 'Ada again', email: 'ADA@aurora.test', role: 'regular' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'An account with this email already exists.' });
    expect(await allWrites()).toEqual(before);
  });
});

describe('auth.resetPassword', () => {
  async function invite(email = 'kj@nasa.example') {
    const invitation = await asAdmin.users.invite({ name: 'Katherine Johnson', email, role: 'regular' });
    return { invitation, token: tokenOf(invitation.link) };
  }

  it('sets the password, signs the person in and ends the link', async () => {
    const { invitation, token } = await invite();
    const { ctx, caller } = await visitor();
    const viewer = await caller.auth.resetPassword({ token, password: 'my own password' });
    expect(viewer).toMatchObject({ id: invitation.user.id, name: 'Katherine Johnson', role: 'regular' });

    // This browser is signed in as them.
    const secret = sessionSetBy(ctx.responseHeaders);
    expect(secret).toBeTruthy();
    const next = await createContext(services, sameSiteFacts(services, { sessionSecret: secret }));
    expect(await createCaller(next).auth.me()).toMatchObject({ id: invitation.user.id });
    // And the password works from anywhere.
    expect(
      await outcome(
        (await visitor('198.51.100.1')).caller.auth.login({
          email: 'kj@nasa.example',
          password: 'my own password',
        }),
      ),
    ).toBe('ok');

    // Replayed: refused, and the password stays.
    const before = await writes();
    await expect(
      (await visitor()).caller.auth.resetPassword({ token, password: 'an attacker’s password' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: TOKEN_REFUSALS.used });
    expect(await writes()).toEqual(before);
    expect(
      await outcome(
        (await visitor('198.51.100.2')).caller.auth.login({
          email: 'kj@nasa.example',
          password: 'an attacker’s password',
        }),
      ),
    ).toBe('UNAUTHORIZED');
  });

  it('refuses a link after 7 days', async () => {
    const { token } = await invite();
    clock += 7 * DAY;
    await expect(
      (await visitor()).caller.auth.resetPassword({ token, password: 'my own password' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: TOKEN_REFUSALS.expired,
    });
    clock -= 1;
    expect(
      await outcome((await visitor()).caller.auth.resetPassword({ token, password: 'my own password' })),
    ).toBe('ok');
  });

  it('refuses an earlier link once a newer one was made, and honours the newer one', async () => {
    const { invitation, token: first } = await invite();
    // A second link for the same account (what "Forgot password?" will make).
    const { issueAccountToken } = await import('../../services/identity/account-tokens');
    const second = await issueAccountToken(
      services.backend,
      { userId: invitation.user.id, purpose: 'reset' },
      new Date(clock),
    );
    const before = await writes();
    await expect(
      (await visitor()).caller.auth.resetPassword({ token: first, password: 'my own password' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: TOKEN_REFUSALS.superseded });
    expect(await writes()).toEqual(before);
    expect(
      await outcome(
        (await visitor()).caller.auth.resetPassword({ token: second.token, password: 'my own password' }),
      ),
    ).toBe('ok');
  });

  it('refuses unknown and malformed links and short passwords, writing nothing and keeping the link', async () => {
    const { token } = await invite();
    const { caller } = await visitor();
    const before = await writes();
    await expect(
      caller.auth.resetPassword({ token: 'A'.repeat(43), password: 'my own password' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: TOKEN_REFUSALS.unknown,
    });
    expect(await outcome(caller.auth.resetPassword({ token: 'short', password: 'my own password' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await outcome(caller.auth.resetPassword({ token, password: 'short' }))).toBe('BAD_REQUEST');
    expect(await outcome(caller.auth.resetPassword({ token, password: 'x'.repeat(257) }))).toBe(
      'BAD_REQUEST',
    );
    expect(await writes()).toEqual(before);
    expect(await outcome(caller.auth.resetPassword({ token, password: 'my own password' }))).toBe('ok');
  });

  it('limits attempts per IP', async () => {
    const { token } = await invite();
    const { caller } = await visitor('192.0.2.50');
    for (let attempt = 0; attempt < PASSWORD_LINK_LIMIT.limit; attempt++) {
      expect(
        await outcome(caller.auth.resetPassword({ token: 'B'.repeat(43), password: 'my own password' })),
      ).toBe('BAD_REQUEST');
    }
    await expect(caller.auth.resetPassword({ token, password: 'my own password' })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    // Another network is not affected, and the link still works there.
    expect(
      await outcome(
        (await visitor('192.0.2.51')).caller.auth.resetPassword({ token, password: 'my own password' }),
      ),
    ).toBe('ok');
  });

  it('refuses a link whose account was deleted', async () => {
    const { invitation, token } = await invite();
    await asAdmin.users.delete({ userId: invitation.user.id });
    await expect(
      (await visitor()).caller.auth.resetPassword({ token, password: 'my own password' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
