/**
 * "Forgot password?" (`auth.requestPasswordReset`) and using its link
 * (`auth.resetPassword`), through the real router on the embedded backend: one answer
 * for every address (same body, similar time), only a hash stored, every refusal of the
 * link (used, superseded, expired, made before the password changed), the limits per IP
 * and per address, the "password changed" notice, and bad input writing nothing.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outcome } from '../../../tests/helpers/identity';
import {
  createTestServices,
  createTestUser,
  sameSiteFacts,
  TEST_PASSWORD,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import { TOKEN_REFUSALS } from '../../services/identity/account-tokens';
import { replacePassword } from '../../services/identity/password-links';
import { PASSWORD_RESET_LIMITS, PASSWORD_RESET_SENT } from '../../services/identity/password-reset';
import { createContext } from '../context';
import { createCaller } from '../root';
import { ACCOUNT_TOKENS, MAIL_MESSAGES } from '../../services/tables';

let clock: number;
let services: TestServices;
let person: AuthUser;

beforeEach(async () => {
  clock = Date.parse('2026-12-01T09:00:00.000Z');
  services = await createTestServices({ now: () => new Date(clock) });
  person = await createTestUser(services, 'regular', { name: 'Ada Lovelace', email: 'ada@aurora.test' });
});
afterEach(async () => {
  await services.cleanup();
});

const HOUR = 60 * 60 * 1000;

async function visitor(ip = '203.0.113.7') {
  const ctx = await createContext(
    services,
    sameSiteFacts(services, { clientIp: ip, userAgent: 'TestBrowser/1.0' }),
  );
  return createCaller(ctx);
}

const rows = async (table: typeof ACCOUNT_TOKENS | typeof MAIL_MESSAGES) =>
  (await services.backend.tables.list({ ...table, queries: [Query.limit(100)] })).rows;

const mails = async (kind: string) => (await rows(MAIL_MESSAGES)).filter((row) => row.kind === kind);

/** The token in the newest reset mail to the person. */
async function mailedToken(): Promise<string> {
  const [mail] = (await mails('password-reset')).sort((a, b) => String(b.key).localeCompare(String(a.key)));
  const match =
    /set-password\?token=([A-Za-z0-9_-]{43})&amp;reset=1|set-password\?token=([A-Za-z0-9_-]{43})&reset=1/.exec(
      String(mail?.text ?? ''),
    );
  const token = match?.[1] ?? match?.[2];
  if (!token) throw new Error('no reset link in the mail');
  return token;
}

const signInWorks = async (password: string, ip = '198.51.100.1') =>
  outcome((await visitor(ip)).auth.login({ email: person.email, password }));

