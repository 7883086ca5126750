import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { appwriteError, appwriteUser, TIMES } from './fixtures';
import { expectAdminCall, setupMockAppwrite } from './mock-appwrite';

const mock = setupMockAppwrite();

describe('users.create', () => {
  it('creates the Appwrite user under a unique id with a lowercased email', async () => {
    mock.appwrite.reply('POST', '/v1/users', 201, appwriteUser({ $id: 'new1' }));

    const user = await mock.backend.users.create({
      email: 'Ada@Example.com',
      password: 'long enough',
      name: 'Ada',
    });

    expect(user).toEqual({
      id: 'new1',
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      role: 'regular',
      orgRole: null,
      createdAt: TIMES.created,
    });
    expect(mock.appwrite.json(0)).toEqual({
      userId: expect.stringMatching(/^[0-9a-f]{20}$/),
      email: 'ada@example.com',
      password: 'long enough',
      name: 'Ada',
    });
    expectAdminCall(mock.appwrite.requests[0]);
  });

  it('keeps a given user id and reports a taken email as conflict', async () => {
    mock.appwrite.reply(
      'POST',
      '/v1/users',
      409,
      appwriteError(
        409,
        'A user with the same id, email, or phone already exists in this project.',
        'user_already_exists',
      ),
    );

    await expect(
      mock.backend.users.create({
        userId: 'u1',
        email: 'ada@example.com',
        password: 'long enough',
        name: 'Ada',
      }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    expect(mock.appwrite.json(0)).toMatchObject({ userId: 'u1' });
  });
});

describe('users.get', () => {
  it('maps role labels onto the port role', async () => {
    mock.appwrite.reply('GET', '/v1/users/user1', 200, appwriteUser({ labels: ['beta', 'instructor'] }));

    await expect(mock.backend.users.get('user1')).resolves.toMatchObject({ id: 'user1', role: 'instructor' });
    expect(mock.appwrite.requests[0]?.method).toBe('GET');
    expectAdminCall(mock.appwrite.requests[0]);
  });

  it('lets admin win over instructor', async () => {
    mock.appwrite.reply('GET', '/v1/users/user1', 200, appwriteUser({ labels: ['instructor', 'admin'] }));

    await expect(mock.backend.users.get('user1')).resolves.toMatchObject({ role: 'admin' });
  });
});

describe('users.findByEmail', () => {
  it('filters on the lowercased email', async () => {
    mock.appwrite.reply('GET', '/v1/users', 200, { total: 1, users: [appwriteUser()] });

    await expect(mock.backend.users.findByEmail('ADA@example.com')).resolves.toMatchObject({ id: 'user1' });
    const query = mock.appwrite.requests[0]?.query;
    expect(query?.get('queries[0]')).toBe(Query.equal('email', 'ada@example.com'));
    expect(query?.get('queries[1]')).toBe(Query.limit(1));
    expectAdminCall(mock.appwrite.requests[0]);
  });

  it('answers null when nobody has the email', async () => {
    mock.appwrite.reply('GET', '/v1/users', 200, { total: 0, users: [] });

    await expect(mock.backend.users.findByEmail('nobody@example.com')).resolves.toBeNull();
  });
});

describe('users.list', () => {
  it('passes search, limit and offset and maps the page', async () => {
    mock.appwrite.reply('GET', '/v1/users', 200, {
      total: 31,
      users: [appwriteUser({ $id: 'a', labels: ['admin'] }), appwriteUser({ $id: 'b' })],
    });

    const page = await mock.backend.users.list({ search: 'ada', limit: 10, offset: 20 });

    expect(page.total).toBe(31);
    expect(page.users.map((user) => [user.id, user.role])).toEqual([
      ['a', 'admin'],
      ['b', 'regular'],
    ]);
    const query = mock.appwrite.requests[0]?.query;
    expect(query?.get('search')).toBe('ada');
    expect(query?.get('queries[0]')).toBe(Query.limit(10));
    expect(query?.get('queries[1]')).toBe(Query.offset(20));
  });

  it('sends no queries when none are asked for', async () => {
    mock.appwrite.reply('GET', '/v1/users', 200, { total: 0, users: [] });

    await mock.backend.users.list();

    expect([...(mock.appwrite.requests[0]?.query.keys() ?? [])]).toEqual([]);
  });
});

describe('users.setRole', () => {
  it('replaces the role label and keeps the others', async () => {
    mock.appwrite.reply('GET', '/v1/users/user1', 200, appwriteUser({ labels: ['beta', 'instructor'] }));
    mock.appwrite.reply('PUT', '/v1/users/user1/labels', 200, appwriteUser({ labels: ['beta', 'admin'] }));

    await expect(mock.backend.users.setRole('user1', 'admin')).resolves.toMatchObject({ role: 'admin' });

    expect(mock.appwrite.json(1)).toEqual({ labels: ['beta', 'admin'] });
    expectAdminCall(mock.appwrite.requests[1]);
  });

  it('removes every role label for regular', async () => {
    mock.appwrite.reply(
      'GET',
      '/v1/users/user1',
      200,
      appwriteUser({ labels: ['admin', 'beta', 'instructor'] }),
    );
    mock.appwrite.reply('PUT', '/v1/users/user1/labels', 200, appwriteUser({ labels: ['beta'] }));

    await expect(mock.backend.users.setRole('user1', 'regular')).resolves.toMatchObject({ role: 'regular' });

    expect(mock.appwrite.json(1)).toEqual({ labels: ['beta'] });
  });
});

describe('users.setOrgRole', () => {
  it('replaces the organization-role label and keeps the base role and the others', async () => {
    mock.appwrite.reply(
      'GET',
      '/v1/users/user1',
      200,
      appwriteUser({ labels: ['beta', 'admin', 'orgviewer'] }),
    );
    mock.appwrite.reply(
      'PUT',
      '/v1/users/user1/labels',
      200,
      appwriteUser({ labels: ['beta', 'admin', 'orgcontentcreator'] }),
    );

    await expect(mock.backend.users.setOrgRole('user1', 'content_creator')).resolves.toMatchObject({
      role: 'admin',
      orgRole: 'content_creator',
    });

    expect(mock.appwrite.requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
    expect(mock.appwrite.json(1)).toEqual({ labels: ['beta', 'admin', 'orgcontentcreator'] });
    expectAdminCall(mock.appwrite.requests[1]);
  });

  it('removes every organization-role label for none', async () => {
    mock.appwrite.reply(
      'GET',
      '/v1/users/user1',
      200,
      appwriteUser({ labels: ['orgowner', 'instructor', 'orgteamlead'] }),
    );
    mock.appwrite.reply('PUT', '/v1/users/user1/labels', 200, appwriteUser({ labels: ['instructor'] }));

    await expect(mock.backend.users.setOrgRole('user1', null)).resolves.toMatchObject({
      role: 'instructor',
      orgRole: null,
    });

    expect(mock.appwrite.json(1)).toEqual({ labels: ['instructor'] });
  });

  it('reports an unknown user as not_found and writes no labels', async () => {
    mock.appwrite.reply(
      'GET',
      '/v1/users/ghost',
      404,
      appwriteError(404, 'User with the requested ID could not be found.', 'user_not_found'),
    );

    await expect(mock.backend.users.setOrgRole('ghost', 'viewer')).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect(mock.appwrite.requests).toHaveLength(1);
  });
});

describe('organization-role labels', () => {
  it('reads each organization role from its label, and none from other labels', async () => {
    mock.appwrite.reply('GET', '/v1/users', 200, {
      total: 7,
      users: [
        appwriteUser({ $id: 'o', labels: ['orgowner', 'admin'] }),
        appwriteUser({ $id: 'a', labels: ['orgadmin'] }),
        appwriteUser({ $id: 't', labels: ['orgteamlead'] }),
        appwriteUser({ $id: 'c', labels: ['orgcontentcreator'] }),
        appwriteUser({ $id: 'm', labels: ['orgmoderator'] }),
        appwriteUser({ $id: 'v', labels: ['orgviewer'] }),
        appwriteUser({ $id: 'n', labels: ['org', 'owner', 'org_owner'] }),
      ],
    });

    const page = await mock.backend.users.list();

    expect(page.users.map((user) => [user.id, user.orgRole])).toEqual([
      ['o', 'owner'],
      ['a', 'admin'],
      ['t', 'team_lead'],
      ['c', 'content_creator'],
      ['m', 'moderator'],
      ['v', 'viewer'],
      ['n', null],
    ]);
  });
});

describe('users.updateName / updatePassword / delete', () => {
  it('patches the name', async () => {
    mock.appwrite.reply('PATCH', '/v1/users/user1/name', 200, appwriteUser({ name: 'Ada King' }));

    await expect(mock.backend.users.updateName('user1', 'Ada King')).resolves.toMatchObject({
      name: 'Ada King',
    });
    expect(mock.appwrite.json(0)).toEqual({ name: 'Ada King' });
    expectAdminCall(mock.appwrite.requests[0]);
  });

  it('patches the password', async () => {
    mock.appwrite.reply('PATCH', '/v1/users/user1/password', 200, appwriteUser());

    await expect(mock.backend.users.updatePassword('user1', 'a new password')).resolves.toBeUndefined();
    expect(mock.appwrite.json(0)).toEqual({ password: 'a new password' });
    expectAdminCall(mock.appwrite.requests[0]);
  });

  it('deletes the user', async () => {
    mock.appwrite.replyEmpty('DELETE', '/v1/users/user1');

    await expect(mock.backend.users.delete('user1')).resolves.toBeUndefined();
    expect(mock.appwrite.requests[0]?.method).toBe('DELETE');
    expectAdminCall(mock.appwrite.requests[0]);
  });

  it('reports an unknown user as not_found', async () => {
    mock.appwrite.reply(
      'DELETE',
      '/v1/users/ghost',
      404,
      appwriteError(404, 'User with the requested ID could not be found.', 'user_not_found'),
    );

    await expect(mock.backend.users.delete('ghost')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
