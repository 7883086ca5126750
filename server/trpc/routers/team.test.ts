/**
 * The `team` procedures' rules (issue 15): nobody grants a permission they do not hold,
 * names are unique, nobody is a member twice, a team keeps at least one lead (checked
 * again after the write), deleting a team keeps its courses, and every change is a
 * security-log row naming who made it. A refused call changes nothing: teams, members
 * and security-log rows are counted before and after.
 */
import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedCourse } from '../../../tests/helpers/courses';
import { outcome } from '../../../tests/helpers/identity';
import { createOwner } from '../../../tests/helpers/org-roles';
import {
  contextFor,
  createTestServices,
  createTestUser,
  scopeFor,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser, TeamsPort } from '../../backend/port';
import { parseCourse } from '../../services/courses/records';
import { removeTeamMember, setTeamMemberRole } from '../../services/teams/members';
import { COURSES, SECURITY_LOGS } from '../../services/tables';
import { createCaller, type Caller } from '../root';

let services: TestServices;
let owner: AuthUser;
let asOwner: Caller;

beforeEach(async () => {
  services = await createTestServices();
  owner = await createOwner(services, { name: 'Olive Owner' });
  asOwner = createCaller(await contextFor(services, owner));
});
afterEach(async () => {
  await services.cleanup();
});

async function callerOf(user: AuthUser): Promise<Caller> {
  return createCaller(await contextFor(services, user));
}

async function teamLog(action: string) {
  const { rows } = await services.backend.tables.list({
    ...SECURITY_LOGS,
    queries: [Query.equal('action', action), Query.orderAsc('timestamp')],
  });
  return rows.map((row) => ({ userId: row.userId, reason: row.reason }));
}

/** What a refused team call could have written. */
async function teamWritesSoFar() {
  const { teams } = await services.backend.teams.list({ limit: 100 });
  const members = await Promise.all(teams.map((team) => services.backend.teams.listMembers(team.id)));
  const logs = await services.backend.tables.list({ ...SECURITY_LOGS, queries: [Query.limit(1)] });
  return { teams, members, logs: logs.total };
}

async function expectNothingChanged(refuse: () => Promise<unknown>, code: string, message?: RegExp) {
  const before = await teamWritesSoFar();
  const error = await refuse().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toMatchObject({ code, ...(message ? { message: expect.stringMatching(message) } : {}) });
  expect(await teamWritesSoFar()).toEqual(before);
}

async function teamLedBy(lead: AuthUser, permissions: ('courses.modify' | 'students.grade')[] = []) {
  const team = await asOwner.team.create({ name: `Team of ${lead.name}`, description: '', permissions });
  await asOwner.team.addMember({ teamId: team.id, userId: lead.id, role: 'lead' });
  return team;
}

