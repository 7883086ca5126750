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
import { counterRowId } from '../limits/rate-limiter';
import { ATTEMPT_COUNTERS } from '../tables';
import { knownDeviceValue, newDeviceId, verifyKnownDevice } from './known-device';
import { SIGN_IN_LIMITS } from './sign-in-limits';

const MINUTE = 60_000;
const PER_EMAIL = SIGN_IN_LIMITS.perEmail.limit;
const PER_IP = SIGN_IN_LIMITS.perIp.limit;
const PER_DEVICE = SIGN_IN_LIMITS.perDevice.limit;
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

interface Browser {
  clientIp: string;
  /** The `aurora_device` cookie this browser sends, if any. */
  knownDevice?: string | null;
}

async function attempt(email: string, password: string, browser: Browser) {
  const ctx = await createContext(services, sameSiteFacts(services, browser));
  const result = await outcome(createCaller(ctx).auth.login({ email, password }));
  return { result, headers: ctx.responseHeaders };
}

async function login(email: string, password: string, clientIp: string) {
  const caller = createCaller(await createContext(services, sameSiteFacts(services, { clientIp })));
  return caller.auth.login({ email, password });
}

async function failTimes(times: number, email: string, ip: string) {
  for (let i = 0; i < times; i++) {
    expect(await outcome(login(email, 'wrong password', ip))).toBe('UNAUTHORIZED');
  }
}

/** Wrong guesses from one address at `count` different (unknown) emails, a few at a time. */
async function failAcrossEmails(count: number, ip: string, prefix: string) {
  for (let start = 0; start < count; start += 25) {
    const batch = Array.from({ length: Math.min(25, count - start) }, (_, i) =>
      outcome(login(`${prefix}-${start + i}@example.test`, 'wrong password', ip)),
    );
    expect(new Set(await Promise.all(batch))).toEqual(new Set(['UNAUTHORIZED']));
  }
}

function deviceCookieOf(headers: Headers): string | null {
  const line = headers.getSetCookie().find((cookie) => cookie.startsWith('aurora_device='));
  const value = line?.slice('aurora_device='.length).split(';', 1)[0];
  return value ? decodeURIComponent(value) : null;
}

/** Signs `account` in once from a fresh browser and returns the known-device cookie it was given. */
async function knownDeviceOf(account: AuthUser, clientIp = '192.0.2.200'): Promise<string> {
  const { result, headers } = await attempt(account.email, TEST_PASSWORD, { clientIp });
  expect(result).toBe('ok');
  const cookie = deviceCookieOf(headers);
  expect(cookie).not.toBeNull();
  return cookie ?? '';
}

describe('failed sign-ins per email', () => {
  it('refuses the 11th attempt, even with the right password, and says when to retry', async () => {
    // Different IPs each time, so only the email's counter can be what stops it.
    for (let i = 0; i < PER_EMAIL; i++) await failTimes(1, user.email, `203.0.113.${i}`);
    advance(4 * MINUTE);

    await expect(login(user.email, TEST_PASSWORD, '203.0.113.99')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many sign-in attempts. Try again in 11 minutes.',
    });
    const refused = await attempt(user.email, TEST_PASSWORD, { clientIp: '203.0.113.99' });
    expect(refused.result).toBe('TOO_MANY_REQUESTS');
    expect(refused.headers.get('Retry-After')).toBe(String(11 * 60));
    // Another account, from the same IP, is not affected.
    const other = await createTestUser(services, 'regular');
    expect(await outcome(login(other.email, TEST_PASSWORD, '203.0.113.99'))).toBe('ok');
  });

  it('lets people in again once the window has passed', async () => {
    await failTimes(PER_EMAIL, user.email, '203.0.113.1');
    advance(14 * MINUTE + 59_000);
    const refused = await attempt(user.email, TEST_PASSWORD, { clientIp: '203.0.113.2' });
    expect(refused.result).toBe('TOO_MANY_REQUESTS');
    expect(refused.headers.get('Retry-After')).toBe('1');
    await expect(login(user.email, TEST_PASSWORD, '203.0.113.2')).rejects.toThrow('Try again in 1 minute.');
    advance(1_000);
    expect(await outcome(login(user.email, TEST_PASSWORD, '203.0.113.2'))).toBe('ok');
  });

  it('forgets the failures after a successful sign-in', async () => {
    await failTimes(PER_EMAIL - 1, user.email, '203.0.113.1');
    expect(await outcome(login(user.email, TEST_PASSWORD, '203.0.113.1'))).toBe('ok');
    await failTimes(PER_EMAIL, user.email, '203.0.113.3');
    expect(await outcome(login(user.email, TEST_PASSWORD, '203.0.113.4'))).toBe('TOO_MANY_REQUESTS');
  });

  it('holds under concurrent guesses at one email from many addresses', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => outcome(login(user.email, 'wrong', `203.0.113.${100 + i}`))),
    );
    expect(results.filter((result) => result === 'UNAUTHORIZED')).toHaveLength(PER_EMAIL);
    expect(results.filter((result) => result === 'TOO_MANY_REQUESTS')).toHaveLength(25 - PER_EMAIL);
  });
});

