/**
 * People to add to a team (issue 15): the Teams page's "Add a member" search. Whoever
 * may change the team's members — those who manage people, or a lead of that team —
 * may find people by name or email to add; a lead has no `users.manage`, so cannot use
 * `users.list`, and would otherwise have no way to name anyone. Only what picking needs
 * (name, email), a few at a time, never the rest of the profile; those already in the
 * team are marked so the page offers them no "Add" button. Two backend calls: the
 * members (which also decide who may ask), then the search.
 */
import { listUsers } from '../identity/user-admin';
import type { SignedInScope } from '../scope';
import { membersToManage } from './members';

export const CANDIDATE_LIMIT = 10;

export interface TeamCandidate {
  id: string;
  name: string;
  email: string;
  /** Already in this team: shown, but not offered. */
  member: boolean;
}

export async function findTeamCandidates(
  scope: SignedInScope,
  input: { teamId: string; search: string },
): Promise<{ items: TeamCandidate[]; more: boolean }> {
  const members = await membersToManage(scope, input.teamId);
  const inTeam = new Set(members.map((member) => member.userId));
  const found = await listUsers(scope.backend, { search: input.search, limit: CANDIDATE_LIMIT });
  return {
    items: found.items.map((person) => ({
      id: person.id,
      name: person.name,
      email: person.email,
      member: inTeam.has(person.id),
    })),
    more: found.nextCursor !== null,
  };
}