describe('creating and changing teams', () => {
  it('creates a team with the permissions the creator holds, and logs who did it', async () => {
    const team = await asOwner.team.create({
      name: '  Computer Science Department ',
      description: 'Programming courses',
      permissions: ['students.grade', 'courses.modify'],
    });
    expect(team).toMatchObject({
      name: 'Computer Science Department',
      description: 'Programming courses',
      permissions: ['courses.modify', 'students.grade'],
    });
    expect(await asOwner.team.get({ teamId: team.id })).toEqual({
      team,
      members: [],
      may: { change: true, manageMembers: true },
    });
    expect(await teamLog('team_created')).toEqual([
      {
        userId: owner.id,
        reason: `team ${team.id} ("Computer Science Department") created with courses.modify, students.grade`,
      },
    ]);
  });

  it('refuses an unknown permission, a taken name and a permission the admin lacks, changing nothing', async () => {
    await asOwner.team.create({ name: 'Moderation', description: '', permissions: [] });
    const admin = await callerOf(await createTestUser(services, 'admin'));

    await expectNothingChanged(
      () =>
        asOwner.team.create({
          name: 'Other',
          description: '',
          permissions: ['courses.fly' as 'courses.modify'],
        }),
      'BAD_REQUEST',
      /permission/,
    );
    await expectNothingChanged(
      () => asOwner.team.create({ name: 'MODERATION', description: '', permissions: [] }),
      'CONFLICT',
      /A team named “MODERATION” already exists/,
    );
    // An Organization Admin does not hold students.grade (decision 0039), so cannot give it.
    await expectNothingChanged(
      () =>
        admin.team.create({
          name: 'Graders',
          description: '',
          permissions: ['courses.modify', 'students.grade'],
        }),
      'FORBIDDEN',
      /students\.grade/,
    );
    await expect(
      admin.team.create({ name: 'Editors', description: '', permissions: ['courses.modify'] }),
    ).resolves.toMatchObject({ name: 'Editors' });
  });

  it('checks only the permissions an update adds, and refuses a rename to a taken name', async () => {
    const graders = await asOwner.team.create({
      name: 'Graders',
      description: '',
      permissions: ['students.grade'],
    });
    await asOwner.team.create({ name: 'Editors', description: '', permissions: [] });
    const adminUser = await createTestUser(services, 'admin');
    const admin = await callerOf(adminUser);

    await expectNothingChanged(
      () => admin.team.update({ teamId: graders.id, permissions: ['students.grade', 'settings.manage'] }),
      'FORBIDDEN',
      /settings\.manage/,
    );
    await expectNothingChanged(() => admin.team.update({ teamId: graders.id, name: 'editors' }), 'CONFLICT');
    await expectNothingChanged(
      () => admin.team.update({ teamId: graders.id, permissions: ['nope' as 'students.grade'] }),
      'BAD_REQUEST',
    );

    // The owner gave students.grade; the admin may still rename the team and keep it.
    const renamed = await admin.team.update({
      teamId: graders.id,
      name: 'Markers',
      permissions: ['students.grade', 'students.view'],
    });
    expect(renamed).toMatchObject({ name: 'Markers', permissions: ['students.view', 'students.grade'] });
    expect(await teamLog('team_updated')).toEqual([
      {
        userId: adminUser.id,
        reason: `team ${graders.id} ("Markers") renamed from "Graders"; permissions students.view, students.grade (were students.grade)`,
      },
    ]);
  });

  it('lets a lead change neither the team nor its permissions', async () => {
    const lead = await createTestUser(services, 'instructor');
    const team = await teamLedBy(lead, ['courses.modify']);
    const asLead = await callerOf(lead);
    await expectNothingChanged(
      () => asLead.team.update({ teamId: team.id, permissions: ['courses.modify', 'students.view'] }),
      'FORBIDDEN',
    );
    await expectNothingChanged(() => asLead.team.update({ teamId: team.id, name: 'Mine now' }), 'FORBIDDEN');
    await expectNothingChanged(() => asLead.team.delete({ teamId: team.id }), 'FORBIDDEN');
  });
});

