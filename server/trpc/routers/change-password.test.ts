/**
 * `auth.changePassword` through the real router on the embedded backend: a wrong current
 * password changes nothing and counts against the sign-in limits; a change signs every
 * other session out and keeps this browser signed in, ends outstanding account links,
 * writes the security log and mails the person (delivered to a real SMTP server).
 */
import { Query } from 'node-appwrite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invalidField, outcome, sessionSetBy } from '../../../tests/helpers/identity';
import {
  createTestServices,
  createTestUser,
  sameSiteFacts,
  scopeFor,
  TEST_PASSWORD,
  type TestServices,
} from '../../../tests/helpers/services';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/helpers/smtp';
import type { AuthUser } from '../../backend/port';
import { mailCatchUpJob, mailDeliveryJob } from '../../jobs/mail-delivery';
import { createJobRunner } from '../../jobs/runner';
import { testJobContext } from '../../jobs/testing';
import { issueAccountToken, TOKEN_REFUSALS } from '../../services/identity/account-tokens';
import { createApiToken } from '../../services/identity/api-tokens';
import { WRONG_CURRENT_PASSWORD } from '../../services/identity/password-change';
import { createSmtpMailer } from '../../services/mail/smtp-mailer';
import { ACCOUNT_TOKENS, MAIL_MESSAGES, SECURITY_LOGS } from '../../services/tables';
import { SAME_PASSWORD } from '../../../shared/fields/people';
import { createContext } from '../context';
import { createCaller } from '../root';

const NEW_PASSWORD = 'a brand new passphrase';

let smtp: TestSmtpServer;
let services: TestServices;
let clock: number;
let person: AuthUser;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  clock = Date.parse('2026-12-02T10:00:00.000Z');
  services = await createTestServices({
    env: { AURORA_PUBLIC_URL: 'https://learn.example.org' },
    now: () => new Date(clock),
  });
  smtp.received.length = 0;
  person = await createTestUser(services, 'regular', { name: 'Pat Person' });
});
afterEach(async () => {
  await services.cleanup();
});

const FACTS = { userAgent: 'Firefox on a laptop', clientIp: '203.0.113.7' };

/**
 * A browser signed in as `person`: `caller` for one request (its response headers show
 * the cookie it gets), `next()` for the browser's next request with the same cookie.
 */
async function browser(password = TEST_PASSWORD) {
  const session = await services.backend.sessions.create({ email: person.email, password });
  const next = async () => {
    const ctx = await createContext(
      services,
      sameSiteFacts(services, { ...FACTS, sessionSecret: session.secret }),
    );
    return { ctx, caller: createCaller(ctx) };
  };
  return { secret: session.secret, ...(await next()), next };
}

const total = async (table: typeof SECURITY_LOGS) =>
  (await services.backend.tables.list({ ...table, queries: [Query.limit(1)] })).total;
async function rows() {
  return {
    securityLogs: await total(SECURITY_LOGS),
    mail: await total(MAIL_MESSAGES),
    tokens: (await services.backend.tables.list({ ...ACCOUNT_TOKENS, queries: [Query.limit(100)] })).rows,
  };
}
async function signsIn(password: string): Promise<string> {
  const caller = createCaller(await createContext(services, sameSiteFacts(services)));
  return outcome(caller.auth.login({ email: person.email, password }));
}

const resetLink = async () =>
  (await issueAccountToken(services.backend, { userId: person.id, purpose: 'reset' }, new Date(clock))).token;

const deliver = async () => {
  const mailer = createSmtpMailer({ url: smtp.url, from: services.env.mailFrom });
  try {
    await createJobRunner({
      jobs: [mailDeliveryJob, mailCatchUpJob],
      context: testJobContext(services, { mailer }),
      outbox: services.backend.outbox,
      schedules: false,
    }).drain();
  } finally {
    await mailer.close();
  }
};

