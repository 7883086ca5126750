/**
 * A team's members (issue 15): added, removed and made lead or member by those who
 * manage people (`users.manage`), or by a lead of that team for its members — a lead
 * manages people, never the team's name or permissions (./teams.ts), and a team role
 * goes no higher than lead, so leading a team lifts nobody beyond it. Someone who is
 * only a member changes nothing, their own role included.
 *
 * A team keeps at least one lead once it has one: removing or demoting the last lead
 * is refused before the write for the clear message, and the leads are counted again
 * after it — two leads demoting each other at the same moment would otherwise leave
 * none — and the lead is put back, as for the last admin (identity/user-admin.ts).
 *
 * Every change is a security-log row naming who made it.
 */
import { isBackendError } from '../../backend/errors';
import type { Backend, TeamMembership, TeamRole } from '../../backend/port';
import { ServiceError } from '../errors';
import type { SignedInScope } from '../scope';
import { getTeam, logTeamChange, managesPeople, teamInLog, type TeamDetails } from './teams';

export const MAY_NOT_MANAGE_MEMBERS =
  'Only people who manage people (users.manage), or a lead of this team, can change its members.';
export const NOT_A_MEMBER = 'That person is not a member of this team.';

interface MemberChange {
  teamId: string;
  userId: string;
}

function personOf(membership: TeamMembership): string {
  return membership.userName || membership.userEmail;
}

function lastLeadError(membership: TeamMembership, doing: string): ServiceError {
  return new ServiceError(
    'bad_request',
    `${personOf(membership)} is the last lead of ${membership.teamName} and cannot be ${doing}: a team keeps at least one lead. Make someone else a lead first.`,
  );
}

/**
 * What each team role lets its holder do with the team's members: the one place a team
 * role is read, as base roles are read only through their permissions (the scan in
 * permissions/no-role-checks.test.ts holds here too). Two roles, so this also tells
 * them apart.
 */
const LEADS: Readonly<Record<TeamRole, boolean>> = { lead: true, member: false };

const leadsAmong = (members: readonly TeamMembership[]) => members.filter((member) => LEADS[member.role]);

/** Whether the actor may change these members: they manage people, or lead this team. */
function mayManage(scope: SignedInScope, members: readonly TeamMembership[]): boolean {
  return managesPeople(scope) || leadsAmong(members).some((lead) => lead.userId === scope.actor.id);
}

/** The team's members, once the actor is known to be allowed to change them. */
export async function membersToManage(scope: SignedInScope, teamId: string): Promise<TeamMembership[]> {
  const members = await scope.backend.teams.listMembers(teamId);
  if (!mayManage(scope, members)) throw new ServiceError('forbidden', MAY_NOT_MANAGE_MEMBERS);
  return members;
}

export interface TeamView extends TeamDetails {
  /** What the viewer may change, so a page offers only controls that will work. */
  may: { change: boolean; manageMembers: boolean };
}

/** A team, its members, and what the viewer may do with them (getTeam decides who sees it). */
export async function viewTeam(scope: SignedInScope, teamId: string): Promise<TeamView> {
  const details = await getTeam(scope, teamId);
  return {
    ...details,
    may: { change: managesPeople(scope), manageMembers: mayManage(scope, details.members) },
  };
}

function memberIn(members: readonly TeamMembership[], userId: string): TeamMembership {
  const member = members.find((candidate) => candidate.userId === userId);
  if (!member) throw new ServiceError('not_found', NOT_A_MEMBER);
  return member;
}

function memberInLog(membership: TeamMembership): string {
  return `user ${membership.userId} in ${teamInLog({ id: membership.teamId, name: membership.teamName })}`;
}

/** After taking a lead away: true when the team has no lead left (someone else did the same). */
async function leftWithoutLead(backend: Backend, teamId: string): Promise<boolean> {
  return leadsAmong(await backend.teams.listMembers(teamId)).length === 0;
}

export async function addTeamMember(
  scope: SignedInScope,
  input: MemberChange & { role: TeamRole },
): Promise<TeamMembership> {
  const members = await membersToManage(scope, input.teamId);
  const already = members.find((member) => member.userId === input.userId);
  if (already) throw alreadyMember(already);
  let added: TeamMembership;
  try {
    added = await scope.backend.teams.addMember(input);
  } catch (error) {
    // Added by someone else between the read and the write.
    if (isBackendError(error, 'conflict'))
      throw new ServiceError('conflict', 'That person is already a member of this team.', { cause: error });
    throw error;
  }
  await logTeamChange(scope, 'team_member_added', `${memberInLog(added)} added as ${added.role}`);
  return added;
}

function alreadyMember(membership: TeamMembership): ServiceError {
  return new ServiceError(
    'conflict',
    `${personOf(membership)} is already a member of ${membership.teamName} (as ${membership.role}).`,
  );
}

export async function setTeamMemberRole(
  scope: SignedInScope,
  input: MemberChange & { role: TeamRole },
): Promise<TeamMembership> {
  const { backend } = scope;
  const members = await membersToManage(scope, input.teamId);
  const member = memberIn(members, input.userId);
  const demotesLead = LEADS[member.role] && !LEADS[input.role];
  if (LEADS[member.role] === LEADS[input.role]) return member;
  if (demotesLead && leadsAmong(members).length <= 1) throw lastLeadError(member, 'made a member');

  const changed = await backend.teams.setMemberRole(input);
  if (demotesLead && (await leftWithoutLead(backend, input.teamId))) {
    await backend.teams.setMemberRole({ ...input, role: 'lead' });
    throw lastLeadError(member, 'made a member');
  }
  await logTeamChange(
    scope,
    'team_member_role_changed',
    `${memberInLog(changed)} made ${changed.role} (was ${member.role})`,
  );
  return changed;
}

export async function removeTeamMember(scope: SignedInScope, input: MemberChange): Promise<void> {
  const { backend } = scope;
  const members = await membersToManage(scope, input.teamId);
  const member = memberIn(members, input.userId);
  const removesLead = LEADS[member.role];
  if (removesLead && leadsAmong(members).length <= 1) throw lastLeadError(member, 'removed');

  await backend.teams.removeMember(input);
  if (removesLead && (await leftWithoutLead(backend, input.teamId))) {
    await backend.teams.addMember({ ...input, role: 'lead' });
    throw lastLeadError(member, 'removed');
  }
  await logTeamChange(scope, 'team_member_removed', `${memberInLog(member)} removed (was ${member.role})`);
}
