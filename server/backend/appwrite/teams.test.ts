import { Query } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import type { Permission } from '../../../shared/permissions';
import { appwriteError, appwriteMembership, appwriteTeam, TIMES } from './fixtures';
import { expectAdminCall, setupMockAppwrite } from './mock-appwrite';

const mock = setupMockAppwrite();

const PREFS = {
  description: 'The department',
  permissions: ['courses.modify', 'students.grade'],
  requiresReview: false,
};

/** The queries of a recorded request, in order. */
function queriesOf(index: number): string[] {
  const query = mock.appwrite.requests[index]?.query;
  return [...(query?.entries() ?? [])]
    .filter(([name]) => name.startsWith('queries['))
    .map(([, value]) => value);
}

describe('teams.create', () => {
  it('checks the name against every team, creates the team, writes its prefs and reads it back', async () => {
    mock.appwrite.reply('GET', '/v1/teams', 200, {
      total: 0,
      teams: [appwriteTeam({ $id: 'other', name: 'Maths' })],
    });
    mock.appwrite.reply('POST', '/v1/teams', 201, appwriteTeam({ prefs: {} }));
    mock.appwrite.reply('PUT', '/v1/teams/team1/prefs', 200, PREFS);
    mock.appwrite.reply('GET', '/v1/teams/team1', 200, appwriteTeam());

    const team = await mock.backend.teams.create({
      teamId: 'team1',
      name: '  Computer Science ',
      description: 'The department',
      permissions: ['students.grade', 'courses.modify'],
    });

    expect(team).toEqual({
      id: 'team1',
      name: 'Computer Science',
      description: 'The department',
      permissions: ['courses.modify', 'students.grade'],
      memberCount: 0,
      requiresReview: false,
      createdAt: TIMES.created,
      updatedAt: TIMES.updated,
    });
    expect(queriesOf(0)).toEqual([Query.limit(100), Query.offset(0)]);
    expect(mock.appwrite.requests[0]?.query.get('total')).toBe('false');
    // No roles: created with the API key, the team has no owner membership to ask for.
    expect(mock.appwrite.json(1)).toEqual({ teamId: 'team1', name: 'Computer Science' });
    expect(mock.appwrite.json(2)).toEqual({ prefs: PREFS });
    for (const request of mock.appwrite.requests) expectAdminCall(request);
  });

  it('refuses a name taken in another case without creating anything', async () => {
    mock.appwrite.reply('GET', '/v1/teams', 200, {
      total: 0,
      teams: [appwriteTeam({ name: 'COMPUTER science' })],
    });

    await expect(
      mock.backend.teams.create({ name: 'Computer Science', description: '', permissions: [] }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    expect(mock.appwrite.requests).toHaveLength(1);
  });

  it('reads every page of teams before deciding a name is free', async () => {
    const page = Array.from({ length: 100 }, (_, i) => appwriteTeam({ $id: `t${i}`, name: `Team ${i}` }));
    mock.appwrite.reply('GET', '/v1/teams', 200, { total: 0, teams: page });
    mock.appwrite.reply('GET', '/v1/teams', 200, { total: 0, teams: [appwriteTeam({ name: 'Late' })] });

    await expect(
      mock.backend.teams.create({ name: 'late', description: '', permissions: [] }),
    ).rejects.toMatchObject({
      kind: 'conflict',
    });
    expect(queriesOf(1)).toEqual([Query.limit(100), Query.offset(100)]);
  });

  it('refuses an unknown permission before any request', async () => {
    const permissions: unknown = ['courses.fly'];
    await expect(
      mock.backend.teams.create({ name: 'X', description: '', permissions: permissions as Permission[] }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    expect(mock.appwrite.requests).toHaveLength(0);
  });

  it('deletes the new team again when its prefs cannot be written', async () => {
    mock.appwrite.reply('GET', '/v1/teams', 200, { total: 0, teams: [] });
    mock.appwrite.reply('POST', '/v1/teams', 201, appwriteTeam({ prefs: {} }));
    mock.appwrite.reply(
      'PUT',
      '/v1/teams/team1/prefs',
      500,
      appwriteError(500, 'Server Error', 'general_unknown'),
    );
    mock.appwrite.replyEmpty('DELETE', '/v1/teams/team1');

    await expect(
      mock.backend.teams.create({ teamId: 'team1', name: 'CS', description: '', permissions: [] }),
    ).rejects.toMatchObject({ kind: 'unavailable' });
    expect(mock.appwrite.requests.map((request) => request.method)).toEqual(['GET', 'POST', 'PUT', 'DELETE']);
  });
});

describe('teams.get / list', () => {
  it('reads a team made elsewhere (no prefs) as no description and no permissions', async () => {
    mock.appwrite.reply('GET', '/v1/teams/org', 200, appwriteTeam({ $id: 'org', prefs: {} }));

    await expect(mock.backend.teams.get('org')).resolves.toMatchObject({
      description: '',
      permissions: [],
      requiresReview: false,
    });
  });

  it('drops a permission the catalogue does not have', async () => {
    const prefs = { description: 'd', permissions: ['courses.modify', 'everything'] };
    mock.appwrite.reply('GET', '/v1/teams/team1', 200, appwriteTeam({ prefs }));

    await expect(mock.backend.teams.get('team1')).resolves.toMatchObject({ permissions: ['courses.modify'] });
  });

  it('reports an unknown team as not_found', async () => {
    mock.appwrite.reply(
      'GET',
      '/v1/teams/ghost',
      404,
      appwriteError(404, 'Team with the requested ID could not be found.', 'team_not_found'),
    );

    await expect(mock.backend.teams.get('ghost')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('passes search, limit and offset and maps the page', async () => {
    mock.appwrite.reply('GET', '/v1/teams', 200, { total: 3, teams: [appwriteTeam()] });

    const page = await mock.backend.teams.list({ search: 'science', limit: 1, offset: 2 });

    expect(page).toMatchObject({ total: 3, totalCapped: false });
    expect(page.teams.map((team) => team.id)).toEqual(['team1']);
    expect(mock.appwrite.requests[0]?.query.get('search')).toBe('science');
    expect(queriesOf(0)).toEqual([Query.limit(1), Query.offset(2)]);
  });

  it('lists the teams of given ids, as many as there are ids unless told', async () => {
    mock.appwrite.reply('GET', '/v1/teams', 200, { total: 1, teams: [appwriteTeam()] });

    await mock.backend.teams.list({ teamIds: ['team1', 'team2'] });
    await expect(mock.backend.teams.list({ teamIds: [] })).resolves.toEqual({
      total: 0,
      totalCapped: false,
      teams: [],
    });

    expect(queriesOf(0)).toEqual([Query.equal('$id', ['team1', 'team2']), Query.limit(2)]);
    expect(mock.appwrite.requests).toHaveLength(1);
  });

  it('refuses a malformed answer as unavailable', async () => {
    mock.appwrite.reply('GET', '/v1/teams/team1', 200, { $id: 'team1' });

    await expect(mock.backend.teams.get('team1')).rejects.toMatchObject({ kind: 'unavailable' });
  });
});

describe('teams.update / delete', () => {
  it('renames after the name check and rewrites the whole prefs object', async () => {
    mock.appwrite.reply('GET', '/v1/teams/team1', 200, appwriteTeam());
    mock.appwrite.reply('GET', '/v1/teams', 200, { total: 0, teams: [appwriteTeam()] });
    mock.appwrite.reply('PUT', '/v1/teams/team1', 200, appwriteTeam({ name: 'CS' }));
    mock.appwrite.reply('PUT', '/v1/teams/team1/prefs', 200, {});
    mock.appwrite.reply(
      'GET',
      '/v1/teams/team1',
      200,
      appwriteTeam({ name: 'CS', prefs: { ...PREFS, permissions: [] } }),
    );

    const team = await mock.backend.teams.update('team1', { name: 'CS', permissions: [] });

    expect(team).toMatchObject({ name: 'CS', description: 'The department', permissions: [] });
    expect(mock.appwrite.json(2)).toEqual({ name: 'CS' });
    expect(mock.appwrite.json(3)).toEqual({ prefs: { ...PREFS, permissions: [] } });
  });

  it('changes only the prefs when the name is not given', async () => {
    mock.appwrite.reply('GET', '/v1/teams/team1', 200, appwriteTeam());
    mock.appwrite.reply('PUT', '/v1/teams/team1/prefs', 200, {});
    mock.appwrite.reply('GET', '/v1/teams/team1', 200, appwriteTeam());

    await mock.backend.teams.update('team1', { description: 'New' });

    expect(mock.appwrite.json(1)).toEqual({ prefs: { ...PREFS, description: 'New' } });
  });

  it('keeps whether the team’s courses are reviewed in its prefs (decision 0040)', async () => {
    mock.appwrite.reply('GET', '/v1/teams/team1', 200, appwriteTeam());
    mock.appwrite.reply('PUT', '/v1/teams/team1/prefs', 200, {});
    mock.appwrite.reply(
      'GET',
      '/v1/teams/team1',
      200,
      appwriteTeam({ prefs: { ...PREFS, requiresReview: true } }),
    );

    const team = await mock.backend.teams.update('team1', { requiresReview: true });

    expect(team.requiresReview).toBe(true);
    expect(mock.appwrite.json(1)).toEqual({ prefs: { ...PREFS, requiresReview: true } });
  });

  it('deletes the team, which takes its memberships with it', async () => {
    mock.appwrite.replyEmpty('DELETE', '/v1/teams/team1');

    await mock.backend.teams.delete('team1');

    expect(mock.appwrite.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'DELETE /v1/teams/team1',
    ]);
    expectAdminCall(mock.appwrite.requests[0]);
  });
});

describe('memberships', () => {
  it('adds a member at once with one role', async () => {
    mock.appwrite.reply('POST', '/v1/teams/team1/memberships', 201, appwriteMembership({ roles: ['lead'] }));

    const added = await mock.backend.teams.addMember({ teamId: 'team1', userId: 'user1', role: 'lead' });

    expect(added).toEqual({
      id: 'membership1',
      teamId: 'team1',
      teamName: 'Computer Science',
      userId: 'user1',
      userName: 'Ada Lovelace',
      userEmail: 'ada@example.com',
      role: 'lead',
      createdAt: TIMES.created,
    });
    expect(mock.appwrite.json(0)).toEqual({ roles: ['lead'], userId: 'user1' });
    expectAdminCall(mock.appwrite.requests[0]);
  });

  it('reports a member added twice as conflict', async () => {
    mock.appwrite.reply(
      'POST',
      '/v1/teams/team1/memberships',
      409,
      appwriteError(409, 'Membership is already confirmed.', 'membership_already_confirmed'),
    );

    await expect(
      mock.backend.teams.addMember({ teamId: 'team1', userId: 'user1', role: 'member' }),
    ).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('finds the membership by user to change its role or remove it', async () => {
    mock.appwrite.reply('GET', '/v1/teams/team1/memberships', 200, {
      total: 1,
      memberships: [appwriteMembership()],
    });
    mock.appwrite.reply(
      'PATCH',
      '/v1/teams/team1/memberships/membership1',
      200,
      appwriteMembership({ roles: ['lead'] }),
    );
    mock.appwrite.reply('GET', '/v1/teams/team1/memberships', 200, {
      total: 1,
      memberships: [appwriteMembership()],
    });
    mock.appwrite.replyEmpty('DELETE', '/v1/teams/team1/memberships/membership1');

    await expect(
      mock.backend.teams.setMemberRole({ teamId: 'team1', userId: 'user1', role: 'lead' }),
    ).resolves.toMatchObject({ role: 'lead' });
    await mock.backend.teams.removeMember({ teamId: 'team1', userId: 'user1' });

    expect(queriesOf(0)).toEqual([Query.equal('userId', 'user1'), Query.limit(100), Query.offset(0)]);
    expect(mock.appwrite.json(1)).toEqual({ roles: ['lead'] });
  });

  it('answers not_found when the user is not a member', async () => {
    mock.appwrite.reply('GET', '/v1/teams/team1/memberships', 200, { total: 0, memberships: [] });

    await expect(mock.backend.teams.removeMember({ teamId: 'team1', userId: 'user9' })).rejects.toMatchObject(
      {
        kind: 'not_found',
      },
    );
  });

  it("lists a person's teams in one call to Users, leaving out pending invitations", async () => {
    mock.appwrite.reply('GET', '/v1/users/user1/memberships', 200, {
      total: 3,
      memberships: [
        appwriteMembership({ $id: 'm1', roles: ['lead'] }),
        appwriteMembership({ $id: 'm2', teamId: 'team2', teamName: 'Moderation', roles: ['member'] }),
        appwriteMembership({ $id: 'm3', teamId: 'team3', confirm: false }),
      ],
    });

    const memberships = await mock.backend.teams.teamsOf('user1');

    expect(
      memberships.map((membership) => [membership.teamId, membership.teamName, membership.role]),
    ).toEqual([
      ['team1', 'Computer Science', 'lead'],
      ['team2', 'Moderation', 'member'],
    ]);
    expect(mock.appwrite.requests).toHaveLength(1);
    expect(queriesOf(0)).toEqual([Query.limit(100), Query.offset(0)]);
    expectAdminCall(mock.appwrite.requests[0]);
  });
});
