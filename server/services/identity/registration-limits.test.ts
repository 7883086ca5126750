/**
 * Registration limits over real HTTP (decision 0015): 30 attempts per client IP per
 * hour, taken ones included, refused with 429 and `Retry-After`, writing nothing.
 * A trusted proxy on 127.0.0.1 lets each test say which address a request comes from.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writesSoFar } from '../../../tests/helpers/identity';
import { postProcedure, readProcedure, startApi, type RunningApi } from '../../../tests/helpers/http';
import { createTestServices, type TestServices } from '../../../tests/helpers/services';
import { ATTEMPT_COUNTERS } from '../tables';
import { REGISTRATION_LIMIT } from './registration-limits';

const PER_IP = REGISTRATION_LIMIT.limit;
const MINUTE = 60_000;
let clock: Date;
let services: TestServices;
let api: RunningApi;

beforeEach(async () => {
  clock = new Date('2030-06-01T08:00:00.000Z');
  services = await createTestServices({ now: () => clock, env: { AURORA_TRUSTED_PROXIES: '127.0.0.1' } });
  api = await startApi(services);
});
afterEach(async () => {
  await api.close();
  await services.cleanup();
});

let people = 0;
const freshEmail = () => `pupil-${++people}@example.test`;

function register(email: string, clientIp: string) {
  return postProcedure(
    api.base,
    'auth.register',
    { email, password: 'long enough', name: 'Pupil' },
    { origin: services.env.publicUrl.origin, 'x-forwarded-for': clientIp },
  );
}

// Thirty and more registrations hash as many passwords (scrypt): room for a busy machine.
describe('registrations per IP', { timeout: 60_000 }, () => {
  it('lets a classroom of 30 sign up, taken emails included, then refuses the 31st with Retry-After', async () => {
    const school = '198.51.100.40';
    const taken = freshEmail();
    expect((await register(taken, school)).status).toBe(200);
    for (let i = 1; i < PER_IP - 3; i++) expect((await register(freshEmail(), school)).status).toBe(200);
    // Three attempts at an email that exists: refused as taken, and counted all the same.
    for (let i = 0; i < 3; i++) expect((await register(taken, school)).status).toBe(409);
    advance(10 * MINUTE);

    const before = await writesSoFar(services);
    const refused = await register(freshEmail(), school);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(50 * 60));
    expect(await readProcedure(refused)).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many accounts have been created from your network. Try again in 50 minutes.',
    });
    expect(refused.headers.getSetCookie()).toEqual([]);
    // A taken email is refused for the limit too: the 409 is no longer there to learn from.
    expect((await register(taken, school)).status).toBe(429);
    expect(await writesSoFar(services)).toEqual(before);

    // Another address is not affected.
    expect((await register(freshEmail(), '203.0.113.40')).status).toBe(200);
  });

  it('opens again when the hour is over', async () => {
    for (let i = 0; i < PER_IP; i++) expect((await register(freshEmail(), '198.51.100.41')).status).toBe(200);
    advance(59 * MINUTE + 59_000);
    const refused = await register(freshEmail(), '198.51.100.41');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    advance(1_000);
    expect((await register(freshEmail(), '198.51.100.41')).status).toBe(200);
  });

  it('holds when registrations race: never more than 30 reach the backend', async () => {
    const statuses = await Promise.all(
      Array.from({ length: PER_IP + 10 }, () =>
        register(freshEmail(), '198.51.100.42').then((r) => r.status),
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(PER_IP);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    expect((await services.backend.users.list()).total).toBe(PER_IP);
  });

  it('keeps its own count, apart from failed sign-ins, without the address in readable form', async () => {
    const ip = '198.51.100.43';
    expect((await register(freshEmail(), ip)).status).toBe(200);
    const { rows } = await services.backend.tables.list({ ...ATTEMPT_COUNTERS });
    const registrations = rows.filter((row) => row.scope === 'registration');
    expect(registrations).toHaveLength(1);
    expect(registrations[0]).toMatchObject({ failures: 1 });
    expect(JSON.stringify(rows)).not.toContain(ip);
  });
});

function advance(ms: number) {
  clock = new Date(clock.getTime() + ms);
}

describe('AURORA_REGISTRATIONS_PER_HOUR', () => {
  it('sets the allowance per address (a school behind one NAT raises it)', async () => {
    await api.close();
    await services.cleanup();
    services = await createTestServices({
      now: () => clock,
      env: { AURORA_TRUSTED_PROXIES: '127.0.0.1', AURORA_REGISTRATIONS_PER_HOUR: '2' },
    });
    api = await startApi(services);
    expect((await register(freshEmail(), '198.51.100.9')).status).toBe(200);
    expect((await register(freshEmail(), '198.51.100.9')).status).toBe(200);
    const refused = await register(freshEmail(), '198.51.100.9');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
