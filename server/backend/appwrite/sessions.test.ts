import { describe, expect, it } from 'vitest';
import { appwriteError, appwriteSession, appwriteUser } from './fixtures';
import { expectAdminCall, expectSessionCall, setupMockAppwrite } from './mock-appwrite';

const guest401 = appwriteError(
  401,
  'User (role: guests) missing scopes (["account"])',
  'general_unauthorized_scope',
);

const mock = setupMockAppwrite();

describe('sessions.create', () => {
  it('creates the session with the admin client and returns its secret (email lowercased)', async () => {
    mock.appwrite.reply('POST', '/v1/account/sessions/email', 201, appwriteSession());

    await expect(
      mock.backend.sessions.create({ email: 'Ada@Example.com', password: 'long enough' }),
    ).resolves.toEqual({
      secret: 'the-session-secret',
      userId: 'user1',
      expiresAt: '2026-01-02T03:04:05.000+00:00',
    });
    expect(mock.appwrite.json(0)).toEqual({ email: 'ada@example.com', password: 'long enough' });
    expectAdminCall(mock.appwrite.requests[0]);
  });

  it.each([
    [401, appwriteError(401, 'Invalid credentials.', 'user_invalid_credentials')],
    [
      400,
      appwriteError(
        400,
        'Invalid `password` param: Password must be at least 8 characters',
        'general_argument_invalid',
      ),
    ],
  ])('reports a %i as unauthorized', async (status, body) => {
    mock.appwrite.reply('POST', '/v1/account/sessions/email', status, body);

    await expect(
      mock.backend.sessions.create({ email: 'ada@example.com', password: 'short' }),
    ).rejects.toMatchObject({
      kind: 'unauthorized',
      message: 'wrong email or password',
    });
  });

  it('reports a blocked account as blocked, not as a wrong password', async () => {
    mock.appwrite.reply(
      'POST',
      '/v1/account/sessions/email',
      403,
      appwriteError(403, 'The current user has been blocked.', 'user_blocked'),
    );

    await expect(
      mock.backend.sessions.create({ email: 'ada@example.com', password: 'long enough' }),
    ).rejects.toMatchObject({ kind: 'unauthorized', reason: 'account_blocked' });
  });

  it('reports an API key without sessions.write as a misconfiguration naming the scope', async () => {
    mock.appwrite.reply(
      'POST',
      '/v1/account/sessions/email',
      401,
      appwriteError(
        401,
        'app.aurora-test@service.appwrite.test (role: applications) missing scopes (["sessions.write"])',
        'general_unauthorized_scope',
      ),
    );

    const error = await mock.backend.sessions
      .create({ email: 'ada@example.com', password: 'long enough' })
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      kind: 'unavailable',
      reason: 'misconfigured',
      message: expect.stringContaining('(sessions.write)'),
    });
    expect(error).not.toHaveProperty('message', 'wrong email or password');
  });

  it('refuses a session without its secret (an API key without the sessions.write scope)', async () => {
    mock.appwrite.reply('POST', '/v1/account/sessions/email', 201, appwriteSession({ secret: '' }));

    await expect(
      mock.backend.sessions.create({ email: 'ada@example.com', password: 'long enough' }),
    ).rejects.toMatchObject({
      kind: 'unavailable',
      reason: 'misconfigured',
    });
  });
});