describe('members', () => {
  it('lets a lead add, promote and remove members of their team, each change logged as theirs', async () => {
    const lead = await createTestUser(services, 'instructor', { name: 'Lee Lead' });
    const team = await teamLedBy(lead);
    const asLead = await callerOf(lead);
    const newcomer = await createTestUser(services, 'instructor', { name: 'Nia New' });

    await expect(asLead.team.addMember({ teamId: team.id, userId: newcomer.id })).resolves.toMatchObject({
      userId: newcomer.id,
      role: 'member',
      teamName: team.name,
    });
    await asLead.team.setMemberRole({ teamId: team.id, userId: newcomer.id, role: 'lead' });
    await asLead.team.removeMember({ teamId: team.id, userId: lead.id });

    const { members } = await asOwner.team.get({ teamId: team.id });
    expect(members.map((member) => [member.userId, member.role])).toEqual([[newcomer.id, 'lead']]);
    const where = `team ${team.id} ("${team.name}")`;
    expect(await teamLog('team_member_added')).toEqual([
      { userId: owner.id, reason: `user ${lead.id} in ${where} added as lead` },
      { userId: lead.id, reason: `user ${newcomer.id} in ${where} added as member` },
    ]);
    expect(await teamLog('team_member_role_changed')).toEqual([
      { userId: lead.id, reason: `user ${newcomer.id} in ${where} made lead (was member)` },
    ]);
    expect(await teamLog('team_member_removed')).toEqual([
      { userId: lead.id, reason: `user ${lead.id} in ${where} removed (was lead)` },
    ]);
  });

  it('refuses a member twice, and a plain member making themselves lead', async () => {
    const lead = await createTestUser(services, 'instructor');
    const member = await createTestUser(services, 'instructor');
    const team = await teamLedBy(lead);
    await asOwner.team.addMember({ teamId: team.id, userId: member.id });

    await expectNothingChanged(
      () => asOwner.team.addMember({ teamId: team.id, userId: member.id, role: 'lead' }),
      'CONFLICT',
      /already a member/,
    );
    const asMember = await callerOf(member);
    await expectNothingChanged(
      () => asMember.team.setMemberRole({ teamId: team.id, userId: member.id, role: 'lead' }),
      'FORBIDDEN',
    );
    // Leading lifts nobody beyond lead: the lead's own permissions across the organization stay as they were.
    const asLead = await callerOf(lead);
    const held = await asLead.auth.permissions();
    await asLead.team.setMemberRole({ teamId: team.id, userId: lead.id, role: 'lead' });
    expect(await asLead.auth.permissions()).toEqual(held);
  });

  it('keeps at least one lead: the last lead is neither removed nor made a member', async () => {
    const lead = await createTestUser(services, 'instructor');
    const team = await teamLedBy(lead);
    const asLead = await callerOf(lead);

    for (const refused of [
      () => asLead.team.removeMember({ teamId: team.id, userId: lead.id }),
      () => asOwner.team.removeMember({ teamId: team.id, userId: lead.id }),
      () => asLead.team.setMemberRole({ teamId: team.id, userId: lead.id, role: 'member' }),
    ]) {
      await expectNothingChanged(refused, 'BAD_REQUEST', /a team keeps at least one lead/);
    }
  });

  it('puts the lead back when another change left the team without one after the check', async () => {
    const first = await createTestUser(services, 'instructor');
    const second = await createTestUser(services, 'instructor');
    const team = await teamLedBy(first);
    await asOwner.team.addMember({ teamId: team.id, userId: second.id, role: 'lead' });
    const { backend } = services;

    // The check reads two leads; by the write, the other lead has been made a member.
    const racing = (): TeamsPort => {
      let reads = 0;
      return {
        ...backend.teams,
        listMembers: async (teamId) => {
          const members = await backend.teams.listMembers(teamId);
          reads += 1;
          if (reads === 1) await backend.teams.setMemberRole({ teamId, userId: second.id, role: 'member' });
          return members;
        },
      };
    };
    const scope = { ...scopeFor(services, owner), backend: { ...backend, teams: racing() } };
    const before = await teamLog('team_member_role_changed');

    await expect(
      setTeamMemberRole(scope, { teamId: team.id, userId: first.id, role: 'member' }),
    ).rejects.toThrow(/a team keeps at least one lead/);
    const leads = async () =>
      (await backend.teams.listMembers(team.id)).filter((m) => m.role === 'lead').map((m) => m.userId);
    expect(await leads()).toEqual([first.id]);

    await backend.teams.setMemberRole({ teamId: team.id, userId: second.id, role: 'lead' });
    const again = { ...scope, backend: { ...backend, teams: racing() } };
    await expect(removeTeamMember(again, { teamId: team.id, userId: first.id })).rejects.toThrow(
      /a team keeps at least one lead/,
    );
    expect(await leads()).toEqual([first.id]);
    expect(await teamLog('team_member_role_changed')).toEqual(before);
    expect(await teamLog('team_member_removed')).toEqual([]);
  });
});

