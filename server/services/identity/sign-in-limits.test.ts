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
import { createContext } from '../../trpc/context';
import { createCaller } from '../../trpc/root';
import { attemptRowId, MAX_FAILED_SIGN_INS, SIGN_IN_ATTEMPTS } from './sign-in-limits';

const MINUTE = 60_000;
let clock: Date;
let services: TestServices;
let user: AuthUser;

beforeEach(async () => {
  clock = new Date('2030-05-01T10:00:00.000Z');
  services = await createTestServices({ now: () => clock });
  user = await createTestUser(services, 'regular');
});
afterEach(async () => {
  await services.cleanup();
});

const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

async function login(email: string, password: string, clientIp: string) {
  const caller = createCaller(await createContext(services, sameSiteFacts(services, { clientIp })));
  return caller.auth.login({ email, password });
}

async function failTimes(times: number, email: string, ip: string) {
  for (let i = 0; i < times; i++) {
    expect(await outcome(login(email, 'wrong password', ip))).toBe('UNAUTHORIZED');
  }
}

describe('failed sign-ins per email', () => {
  it('refuses the 11th attempt, even with the right password, and says when to retry', async () => {
    // Different IPs each time, so only the email's counter can be what stops it.
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await failTimes(1, user.email, `203.0.113.${i}`);
    advance(4 * MINUTE);

    await expect(login(user.email, TEST_PASSWORD, '203.0.113.99')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many sign-in attempts. Try again in 11 minutes.',
    });
    // Another account, from the same IP, is not affected.
    const other = await createTestUser(services, 'regular');
    expect(await outcome(login(other.email, TEST_PASSWORD, '203.0.113.99'))).toBe('ok');
  });

  it('lets people in again once the window has passed', async () => {
    await failTimes(MAX_FAILED_SIGN_INS, user.email, '203.0.113.1');
    advance(14 * MINUTE + 59_000);
    expect(await outcome(login(user.email, TEST_PASSWORD, '203.0.113.2'))).toBe('TOO_MANY_REQUESTS');
    await expect(login(user.email, TEST_PASSWORD, '203.0.113.2')).rejects.toThrow('Try again in 1 minute.');
    advance(1_000);
    expect(await outcome(login(user.email, TEST_PASSWORD, '203.0.113.2'))).toBe('ok');
  });

  it('forgets the failures after a successful sign-in', async () => {
    await failTimes(MAX_FAILED_SIGN_INS - 1, user.email, '203.0.113.1');
    expect(await outcome(login(user.email, TEST_PASSWORD, '203.0.113.1'))).toBe('ok');
    await failTimes(MAX_FAILED_SIGN_INS, user.email, '203.0.113.3');
    expect(await outcome(login(user.email, TEST_PASSWORD, '203.0.113.4'))).toBe('TOO_MANY_REQUESTS');
  });
});

describe('failed sign-ins per IP', () => {
  it('refuses the 11th attempt from one address, whatever the email, and no other address', async () => {
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++)
      await failTimes(1, `guess-${i}@example.test`, '198.51.100.7');

    await expect(login(user.email, TEST_PASSWORD, '198.51.100.7')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many sign-in attempts. Try again in 15 minutes.',
    });
    expect(await outcome(login(user.email, TEST_PASSWORD, '198.51.100.8'))).toBe('ok');
  });

  it('counts only failures: successful sign-ins do not use up the address', async () => {
    for (let i = 0; i < MAX_FAILED_SIGN_INS * 2; i++) {
      expect(await outcome(login(user.email, TEST_PASSWORD, '198.51.100.9'))).toBe('ok');
    }
    await failTimes(MAX_FAILED_SIGN_INS, 'someone@example.test', '198.51.100.9');
    expect(await outcome(login(user.email, TEST_PASSWORD, '198.51.100.9'))).toBe('TOO_MANY_REQUESTS');
  });

  it('restarts an expired window kept in the table', async () => {
    // A counter row as an earlier burst left it, with its window long over.
    const rowId = attemptRowId(services.env.sessionSecret, 'ip', '198.51.100.10');
    await services.backend.tables.create({
      ...SIGN_IN_ATTEMPTS,
      rowId,
      data: { scope: 'ip', failures: MAX_FAILED_SIGN_INS, windowStart: '2030-05-01T09:00:00.000Z' },
    });

    expect(await outcome(login(user.email, 'wrong password', '198.51.100.10'))).toBe('UNAUTHORIZED');
    expect(await services.backend.tables.get({ ...SIGN_IN_ATTEMPTS, rowId })).toMatchObject({
      failures: 1,
      windowStart: clock.toISOString(),
    });
  });

  it('holds under concurrent guesses: never more than 10 password checks per window', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        outcome(login(`race-${i}@example.test`, 'wrong', '198.51.100.11')),
      ),
    );
    expect(results.filter((result) => result === 'UNAUTHORIZED')).toHaveLength(MAX_FAILED_SIGN_INS);
    expect(results.filter((result) => result === 'TOO_MANY_REQUESTS')).toHaveLength(25 - MAX_FAILED_SIGN_INS);
  });
});

describe('the counter rows', () => {
  it('hold neither the email nor the address in readable form', async () => {
    await failTimes(1, user.email, '198.51.100.12');
    const { rows } = await services.backend.tables.list({ ...SIGN_IN_ATTEMPTS });
    expect(rows).toHaveLength(2);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(user.email);
    expect(stored).not.toContain('198.51.100.12');
    for (const row of rows) expect(row.$id.length).toBeLessThanOrEqual(36);
  });

  it('are pruned once their window is over', async () => {
    await failTimes(3, 'stale@example.test', '198.51.100.13');
    advance(16 * MINUTE);
    expect(await outcome(login(user.email, TEST_PASSWORD, '198.51.100.14'))).toBe('ok');
    const { rows } = await services.backend.tables.list({ ...SIGN_IN_ATTEMPTS });
    // Only the fresh IP row of the success remains (its slot given back).
    expect(rows.map((row) => row.failures)).toEqual([0]);
  });
});
