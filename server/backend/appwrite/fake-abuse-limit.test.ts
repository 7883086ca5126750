/**
 * The fake holds keyless calls to Appwrite's abuse limits, so code that spends a
 * site-wide budget (logging out as the session, 100 an hour from Aurora's one IP) fails
 * in tests as it would in production.
 */
import { Account, Client, Users } from 'node-appwrite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isBackendError } from '../errors';
import { CONFIG, expectSessionCall, setupMockAppwrite } from './mock-appwrite';
import { appwrite } from './errors';

const mock = setupMockAppwrite();
const HOUR_MS = 3_600_000;

function sessionAccount(secret: string, forwardedFor?: string): Account {
  const client = new Client().setEndpoint(CONFIG.endpoint).setProject(CONFIG.projectId).setSession(secret);
  if (forwardedFor) client.addHeader('X-Forwarded-For', forwardedFor);
  return new Account(client);
}

function adminClient(): Client {
  return new Client().setEndpoint(CONFIG.endpoint).setProject(CONFIG.projectId).setKey(CONFIG.apiKey);
}

/** Logging out as the session, as sessions.ts did before: `DELETE /account/sessions/current`. */
const keylessLogout = (secret: string, forwardedFor?: string) =>
  appwrite(() => sessionAccount(secret, forwardedFor).deleteSession({ sessionId: 'current' }));

function scriptLogouts(times: number, path = '/v1/account/sessions/current'): void {
  for (let index = 0; index < times; index += 1) mock.appwrite.replyEmpty('DELETE', path);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the fake abuse limit', () => {
  it('lets 100 keyless logouts an hour through and refuses the 101st with 429 general_rate_limit_exceeded', async () => {
    scriptLogouts(100);
    for (let index = 0; index < 100; index += 1) await keylessLogout(`secret-${index}`);

    const refused = await keylessLogout('secret-100').catch((error: unknown) => error);

    expect(isBackendError(refused, 'unavailable')).toBe(true);
    expect(refused).toHaveProperty('cause.type', 'general_rate_limit_exceeded');
    expect(refused).toHaveProperty('cause.code', 429);
    // The refusal is recorded like any answered request and used no scripted reply.
    expect(mock.appwrite.requests).toHaveLength(101);
    expectSessionCall(mock.appwrite.requests[100], 'secret-100');
  });

  it('counts every id of a route together, as Appwrite keys by the route pattern', async () => {
    scriptLogouts(50, '/v1/account/sessions/current');
    scriptLogouts(50, '/v1/account/sessions/session-7');
    for (let index = 0; index < 50; index += 1) await keylessLogout('s');
    for (let index = 0; index < 50; index += 1) {
      await appwrite(() => sessionAccount('s').deleteSession({ sessionId: 'session-7' }));
    }

    await expect(
      appwrite(() => sessionAccount('s').deleteSession({ sessionId: 'session-9' })),
    ).rejects.toHaveProperty('cause.type', 'general_rate_limit_exceeded');
  });

  it('keys the count by the client IP Appwrite trusts (X-Forwarded-For)', async () => {
    scriptLogouts(101);
    for (let index = 0; index < 100; index += 1) await keylessLogout('s', '203.0.113.1');

    await expect(keylessLogout('s', '203.0.113.1')).rejects.toHaveProperty(
      'cause.type',
      'general_rate_limit_exceeded',
    );
    await expect(keylessLogout('s', '203.0.113.2')).resolves.toBeDefined();
  });

  it('never limits a call that carries the API key', async () => {
    scriptLogouts(101);
    const admin = new Account(adminClient());

    for (let index = 0; index < 101; index += 1) {
      await appwrite(() => admin.deleteSession({ sessionId: 'current' }));
    }
    expect(mock.appwrite.requests).toHaveLength(101);
  });

  it('leaves routes without an abuse limit alone (ending a session with users.deleteSession)', async () => {
    scriptLogouts(150, '/v1/users/user1/sessions/session1');
    const users = new Users(adminClient());

    for (let index = 0; index < 150; index += 1) {
      await appwrite(() => users.deleteSession({ userId: 'user1', sessionId: 'session1' }));
    }
    expect(mock.appwrite.requests).toHaveLength(150);
  });

  it('starts a fresh count in the next hour', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T10:59:00Z'));
    scriptLogouts(101);
    for (let index = 0; index < 100; index += 1) await keylessLogout('s');
    await expect(keylessLogout('s')).rejects.toHaveProperty('cause.type', 'general_rate_limit_exceeded');

    vi.setSystemTime(new Date(new Date('2026-03-01T10:59:00Z').getTime() + HOUR_MS / 60));

    await expect(keylessLogout('s')).resolves.toBeDefined();
  });
});
