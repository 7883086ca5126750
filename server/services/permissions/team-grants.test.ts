/** Team grants read from the embedded teams port: who holds what, and what it costs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingBackend } from '../../../tests/helpers/counting-backend';
import { createTestServices, createTestUser, type TestServices } from '../../../tests/helpers/services';
import type { AuthUser, Team } from '../../backend/port';
import { can } from './access';
import { accessThrough } from './team-grants';

let services: TestServices;
let lead: AuthUser;
let member: AuthUser;
let loner: AuthUser;
let biology: Team;
let physics: Team;

beforeAll(async () => {
  services = await createTestServices();
  [lead, member, loner] = await Promise.all([
    createTestUser(services, 'regular'),
    createTestUser(services, 'regular'),
    createTestUser(services, 'regular'),
  ]);
  const { teams } = services.backend;
  biology = await teams.create({ name: 'Biology', description: '', permissions: ['courses.modify'] });
  physics = await teams.create({ name: 'Physics', description: '', permissions: ['students.view'] });
  await teams.addMember({ teamId: biology.id, userId: lead.id, role: 'lead' });
  await teams.addMember({ teamId: biology.id, userId: member.id, role: 'member' });
  await teams.addMember({ teamId: physics.id, userId: member.id, role: 'member' });
});
afterAll(async () => {
  await services.cleanup();
});

const courseOf = (team: Team | null) => ({ instructor: 'someone-else', teamId: team?.id ?? null });

describe('team grants', () => {
  it("give members and leads alike their team's permissions on its courses, and nothing on others'", async () => {
    const asLead = accessThrough(services.backend, lead);
    const asMember = accessThrough(services.backend, member);
    expect(await can(asLead, 'courses.modify', courseOf(biology))).toBe(true);
    expect(await can(asMember, 'courses.modify', courseOf(biology))).toBe(true);
    expect(await can(asMember, 'students.view', courseOf(biology))).toBe(false);
    expect(await can(asMember, 'students.view', courseOf(physics))).toBe(true);
    expect(await can(asLead, 'courses.modify', courseOf(physics))).toBe(false);
    expect(await can(asLead, 'courses.modify', courseOf(null))).toBe(false);
    // Across the organization they hold nothing more.
    expect(await can(asMember, 'courses.modify')).toBe(false);
  });

  it('cost two calls for the whole request however many teams are asked about, one for someone in none', async () => {
    const counter = countingBackend(services.backend);
    const asMember = accessThrough(counter.backend, member);
    expect(counter.calls()).toEqual([]);
    await can(asMember, 'courses.modify', courseOf(null));
    expect(counter.calls()).toEqual([]);
    await Promise.all([
      can(asMember, 'courses.modify', courseOf(biology)),
      can(asMember, 'students.view', courseOf(physics)),
      can(asMember, 'students.view', courseOf(biology)),
    ]);
    expect(counter.calls()).toEqual(['teams.teamsOf', 'teams.list']);

    counter.reset();
    expect(await can(accessThrough(counter.backend, loner), 'courses.modify', courseOf(biology))).toBe(false);
    expect(counter.calls()).toEqual(['teams.teamsOf']);
  });

  it('are read anew by the next access: leaving a team ends its grants there', async () => {
    const leaving = await createTestUser(services, 'regular');
    await services.backend.teams.addMember({ teamId: biology.id, userId: leaving.id, role: 'member' });
    const first = accessThrough(services.backend, leaving);
    expect(await can(first, 'courses.modify', courseOf(biology))).toBe(true);
    await services.backend.teams.removeMember({ teamId: biology.id, userId: leaving.id });
    expect(await can(accessThrough(services.backend, leaving), 'courses.modify', courseOf(biology))).toBe(
      false,
    );
  });
});