describe('auth.requestPasswordReset', () => {
  it('answers the same for an existing and an unknown address; mails a link only to the account', async () => {
    const caller = await visitor();
    const known = await caller.auth.requestPasswordReset({ email: 'Ada@Aurora.test ' });
    const unknown = await caller.auth.requestPasswordReset({ email: 'nobody@aurora.test' });
    expect(known).toEqual({ message: PASSWORD_RESET_SENT });
    expect(JSON.stringify(unknown)).toBe(JSON.stringify(known));

    const mailed = await mails('password-reset');
    expect(mailed).toHaveLength(1);
    expect(mailed[0]).toMatchObject({ to: 'ada@aurora.test', userId: person.id, status: 'waiting' });
    expect(mailed[0]?.subject).toBe('Choose a new Aurora password');
    const tokens = await rows(ACCOUNT_TOKENS);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ userId: person.id, purpose: 'reset' });
    expect(Date.parse(String(tokens[0]?.expiresAt))).toBe(clock + HOUR);
    // Only the hash is stored; the token itself is in the mail alone.
    const token = await mailedToken();
    expect(tokens[0]?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(tokens)).not.toContain(token);
  });

  it('takes about as long for an unknown address as for an existing one', async () => {
    const timeOf = async (email: string, ip: string) => {
      const caller = await visitor(ip);
      const started = performance.now();
      await caller.auth.requestPasswordReset({ email });
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // Alternating, each address under its limit (a fresh address or IP per round).
    for (let round = 0; round < 9; round++) {
      const ip = `192.0.2.${round + 1}`;
      clock += 16 * 60 * 1000; // a new window for the person's address
      known.push(await timeOf(person.email, ip));
      unknown.push(await timeOf(`nobody-${round}@aurora.test`, ip));
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const [k, u] = [median(known), median(unknown)];
    expect(Math.max(k, u) / Math.max(0.01, Math.min(k, u))).toBeLessThan(3);
  });

  it('refuses bad input clearly and writes nothing', async () => {
    const caller = await visitor();
    const before = { tokens: await rows(ACCOUNT_TOKENS), mail: await rows(MAIL_MESSAGES) };
    for (const email of ['', 'not an email', `${'a'.repeat(300)}@aurora.test`]) {
      await expect(caller.auth.requestPasswordReset({ email })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    await expect(caller.auth.requestPasswordReset({ email: 'ada' })).rejects.toThrow(
      'Enter an email address like name@school.org.',
    );
    expect({ tokens: await rows(ACCOUNT_TOKENS), mail: await rows(MAIL_MESSAGES) }).toEqual(before);
  });

  it('limits requests per address, whether or not it has an account, with when to try again', async () => {
    for (const email of [person.email, 'nobody@aurora.test']) {
      for (let attempt = 0; attempt < PASSWORD_RESET_LIMITS.perEmail.limit; attempt++) {
        expect(
          await outcome((await visitor(`198.51.100.${attempt + 10}`)).auth.requestPasswordReset({ email })),
        ).toBe('ok');
      }
      const refusal = (await visitor('198.51.100.99')).auth.requestPasswordReset({ email });
      await expect(refusal).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      await expect(refusal).rejects.toThrow(
        /Too many password reset requests for this address\. Try again in 15 minutes\./,
      );
    }
    // Other addresses are not affected; the window ends.
    expect(await outcome((await visitor()).auth.requestPasswordReset({ email: 'grace@aurora.test' }))).toBe(
      'ok',
    );
    clock += 15 * 60 * 1000;
    expect(await outcome((await visitor()).auth.requestPasswordReset({ email: person.email }))).toBe('ok');
  });

  it('limits requests per IP', async () => {
    const caller = await visitor('192.0.2.200');
    for (let attempt = 0; attempt < PASSWORD_RESET_LIMITS.perIp.limit; attempt++) {
      expect(await outcome(caller.auth.requestPasswordReset({ email: `n${attempt}@aurora.test` }))).toBe(
        'ok',
      );
    }
    const before = { tokens: await rows(ACCOUNT_TOKENS), mail: await rows(MAIL_MESSAGES) };
    await expect(caller.auth.requestPasswordReset({ email: person.email })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('Too many password reset requests from your network.'),
    });
    expect({ tokens: await rows(ACCOUNT_TOKENS), mail: await rows(MAIL_MESSAGES) }).toEqual(before);
    expect(
      await outcome((await visitor('192.0.2.201')).auth.requestPasswordReset({ email: person.email })),
    ).toBe('ok');
  });
});

describe('using a reset link', () => {
  const ask = async (ip = '203.0.113.7') => {
    await (await visitor(ip)).auth.requestPasswordReset({ email: person.email });
    return mailedToken();
  };

  it('sets the password, ends other sessions, tells the person, and works once', async () => {
    const elsewhere = await services.backend.sessions.create({
      email: person.email,
      password: TEST_PASSWORD,
    });
    const token = await ask();
    clock += 1000;
    expect(
      await outcome((await visitor()).auth.resetPassword({ token, password: 'a brand new password' })),
    ).toBe('ok');
    expect(await services.backend.sessions.resolve(elsewhere.secret)).toBeNull();
    expect(await signInWorks(TEST_PASSWORD)).toBe('UNAUTHORIZED');
    expect(await signInWorks('a brand new password', '198.51.100.2')).toBe('ok');

    const [notice] = await mails('password-changed');
    expect(notice).toMatchObject({ to: person.email, subject: 'Your Aurora password was changed' });
    expect(notice?.text).toMatch(/2026-12-01 09:00:\d\d UTC with a reset link/);
    expect(notice?.text).toContain('203.0.113.7');
    expect(notice?.text).toContain('TestBrowser/1.0');
    expect(notice?.text).toContain('/forgot-password');

    await expect(
      (await visitor()).auth.resetPassword({ token, password: 'an attacker password' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: TOKEN_REFUSALS.used });
    expect(await mails('password-changed')).toHaveLength(1);
  });

  it('refuses a link after an hour', async () => {
    const token = await ask();
    clock += HOUR;
    await expect(
      (await visitor()).auth.resetPassword({ token, password: 'a brand new password' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: TOKEN_REFUSALS.expired });
    clock -= 1;
    expect(
      await outcome((await visitor()).auth.resetPassword({ token, password: 'a brand new password' })),
    ).toBe('ok');
  });

  it('refuses a link once a newer one was asked for', async () => {
    const first = await ask();
    clock += 1000;
    const second = await ask();
    expect(second).not.toBe(first);
    await expect(
      (await visitor()).auth.resetPassword({ token: first, password: 'a brand new password' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: TOKEN_REFUSALS.superseded });
    expect(
      await outcome(
        (await visitor()).auth.resetPassword({ token: second, password: 'a brand new password' }),
      ),
    ).toBe('ok');
  });

  it('refuses a link made before the password last changed', async () => {
    const reset = await ask();
    clock += 1000;
    // The password changes by another path (what "change password" calls).
    await replacePassword(
      services.backend,
      { userId: person.id, password: 'changed elsewhere' },
      new Date(clock),
    );
    const before = { tokens: await rows(ACCOUNT_TOKENS), mail: await rows(MAIL_MESSAGES) };
    await expect(
      (await visitor()).auth.resetPassword({ token: reset, password: 'an attacker password' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: TOKEN_REFUSALS.superseded });
    expect({ tokens: await rows(ACCOUNT_TOKENS), mail: await rows(MAIL_MESSAGES) }).toEqual(before);
    expect(await signInWorks('changed elsewhere')).toBe('ok');
  });
});