describe('sessions.resolve', () => {
  it('asks Appwrite as the session (never with the API key) for the user and the expiry', async () => {
    mock.appwrite.reply('GET', '/v1/account', 200, appwriteUser({ labels: ['instructor', 'orgmoderator'] }));
    mock.appwrite.reply('GET', '/v1/account/sessions/current', 200, appwriteSession());

    await expect(mock.backend.sessions.resolve('secret-1')).resolves.toEqual({
      user: expect.objectContaining({
        id: 'user1',
        email: 'ada@example.com',
        role: 'instructor',
        orgRole: 'moderator',
      }),
      expiresAt: '2026-01-02T03:04:05.000+00:00',
    });
    expect(mock.appwrite.requests).toHaveLength(2);
    for (const request of mock.appwrite.requests) expectSessionCall(request, 'secret-1');
  });

  it('uses a fresh client per secret', async () => {
    for (const secret of ['secret-a', 'secret-b']) {
      mock.appwrite.reply('GET', '/v1/account', 200, appwriteUser());
      mock.appwrite.reply('GET', '/v1/account/sessions/current', 200, appwriteSession());
      await mock.backend.sessions.resolve(secret);
    }

    expect(mock.appwrite.requests.map((request) => request.headers['x-appwrite-session'])).toEqual([
      'secret-a',
      'secret-a',
      'secret-b',
      'secret-b',
    ]);
  });

  it('answers null for an unknown, expired or deleted session', async () => {
    mock.appwrite.reply('GET', '/v1/account', 401, guest401);
    mock.appwrite.reply('GET', '/v1/account/sessions/current', 401, guest401);

    await expect(mock.backend.sessions.resolve('stale')).resolves.toBeNull();
  });

  it('answers null for the session of a blocked user', async () => {
    const blocked = appwriteError(403, 'The current user has been blocked.', 'user_blocked');
    mock.appwrite.reply('GET', '/v1/account', 403, blocked);
    mock.appwrite.reply('GET', '/v1/account/sessions/current', 403, blocked);

    await expect(mock.backend.sessions.resolve('secret-1')).resolves.toBeNull();
  });

  it('answers null for an empty secret without asking Appwrite', async () => {
    await expect(mock.backend.sessions.resolve('')).resolves.toBeNull();
    expect(mock.appwrite.requests).toEqual([]);
  });

  it('throws when Appwrite itself fails', async () => {
    mock.appwrite.reply(
      'GET',
      '/v1/account',
      503,
      appwriteError(503, 'Service unavailable', 'general_server_error'),
    );
    mock.appwrite.reply('GET', '/v1/account/sessions/current', 200, appwriteSession());

    await expect(mock.backend.sessions.resolve('secret-1')).rejects.toMatchObject({ kind: 'unavailable' });
  });
});

describe('sessions.delete', () => {
  const SESSION = '/v1/account/sessions/current';
  const END_SESSION = '/v1/users/user1/sessions/session1';

  it('looks the session up as itself and ends it with the admin client', async () => {
    mock.appwrite.reply('GET', SESSION, 200, appwriteSession());
    mock.appwrite.replyEmpty('DELETE', END_SESSION);

    await expect(mock.backend.sessions.delete('secret-1')).resolves.toBeUndefined();
    expect(mock.appwrite.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET ${SESSION}`,
      `DELETE ${END_SESSION}`,
    ]);
    expectSessionCall(mock.appwrite.requests[0], 'secret-1');
    expectAdminCall(mock.appwrite.requests[1]);
  });

  // Appwrite allows 100 keyless `DELETE /account/sessions/:id` an hour per client IP, and
  // every logout comes from Aurora's server: the fake refuses the 101st keyless one.
  it('logs out more than 100 times an hour from the one server IP', async () => {
    const logouts = 101;
    for (let index = 0; index < logouts; index += 1) {
      mock.appwrite.reply('GET', SESSION, 200, appwriteSession());
      mock.appwrite.replyEmpty('DELETE', END_SESSION);
    }

    for (let index = 0; index < logouts; index += 1) {
      await expect(mock.backend.sessions.delete(`secret-${index}`)).resolves.toBeUndefined();
    }
    const ends = mock.appwrite.requests.filter((request) => request.method === 'DELETE');
    expect(ends).toHaveLength(logouts);
    for (const request of ends) expectAdminCall(request);
  });

  it('treats a session that already ended as deleted, without asking to end it', async () => {
    mock.appwrite.reply('GET', SESSION, 401, guest401);

    await expect(mock.backend.sessions.delete('stale')).resolves.toBeUndefined();
    expect(mock.appwrite.requests).toHaveLength(1);
  });

  it('treats a session ended between the look-up and the delete as deleted', async () => {
    mock.appwrite.reply('GET', SESSION, 200, appwriteSession());
    mock.appwrite.reply(
      'DELETE',
      END_SESSION,
      404,
      appwriteError(404, 'The current user session could not be found.', 'user_session_not_found'),
    );

    await expect(mock.backend.sessions.delete('secret-1')).resolves.toBeUndefined();
  });

  it('throws when ending the session fails', async () => {
    mock.appwrite.reply('GET', SESSION, 200, appwriteSession());
    mock.appwrite.reply(
      'DELETE',
      END_SESSION,
      503,
      appwriteError(503, 'Service unavailable', 'general_server_error'),
    );

    await expect(mock.backend.sessions.delete('secret-1')).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('asks nothing for an empty secret', async () => {
    await expect(mock.backend.sessions.delete('')).resolves.toBeUndefined();
    expect(mock.appwrite.requests).toEqual([]);
  });
});

describe('sessions.deleteAllForUser', () => {
  it('deletes every session of the user with the admin client', async () => {
    mock.appwrite.replyEmpty('DELETE', '/v1/users/user1/sessions');

    await expect(mock.backend.sessions.deleteAllForUser('user1')).resolves.toBeUndefined();
    expectAdminCall(mock.appwrite.requests[0]);
  });
});
