/**
 * Signing in when Appwrite refuses for a reason other than the password: a blocked
 * account, or an API key that lacks a scope. The real router and services run on the
 * embedded backend, except that sessions are the Appwrite adapter's, talking HTTP to the
 * fake Appwrite, so Appwrite's own error bodies travel the whole way to the caller.
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appwriteError } from '../../backend/appwrite/fixtures';
import { setupMockAppwrite } from '../../backend/appwrite/mock-appwrite';
import type { Backend } from '../../backend/port';
import { ACCOUNT_BLOCKED, WRONG_CREDENTIALS } from '../../services/identity/sign-in';
import { createTestServices, sameSiteFacts, type TestServices } from '../../../tests/helpers/services';
import { createContext } from '../context';
import { createCaller } from '../root';

const SESSIONS = '/v1/account/sessions/email';
const CREDENTIALS = { email: 'ada@example.test', password: 'correct horse battery staple' };

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => {
  await services.cleanup();
});

const mock = setupMockAppwrite();

async function appwriteSessionsCaller() {
  const backend: Backend = { ...services.backend, sessions: mock.backend.sessions };
  const ctx = await createContext({ ...services, backend }, sameSiteFacts(services));
  return createCaller(ctx);
}

describe('auth.login with Appwrite refusing', () => {
  it('says the account is blocked (403 user_blocked), not that the password is wrong', async () => {
    mock.appwrite.reply(
      'POST',
      SESSIONS,
      403,
      appwriteError(403, 'The current user has been blocked.', 'user_blocked'),
    );
    const caller = await appwriteSessionsCaller();

    await expect(caller.auth.login(CREDENTIALS)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: ACCOUNT_BLOCKED,
    });
  });

  it('fails as a server error naming the missing scope (401 general_unauthorized_scope), never as a sign-in failure', async () => {
    mock.appwrite.reply(
      'POST',
      SESSIONS,
      401,
      appwriteError(
        401,
        'app.aurora-test@service.appwrite.test (role: applications) missing scopes (["sessions.write"])',
        'general_unauthorized_scope',
      ),
    );
    const caller = await appwriteSessionsCaller();

    const error = await caller.auth.login(CREDENTIALS).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(error).not.toHaveProperty('message', WRONG_CREDENTIALS);
    // The person sees no backend words; the log line (the cause) names the scope.
    expect(error).not.toHaveProperty('message', expect.stringContaining('sessions.write'));
    expect(error).toHaveProperty('cause.reason', 'misconfigured');
    expect(error).toHaveProperty('cause.message', expect.stringContaining('(sessions.write)'));
  });

  it('still reports wrong credentials (401 user_invalid_credentials) as such', async () => {
    mock.appwrite.reply(
      'POST',
      SESSIONS,
      401,
      appwriteError(401, 'Invalid credentials.', 'user_invalid_credentials'),
    );
    const caller = await appwriteSessionsCaller();

    await expect(caller.auth.login(CREDENTIALS)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: WRONG_CREDENTIALS,
    });
  });
});
