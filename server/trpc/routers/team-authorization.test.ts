/**
 * Who may call which `team` procedure: a visitor, a learner, an instructor, a member and
 * a lead of the team in question, a lead of another team, an admin and an Organization
 * Owner. Each call gets its own team (a lead, a member, one more member to act on) and
 * valid input, so a refusal can only come from authorization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome } from '../../../tests/helpers/identity';
import { createOwner } from '../../../tests/helpers/org-roles';
import {
  contextAs,
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser, TeamRole } from '../../backend/port';
import type { Context } from '../context';
import { appRouter, createCaller, type Caller } from '../root';

type Who = 'anonymous' | 'regular' | 'instructor' | 'member' | 'lead' | 'other lead' | 'admin' | 'owner';
const WHO: Who[] = ['anonymous', 'regular', 'instructor', 'member', 'lead', 'other lead', 'admin', 'owner'];

interface Arranged {
  teamId: string;
  /** A member of the team besides the lead and the member acting: the one acted on. */
  otherMemberId: string;
}
type Call = (caller: Caller, arranged: Arranged) => Promise<unknown>;

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => {
  await services.cleanup();
});

let n = 0;

async function teamWith(lead: AuthUser, member: AuthUser) {
  const team = await services.backend.teams.create({
    name: `Matrix team ${++n}`,
    description: '',
    permissions: ['courses.modify'],
  });
  const add = (user: AuthUser, role: TeamRole) =>
    services.backend.teams.addMember({ teamId: team.id, userId: user.id, role });
  await add(lead, 'lead');
  await add(member, 'member');
  const other = await createTestUser(services, 'instructor');
  await add(other, 'member');
  return { teamId: team.id, otherMemberId: other.id };
}

async function arrange(who: Who): Promise<{ ctx: Context; arranged: Arranged }> {
  const lead = await createTestUser(services, 'instructor');
  const member = await createTestUser(services, 'instructor');
  const arranged = await teamWith(lead, member);
  if (who === 'lead') return { ctx: await contextFor(services, lead), arranged };
  if (who === 'member') return { ctx: await contextFor(services, member), arranged };
  if (who === 'other lead') {
    const elsewhere = await createTestUser(services, 'instructor');
    await teamWith(elsewhere, await createTestUser(services, 'instructor'));
    return { ctx: await contextFor(services, elsewhere), arranged };
  }
  if (who === 'owner') {
    return { ctx: await contextFor(services, await createOwner(services)), arranged };
  }
  return { ctx: await contextAs(services, who), arranged };
}

const PROCEDURES: [string, Call][] = [
  ['team.list', (caller) => caller.team.list()],
  ['team.get', (caller, { teamId }) => caller.team.get({ teamId })],
  ['team.candidates', (caller, { teamId }) => caller.team.candidates({ teamId, search: 'a' })],
  [
    'team.create',
    (caller) =>
      caller.team.create({ name: `Created ${++n}`, description: 'New', permissions: ['students.view'] }),
  ],
  [
    'team.update',
    (caller, { teamId }) =>
      caller.team.update({ teamId, name: `Renamed ${++n}`, permissions: ['courses.modify'] }),
  ],
  ['team.delete', (caller, { teamId }) => caller.team.delete({ teamId })],
  [
    'team.addMember',
    async (caller, { teamId }) =>
      caller.team.addMember({
        teamId,
        userId: (await createTestUser(services, 'instructor')).id,
        role: 'member',
      }),
  ],
  [
    'team.removeMember',
    (caller, { teamId, otherMemberId }) => caller.team.removeMember({ teamId, userId: otherMemberId }),
  ],
  [
    'team.setMemberRole',
    (caller, { teamId, otherMemberId }) =>
      caller.team.setMemberRole({ teamId, userId: otherMemberId, role: 'lead' }),
  ],
];

const UNAUTHORIZED = 'UNAUTHORIZED';
const FORBIDDEN = 'FORBIDDEN';

// Anyone signed in asks for their own teams; a learner in none gets an empty list.
const SIGNED_IN: Record<Who, string> = {
  anonymous: UNAUTHORIZED,
  regular: 'ok',
  instructor: 'ok',
  member: 'ok',
  lead: 'ok',
  'other lead': 'ok',
  admin: 'ok',
  owner: 'ok',
};
const IN_THE_TEAM: Record<Who, string> = {
  ...SIGNED_IN,
  regular: FORBIDDEN,
  instructor: FORBIDDEN,
  'other lead': FORBIDDEN,
};
// A lead manages members, never the team itself (its name, permissions, existence).
const MANAGES_PEOPLE: Record<Who, string> = { ...IN_THE_TEAM, member: FORBIDDEN, lead: FORBIDDEN };
const LEADS_THE_TEAM: Record<Who, string> = { ...IN_THE_TEAM, member: FORBIDDEN };

const EXPECTED: Record<string, Record<Who, string>> = {
  'team.list': SIGNED_IN,
  'team.get': IN_THE_TEAM,
  'team.candidates': LEADS_THE_TEAM,
  'team.create': MANAGES_PEOPLE,
  'team.update': MANAGES_PEOPLE,
  'team.delete': MANAGES_PEOPLE,
  'team.addMember': LEADS_THE_TEAM,
  'team.removeMember': LEADS_THE_TEAM,
  'team.setMemberRole': LEADS_THE_TEAM,
};

describe('team authorization matrix', () => {
  it('covers every team procedure', () => {
    const paths = Object.keys(appRouter._def.procedures).filter((path) => path.startsWith('team.'));
    expect(PROCEDURES.map(([name]) => name).sort()).toEqual(paths.sort());
  });

  it.each(PROCEDURES.flatMap(([name, call]) => WHO.map((who) => [name, who, call] as const)))(
    '%s as %s',
    async (name, who, call) => {
      const { ctx, arranged } = await arrange(who);
      expect(await outcome(call(createCaller(ctx), arranged))).toBe(EXPECTED[name]?.[who]);
    },
  );
});