// Each of these checks 100 or more passwords (scrypt): room for a busy machine.
describe('failed sign-ins per IP', { timeout: 60_000 }, () => {
  it('allows a shared address 100 failures in 15 minutes, whatever the emails, then locks it alone', async () => {
    // A school behind one NAT: a few dozen typos do not lock anybody out.
    await failAcrossEmails(PER_IP - 1, '198.51.100.7', 'typo');
    expect(await outcome(login(user.email, TEST_PASSWORD, '198.51.100.7'))).toBe('ok');
    await failAcrossEmails(1, '198.51.100.7', 'last');

    const refused = await attempt(user.email, TEST_PASSWORD, { clientIp: '198.51.100.7' });
    expect(refused.result).toBe('TOO_MANY_REQUESTS');
    expect(refused.headers.get('Retry-After')).toBe(String(15 * 60));
    await expect(login(user.email, TEST_PASSWORD, '198.51.100.7')).rejects.toThrow(
      'Too many sign-in attempts. Try again in 15 minutes.',
    );
    expect(await outcome(login(user.email, TEST_PASSWORD, '198.51.100.8'))).toBe('ok');
  });

  it('counts only failures: successful sign-ins do not use up the address', async () => {
    for (let i = 0; i < PER_EMAIL * 2; i++) {
      expect(await outcome(login(user.email, TEST_PASSWORD, '198.51.100.9'))).toBe('ok');
    }
    await failAcrossEmails(PER_IP, '198.51.100.9', 'someone');
    expect(await outcome(login(user.email, TEST_PASSWORD, '198.51.100.9'))).toBe('TOO_MANY_REQUESTS');
  });

  it('restarts an expired window kept in the table', async () => {
    // A counter row as an earlier burst left it, with its window long over.
    const rowId = counterRowId(services.env.sessionSecret, 'ip', '198.51.100.10');
    await services.backend.tables.create({
      ...ATTEMPT_COUNTERS,
      rowId,
      data: { scope: 'ip', failures: PER_IP, windowStart: '2030-05-01T09:00:00.000Z' },
    });

    expect(await outcome(login(user.email, 'wrong password', '198.51.100.10'))).toBe('UNAUTHORIZED');
    expect(await services.backend.tables.get({ ...ATTEMPT_COUNTERS, rowId })).toMatchObject({
      failures: 1,
      windowStart: clock.toISOString(),
    });
  });

  it('holds under concurrent guesses: never more than 100 password checks per window', async () => {
    const total = PER_IP + 25;
    const results = await Promise.all(
      Array.from({ length: total }, (_, i) =>
        outcome(login(`race-${i}@example.test`, 'wrong', '198.51.100.11')),
      ),
    );
    expect(results.filter((result) => result === 'UNAUTHORIZED')).toHaveLength(PER_IP);
    expect(results.filter((result) => result === 'TOO_MANY_REQUESTS')).toHaveLength(total - PER_IP);
  });
});

