/**
 * Teams, part of the backend contract (issue 15): the same cases on the embedded adapter
 * and on a real Appwrite server when one is configured, inside the contract's run (its
 * ids, users and clean-up). Team names carry a token of the run, so a shared server's
 * other teams never interfere; what the cases create they delete.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { AuthUser, Backend, Team, TeamMembership } from '../../server/backend/port';
import type { Permission } from '../../shared/permissions';
import { expectKind } from './expect-error';

/** Who is in a list of memberships, as `userId:role`, in order. */
function roster(memberships: TeamMembership[]): string[] {
  return memberships.map((membership) => `${membership.userId}:${membership.role}`);
}

/**
 * Appwrite removes a deleted user's memberships in its deletes worker, after the delete
 * has answered: a check of what follows a user's deletion waits for it (up to 10 s).
 */
async function eventually(check: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await check();
      return;
    } catch (error) {
      if (attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** What the enclosing backend contract lends the teams cases: its backend, ids and users. */
export interface ContractRun {
  backend(): Backend;
  /** A fresh id owned by this run. */
  uid(tag: string): string;
  /** A user of this run, deleted when the run ends. */
  createUser(tag: string, name: string): Promise<AuthUser>;
}

export function describeTeamsContract(run: ContractRun): void {
  describe('teams', () => {
    const { backend, uid } = run;
    const createdTeams: string[] = [];

    async function createTeam(name: string, permissions: Permission[] = [], description = ''): Promise<Team> {
      const team = await backend().teams.create({ teamId: uid('t'), name, description, permissions });
      createdTeams.push(team.id);
      return team;
    }

    const createUser = (name: string) => run.createUser('tm', name);

    // Runs before the enclosing contract deletes its users.
    afterAll(async () => {
      for (const teamId of createdTeams)
        await backend()
          .teams.delete(teamId)
          .catch(() => undefined);
    });

    it('creates a team and reads it back, permissions in catalogue order', async () => {
      const name = `Biology ${uid('n')}`;
      const team = await createTeam(name, ['students.grade', 'courses.modify'], 'The biology department');
      expect(team).toMatchObject({
        name,
        description: 'The biology department',
        permissions: ['courses.modify', 'students.grade'],
      });
      expect(Number.isNaN(Date.parse(team.createdAt))).toBe(false);
      expect(await backend().teams.get(team.id)).toEqual(team);
    });

    it('lists teams by a search of the name, with limit and offset', async () => {
      const token = uid('quill');
      const first = await createTeam(`Physics ${token}`);
      const second = await createTeam(`Chemistry ${token}`);
      const all = await backend().teams.list({ search: token });
      expect(all.total).toBe(2);
      expect(all.totalCapped).toBe(false);
      expect(all.teams.map((team) => team.id).sort()).toEqual([first.id, second.id].sort());
      const page1 = await backend().teams.list({ search: token, limit: 1 });
      const page2 = await backend().teams.list({ search: token, limit: 1, offset: 1 });
      expect(page1.total).toBe(2);
      expect(page1.teams).toHaveLength(1);
      expect(page2.teams).toHaveLength(1);
      expect(page2.teams[0]?.id).not.toBe(page1.teams[0]?.id);
    });

    it('lists the teams of given ids, all of them by default', async () => {
      const teams: Team[] = [];
      for (const subject of ['Latin', 'Greek', 'Hebrew'])
        teams.push(await createTeam(`${subject} ${uid('n')}`));
      const ids = [...teams.map((team) => team.id), uid('missing')];
      const named = await backend().teams.list({ teamIds: ids });
      expect(named.total).toBe(3);
      expect(named.teams.map((team) => team.id).sort()).toEqual(teams.map((team) => team.id).sort());
      expect((await backend().teams.list({ teamIds: ids, limit: 2 })).teams).toHaveLength(2);
      expect(await backend().teams.list({ teamIds: [] })).toEqual({
        total: 0,
        totalCapped: false,
        teams: [],
      });
    });

    it('updates only the given fields, and deletes a team', async () => {
      const team = await createTeam(`Maths ${uid('n')}`, ['students.view'], 'Numbers');
      const renamed = await backend().teams.update(team.id, { name: `Mathematics ${uid('n')}` });
      expect(renamed).toMatchObject({ description: 'Numbers', permissions: ['students.view'] });
      expect(renamed.name).toMatch(/^Mathematics /);
      const changed = await backend().teams.update(team.id, { permissions: [], description: 'Figures' });
      expect(changed).toMatchObject({ name: renamed.name, description: 'Figures', permissions: [] });
      expect(await backend().teams.get(team.id)).toEqual(changed);
      await backend().teams.delete(team.id);
      await expectKind(backend().teams.get(team.id), 'not_found');
      await expectKind(backend().teams.delete(team.id), 'not_found');
      await expectKind(backend().teams.update(team.id, { description: 'x' }), 'not_found');
    });

    it('keeps whether the team’s courses are reviewed before publishing, false unless set', async () => {
      const team = await createTeam(`Moderation ${uid('n')}`);
      expect(team.requiresReview).toBe(false);
      const reviewed = await backend().teams.update(team.id, { requiresReview: true });
      expect(reviewed).toMatchObject({ requiresReview: true, name: team.name, permissions: [] });
      expect(await backend().teams.get(team.id)).toEqual(reviewed);
      const renamed = await backend().teams.update(team.id, { description: 'Checks content' });
      expect(renamed.requiresReview).toBe(true);
      const created = await backend().teams.create({
        teamId: uid('t'),
        name: `Review board ${uid('n')}`,
        description: '',
        permissions: [],
        requiresReview: true,
      });
      createdTeams.push(created.id);
      expect((await backend().teams.get(created.id)).requiresReview).toBe(true);
      const notBoolean: unknown = 'yes';
      await expectKind(backend().teams.update(team.id, { requiresReview: notBoolean as boolean }), 'invalid');
      expect(await backend().teams.get(team.id)).toEqual(renamed);
    });

    it('keeps names unique, compared without case', async () => {
      const name = `History ${uid('n')}`;
      const team = await createTeam(name);
      await expectKind(createTeam(name.toUpperCase()), 'conflict');
      const other = await createTeam(`Geography ${uid('n')}`);
      await expectKind(backend().teams.update(other.id, { name: ` ${name.toLowerCase()} ` }), 'conflict');
      expect((await backend().teams.get(other.id)).name).toMatch(/^Geography /);
      // A team may change the case of its own name.
      expect((await backend().teams.update(team.id, { name: name.toUpperCase() })).name).toBe(
        name.toUpperCase(),
      );
    });

    it('refuses an unknown permission, an empty name and a taken id, changing nothing', async () => {
      const token = uid('bad');
      const bad: unknown = ['courses.modify', 'courses.fly'];
      await expectKind(
        backend().teams.create({ name: `Art ${token}`, description: '', permissions: bad as Permission[] }),
        'invalid',
      );
      await expectKind(backend().teams.create({ name: '   ', description: '', permissions: [] }), 'invalid');
      expect((await backend().teams.list({ search: token })).total).toBe(0);
      const team = await createTeam(`Music ${token}`, ['students.view']);
      await expectKind(backend().teams.update(team.id, { permissions: bad as Permission[] }), 'invalid');
      await expectKind(backend().teams.update(team.id, { name: '' }), 'invalid');
      await expectKind(
        backend().teams.create({
          teamId: team.id,
          name: `Other ${uid('n')}`,
          description: '',
          permissions: [],
        }),
        'conflict',
      );
      expect(await backend().teams.get(team.id)).toEqual(team);
    });

    it('adds members and leads, promotes and removes them; a member twice is a conflict', async () => {
      const team = await createTeam(`Computer Science ${uid('n')}`, ['courses.modify']);
      const lead = await createUser('Lena Lead');
      const member = await createUser('Max Member');
      const added = await backend().teams.addMember({ teamId: team.id, userId: lead.id, role: 'lead' });
      expect(added).toMatchObject({
        teamId: team.id,
        teamName: team.name,
        userId: lead.id,
        userName: 'Lena Lead',
        userEmail: lead.email,
        role: 'lead',
      });
      await backend().teams.addMember({ teamId: team.id, userId: member.id, role: 'member' });
      expect(roster(await backend().teams.listMembers(team.id))).toEqual([
        `${lead.id}:lead`,
        `${member.id}:member`,
      ]);

      await expectKind(
        backend().teams.addMember({ teamId: team.id, userId: member.id, role: 'lead' }),
        'conflict',
      );
      expect(roster(await backend().teams.listMembers(team.id))).toEqual([
        `${lead.id}:lead`,
        `${member.id}:member`,
      ]);
      // The Teams page lists each team with its number of members, from the list itself.
      expect((await backend().teams.get(team.id)).memberCount).toBe(2);
      const listed = await backend().teams.list({ teamIds: [team.id] });
      expect(listed.teams.map((each) => each.memberCount)).toEqual([2]);

      const promoted = await backend().teams.setMemberRole({
        teamId: team.id,
        userId: member.id,
        role: 'lead',
      });
      expect(promoted).toMatchObject({ userId: member.id, role: 'lead' });
      await backend().teams.removeMember({ teamId: team.id, userId: lead.id });
      expect(roster(await backend().teams.listMembers(team.id))).toEqual([`${member.id}:lead`]);
      expect((await backend().teams.get(team.id)).memberCount).toBe(1);

      await expectKind(backend().teams.removeMember({ teamId: team.id, userId: lead.id }), 'not_found');
      await expectKind(
        backend().teams.setMemberRole({ teamId: team.id, userId: lead.id, role: 'member' }),
        'not_found',
      );
      await expectKind(
        backend().teams.addMember({ teamId: uid('missing'), userId: lead.id, role: 'member' }),
        'not_found',
      );
      await expectKind(
        backend().teams.addMember({ teamId: team.id, userId: uid('missing'), role: 'member' }),
        'not_found',
      );
      await expectKind(backend().teams.listMembers(uid('missing')), 'not_found');
    });

    it("lists one person's teams with their role; deleting a team removes its memberships", async () => {
      const person = await createUser('Tess Two-Teams');
      const loner = await createUser('Nobody In Particular');
      const first = await createTeam(`Languages ${uid('n')}`, ['students.grade']);
      const second = await createTeam(`Moderation ${uid('n')}`, ['content.review']);
      await backend().teams.addMember({ teamId: first.id, userId: person.id, role: 'member' });
      await backend().teams.addMember({ teamId: second.id, userId: person.id, role: 'lead' });

      const mine = await backend().teams.teamsOf(person.id);
      expect(
        mine.map((membership) => [membership.teamId, membership.teamName, membership.role]).sort(),
      ).toEqual(
        [
          [first.id, first.name, 'member'],
          [second.id, second.name, 'lead'],
        ].sort(),
      );
      expect(await backend().teams.teamsOf(loner.id)).toEqual([]);

      await backend().teams.delete(second.id);
      expect((await backend().teams.teamsOf(person.id)).map((membership) => membership.teamId)).toEqual([
        first.id,
      ]);
    });

    it('deleting a user removes their memberships', async () => {
      const team = await createTeam(`Drama ${uid('n')}`);
      const staying = await createUser('Stay');
      const leaving = await createUser('Leave');
      await backend().teams.addMember({ teamId: team.id, userId: staying.id, role: 'lead' });
      await backend().teams.addMember({ teamId: team.id, userId: leaving.id, role: 'member' });
      await backend().users.delete(leaving.id);
      await expectKind(backend().teams.teamsOf(leaving.id), 'not_found');
      await eventually(async () => {
        expect(roster(await backend().teams.listMembers(team.id))).toEqual([`${staying.id}:lead`]);
      });
    });
  });
}