describe('auth.changePassword', () => {
  it('refuses a wrong current password beside its field, and changes nothing', async () => {
    const here = await browser();
    const elsewhere = await browser();
    const token = await resetLink();
    const before = await rows();

    const call = here.caller.auth.changePassword({
      currentPassword: 'not my password',
      newPassword: NEW_PASSWORD,
    });
    await expect(call).rejects.toMatchObject({ code: 'BAD_REQUEST', message: WRONG_CURRENT_PASSWORD });
    expect(
      await invalidField(
        here.caller.auth.changePassword({ currentPassword: 'not my password', newPassword: NEW_PASSWORD }),
      ),
    ).toBe('currentPassword');

    expect(await rows()).toEqual(before);
    // No new session was given out (the cookie, if renewed, is the same one).
    expect([null, here.secret]).toContain(sessionSetBy(here.ctx.responseHeaders));
    expect((await (await here.next()).caller.auth.me())?.id).toBe(person.id);
    expect((await (await elsewhere.next()).caller.auth.me())?.id).toBe(person.id);
    expect(await signsIn(TEST_PASSWORD)).toBe('ok');
    expect(await signsIn(NEW_PASSWORD)).toBe('UNAUTHORIZED');
    // The reset link still works: nothing was revoked.
    expect(
      await outcome(
        createCaller(await createContext(services, sameSiteFacts(services))).auth.resetPassword({
          token,
          password: 'yet another password',
        }),
      ),
    ).toBe('ok');
  });

  it('refuses a new password equal to the current one or too short, beside the new-password field', async () => {
    const here = await browser();
    const before = await rows();
    const same = here.caller.auth.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword: TEST_PASSWORD,
    });
    await expect(same).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { issues: [expect.objectContaining({ path: ['newPassword'], message: SAME_PASSWORD })] },
    });
    expect(
      await invalidField(
        here.caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'short' }),
      ),
    ).toBe('newPassword');
    expect(await rows()).toEqual(before);
    expect(await signsIn(TEST_PASSWORD)).toBe('ok');
  });

  it('sets the password, ends every other session and link, keeps this browser signed in, logs and mails', async () => {
    const here = await browser();
    const elsewhere = await browser();
    const token = await resetLink();
    const before = await rows();

    const viewer = await here.caller.auth.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(viewer.id).toBe(person.id);

    // This browser: a fresh session in the cookie; the old one ended with the rest.
    const fresh = sessionSetBy(here.ctx.responseHeaders);
    expect(fresh).not.toBeNull();
    expect(fresh).not.toBe(here.secret);
    expect((await services.backend.sessions.resolve(fresh ?? ''))?.user.id).toBe(person.id);
    expect(await services.backend.sessions.resolve(here.secret)).toBeNull();
    const next = createCaller(
      await createContext(services, sameSiteFacts(services, { sessionSecret: fresh })),
    );
    expect((await next.auth.me())?.id).toBe(person.id);

    // The other browser is signed out.
    expect(await (await elsewhere.next()).caller.auth.me()).toBeNull();
    const stale = (await elsewhere.next()).caller.auth.updateProfile({ bio: 'still here?' });
    expect(await outcome(stale)).toBe('UNAUTHORIZED');

    expect(await signsIn(TEST_PASSWORD)).toBe('UNAUTHORIZED');
    expect(await signsIn(NEW_PASSWORD)).toBe('ok');

    // The older reset link cannot undo the change.
    const reset = createCaller(await createContext(services, sameSiteFacts(services))).auth.resetPassword({
      token,
      password: 'an attacker password',
    });
    await expect(reset).rejects.toMatchObject({ code: 'BAD_REQUEST', message: TOKEN_REFUSALS.superseded });
    expect(await signsIn(NEW_PASSWORD)).toBe('ok');

    const after = await rows();
    expect(after.securityLogs).toBe(before.securityLogs + 1);
    expect(after.mail).toBe(before.mail + 1);
    expect(after.tokens.every((row) => row.revokedAt !== null || row.usedAt !== null)).toBe(true);
    const { rows: logs } = await services.backend.tables.list({
      ...SECURITY_LOGS,
      queries: [Query.equal('action', 'password_changed')],
    });
    expect(logs).toEqual([
      expect.objectContaining({
        userId: person.id,
        ipAddress: '203.0.113.7',
        userAgent: 'Firefox on a laptop',
      }),
    ]);

    await deliver();
    const [mail] = await smtp.waitFor(1);
    expect(mail?.envelopeTo).toEqual([person.email]);
    expect(mail?.parsed.subject).toBe('Your Aurora password was changed');
    const text = mail?.parsed.text ?? '';
    expect(text).toContain('2026-12-02 10:00:00 UTC');
    expect(text).toContain('203.0.113.7');
    expect(text).toContain('Firefox on a laptop');
    expect(text).toContain('If it was not you');
    expect(text).toContain('from the account page');
    expect(text).toContain('https://learn.example.org/forgot-password');
  });

  it('counts wrong current passwords against the sign-in limits, then answers 429', async () => {
    const here = await browser();
    for (let i = 0; i < 10; i += 1) {
      expect(
        await outcome(
          here.caller.auth.changePassword({ currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD }),
        ),
      ).toBe('BAD_REQUEST');
    }
    const before = await rows();
    const limited = here.caller.auth.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    await expect(limited).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/^Too many sign-in attempts\. Try again in /),
    });
    expect(here.ctx.responseHeaders.get('Retry-After')).toMatch(/^\d+$/);
    // The same counter as sign-in's: the email is locked there too.
    expect(await signsIn(TEST_PASSWORD)).toBe('TOO_MANY_REQUESTS');
    expect(await rows()).toEqual(before);

    clock += 16 * 60 * 1000;
    expect(
      await outcome(
        here.caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }),
      ),
    ).toBe('ok');
  });

  it('refuses a visitor and an API token, and changes nothing', async () => {
    const visitor = createCaller(await createContext(services, sameSiteFacts(services)));
    const input = { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD };
    expect(await outcome(visitor.auth.changePassword(input))).toBe('UNAUTHORIZED');

    const { token } = await createApiToken(scopeFor(services, person), { name: 'script' });
    const script = createCaller(
      await createContext(services, sameSiteFacts(services, { bearerToken: token })),
    );
    const before = await rows();
    await expect(script.auth.changePassword(input)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('API token'),
    });
    expect(await rows()).toEqual(before);
    expect(await signsIn(TEST_PASSWORD)).toBe('ok');
  });
});