describe('a known device', { timeout: 60_000 }, () => {
  /** The email locked by a stranger's guesses from elsewhere. */
  const lockEmail = (email: string) => failTimes(PER_EMAIL, email, '203.0.113.66');

  it('is given on a successful sign-in: signed, HttpOnly, SameSite=Lax, for a year', async () => {
    const { headers } = await attempt(user.email, TEST_PASSWORD, { clientIp: '192.0.2.1' });
    const line = headers.getSetCookie().find((cookie) => cookie.startsWith('aurora_device=')) ?? '';
    expect(line.split('; ').slice(1).sort()).toEqual([
      'HttpOnly',
      'Max-Age=31536000',
      'Path=/',
      'SameSite=Lax',
    ]);
    const cookie = deviceCookieOf(headers);
    expect(verifyKnownDevice(services.env.sessionSecret, cookie)).toMatchObject({ userId: user.id });
    // Signing in again from it keeps the same device (its cookie is renewed, not replaced).
    const again = await attempt(user.email, TEST_PASSWORD, { clientIp: '192.0.2.1', knownDevice: cookie });
    expect(deviceCookieOf(again.headers)).toBe(cookie);
  });

  it('signs its owner in with the right password while the email is locked; other browsers stay refused', async () => {
    const device = await knownDeviceOf(user);
    await lockEmail(user.email);

    const stranger = await attempt(user.email, TEST_PASSWORD, { clientIp: '192.0.2.2' });
    expect(stranger.result).toBe('TOO_MANY_REQUESTS');
    expect(
      (await attempt(user.email, TEST_PASSWORD, { clientIp: '192.0.2.2', knownDevice: device })).result,
    ).toBe('ok');
    // Its success does not unlock the email for the stranger.
    expect((await attempt(user.email, TEST_PASSWORD, { clientIp: '192.0.2.2' })).result).toBe(
      'TOO_MANY_REQUESTS',
    );
  });

  it('signs its owner in from an address locked by other people’s failures', async () => {
    const device = await knownDeviceOf(user);
    await failAcrossEmails(PER_IP, '198.51.100.30', 'classmate');
    expect((await attempt(user.email, TEST_PASSWORD, { clientIp: '198.51.100.30' })).result).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect(
      (await attempt(user.email, TEST_PASSWORD, { clientIp: '198.51.100.30', knownDevice: device })).result,
    ).toBe('ok');
  });

  it('does not help with another account, nor when forged', async () => {
    const other = await createTestUser(services, 'regular');
    const othersDevice = await knownDeviceOf(other);
    const mine = await knownDeviceOf(user);
    await lockEmail(user.email);
    const secret = services.env.sessionSecret;
    const { deviceId } = verifyKnownDevice(secret, mine) ?? { deviceId: '' };

    const forgeries = [
      othersDevice,
      // Another account's valid signature with this account's id put in.
      othersDevice.replace(other.id, user.id),
      knownDeviceValue('not the server secret, but long enough', { userId: user.id, deviceId }),
      knownDeviceValue(secret, { userId: user.id, deviceId: newDeviceId() }).replace(/\.[^.]+\./, '.AAAA.'),
      `${newDeviceId()}.${mine.split('.')[1] ?? ''}.${user.id}`,
      'garbage',
    ];
    for (const knownDevice of forgeries) {
      const { result } = await attempt(user.email, TEST_PASSWORD, { clientIp: '192.0.2.3', knownDevice });
      expect(result, knownDevice).toBe('TOO_MANY_REQUESTS');
    }
    expect(
      (await attempt(user.email, TEST_PASSWORD, { clientIp: '192.0.2.3', knownDevice: mine })).result,
    ).toBe('ok');
  });

  it('has its own budget: 10 failures a day, then it is an ordinary browser again', async () => {
    const device = await knownDeviceOf(user);
    await lockEmail(user.email);
    const fromDevice = (password: string) =>
      attempt(user.email, password, { clientIp: '192.0.2.4', knownDevice: device });

    for (let i = 0; i < PER_DEVICE; i++)
      expect((await fromDevice('wrong password')).result).toBe('UNAUTHORIZED');
    const refused = await fromDevice(TEST_PASSWORD);
    expect(refused.result).toBe('TOO_MANY_REQUESTS');
    // Refused by the email's lock now, so it names the email's window.
    expect(refused.headers.get('Retry-After')).toBe(String(15 * 60));

    // Still locked after the email's window, once strangers lock it again; free a day later.
    advance(16 * MINUTE);
    await lockEmail(user.email);
    expect((await fromDevice(TEST_PASSWORD)).result).toBe('TOO_MANY_REQUESTS');
    advance(24 * 60 * MINUTE);
    await lockEmail(user.email);
    expect((await fromDevice(TEST_PASSWORD)).result).toBe('ok');
  });

  it('holds its budget under concurrent guesses', async () => {
    const device = await knownDeviceOf(user);
    await lockEmail(user.email);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        attempt(user.email, 'wrong password', { clientIp: '192.0.2.5', knownDevice: device }).then(
          ({ result }) => result,
        ),
      ),
    );
    expect(results.filter((result) => result === 'UNAUTHORIZED')).toHaveLength(PER_DEVICE);
    expect(results.filter((result) => result === 'TOO_MANY_REQUESTS')).toHaveLength(20 - PER_DEVICE);
  });

  it('does not lock its owner’s other browsers with its own failures', async () => {
    const device = await knownDeviceOf(user);
    for (let i = 0; i < PER_DEVICE; i++) {
      const { result } = await attempt(user.email, 'wrong password', {
        clientIp: '192.0.2.6',
        knownDevice: device,
      });
      expect(result).toBe('UNAUTHORIZED');
    }
    expect((await attempt(user.email, TEST_PASSWORD, { clientIp: '192.0.2.7' })).result).toBe('ok');
  });
});

describe('the counter rows', () => {
  it('hold neither the email, the address nor the device in readable form', async () => {
    const device = await knownDeviceOf(user);
    const { deviceId } = verifyKnownDevice(services.env.sessionSecret, device) ?? { deviceId: '' };
    await failTimes(1, user.email, '198.51.100.12');
    await attempt(user.email, 'wrong password', { clientIp: '198.51.100.12', knownDevice: device });
    const { rows } = await services.backend.tables.list({ ...ATTEMPT_COUNTERS });
    expect(rows.map((row) => row.scope).sort()).toEqual(['device', 'email', 'ip', 'ip']);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(user.email);
    expect(stored).not.toContain('198.51.100.12');
    expect(stored).not.toContain(deviceId);
    for (const row of rows) expect(row.$id.length).toBeLessThanOrEqual(36);
  });

  it('are pruned once their window is over', async () => {
    await failTimes(3, 'stale@example.test', '198.51.100.13');
    advance(16 * MINUTE);
    expect(await outcome(login(user.email, TEST_PASSWORD, '198.51.100.14'))).toBe('ok');
    const { rows } = await services.backend.tables.list({ ...ATTEMPT_COUNTERS });
    // Only the fresh IP row of the success remains (its slot given back).
    expect(rows.map((row) => row.failures)).toEqual([0]);
  });
});