describe('finding people to add', () => {
  it('lets a lead find people by name or email, marking those already in the team', async () => {
    const lead = await createTestUser(services, 'instructor', { name: 'Lee Lead' });
    const member = await createTestUser(services, 'instructor', { name: 'Kim Member' });
    const team = await teamLedBy(lead);
    await asOwner.team.addMember({ teamId: team.id, userId: member.id });
    const outsider = await createTestUser(services, 'regular', { name: 'Kim Outsider' });
    const asLead = await callerOf(lead);

    const found = await asLead.team.candidates({ teamId: team.id, search: 'kim' });
    expect(found.more).toBe(false);
    expect(found.items.map(({ id, member: inTeam }) => [id, inTeam]).sort()).toEqual(
      [
        [member.id, true],
        [outsider.id, false],
      ].sort(),
    );
    expect(found.items.find((person) => person.id === outsider.id)).toEqual({
      id: outsider.id,
      name: 'Kim Outsider',
      email: outsider.email,
      member: false,
    });
    // What the viewer may change comes with the team, for the page's controls.
    expect((await asLead.team.get({ teamId: team.id })).may).toEqual({ change: false, manageMembers: true });
    const asMember = await callerOf(member);
    expect((await asMember.team.get({ teamId: team.id })).may).toEqual({
      change: false,
      manageMembers: false,
    });
    expect(await outcome(asMember.team.candidates({ teamId: team.id, search: 'kim' }))).toBe('FORBIDDEN');
    expect(await outcome(asLead.team.candidates({ teamId: team.id, search: '  ' }))).toBe('BAD_REQUEST');
  });
});

describe('seeing teams', () => {
  it('shows every team to those who manage people, and to anyone else the teams they are in', async () => {
    const lead = await createTestUser(services, 'instructor', { name: 'Lee' });
    const learner = await createTestUser(services, 'regular');
    const mine = await teamLedBy(lead);
    const other = await asOwner.team.create({ name: 'Someone else’s', description: '', permissions: [] });

    expect((await asOwner.team.list()).teams.map((team) => team.id)).toEqual([mine.id, other.id]);
    const asLead = await callerOf(lead);
    expect(await asLead.team.list()).toMatchObject({ teams: [{ id: mine.id }], total: 1 });
    expect(await (await callerOf(learner)).team.list()).toEqual({ teams: [], total: 0, totalCapped: false });
    expect(await outcome(asLead.team.get({ teamId: other.id }))).toBe('FORBIDDEN');
    expect((await asLead.team.get({ teamId: mine.id })).members.map((member) => member.userId)).toEqual([
      lead.id,
    ]);
  });
});

describe('deleting a team', () => {
  it('keeps its courses with their authors, out of the team, and logs it', async () => {
    const author = await createTestUser(services, 'instructor');
    const team = await teamLedBy(author, ['courses.modify']);
    const { courseId } = await seedCourse(services, author);
    const { courseId: elsewhere } = await seedCourse(services, author);
    await services.backend.tables.update({ ...COURSES, rowId: courseId, data: { teamId: team.id } });

    await expect(asOwner.team.delete({ teamId: team.id })).resolves.toEqual({ coursesReleased: 1 });

    const course = async (id: string) =>
      parseCourse(await services.backend.tables.get({ ...COURSES, rowId: id }));
    expect(await course(courseId)).toMatchObject({ instructor: author.id, teamId: null });
    expect(await course(elsewhere)).toMatchObject({ instructor: author.id, teamId: null });
    expect(await outcome(asOwner.team.get({ teamId: team.id }))).toBe('NOT_FOUND');
    expect(await services.backend.teams.teamsOf(author.id)).toEqual([]);
    expect(await teamLog('team_deleted')).toEqual([
      {
        userId: owner.id,
        reason: `team ${team.id} ("${team.name}") deleted; 1 course(s) left the team and stay with their authors`,
      },
    ]);
  });
});
