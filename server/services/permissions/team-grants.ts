/**
 * What a person holds through their teams, read from the teams port (docs/decisions/0039):
 * their memberships, then those teams' permissions — two backend calls, made the first
 * time a rule asks about a team course and never before, so a request that asks no team
 * question costs nothing. One lookup serves one request (its scope's `Access`); the next
 * request builds a new one, so leaving a team takes effect there.
 *
 * A lead holds the team's permissions as a member does; managing the members is the
 * teams service's business, not a permission on the team's courses.
 */
import { isBackendError } from '../../backend/errors';
import { LIST_LIMITS, type AuthUser, type Backend } from '../../backend/port';
import type { Permission } from '../../../shared/permissions';
import { NO_TEAM_GRANTS, resolveAccess, type Access, type TeamGrants } from './access';

const NOTHING: ReadonlySet<Permission> = new Set();

type GrantsByTeam = ReadonlyMap<string, ReadonlySet<Permission>>;

async function readGrants(teams: Backend['teams'], userId: string): Promise<GrantsByTeam> {
  let memberships;
  try {
    memberships = await teams.teamsOf(userId);
  } catch (error) {
    // An account deleted while its session was still being answered is in no team.
    if (isBackendError(error, 'not_found')) return new Map();
    throw error;
  }
  const teamIds = [...new Set(memberships.map((membership) => membership.teamId))];
  const grants = new Map<string, ReadonlySet<Permission>>();
  for (let start = 0; start < teamIds.length; start += LIST_LIMITS.equalValues) {
    const { teams: found } = await teams.list({
      teamIds: teamIds.slice(start, start + LIST_LIMITS.equalValues),
    });
    for (const team of found) grants.set(team.id, new Set(team.permissions));
  }
  return grants;
}

/** The team lookup of `userId` through `backend` (the request's, remembering its reads). */
export function teamGrantsFrom(backend: Pick<Backend, 'teams'>, userId: string): TeamGrants {
  let grants: Promise<GrantsByTeam> | undefined;
  return async (teamId) => {
    grants ??= readGrants(backend.teams, userId);
    return (await grants).get(teamId) ?? NOTHING;
  };
}

/** The access of `user` (null: a visitor) for one request made through `backend`. */
export function accessThrough(backend: Pick<Backend, 'teams'>, user: AuthUser | null): Access {
  return resolveAccess(user, user ? teamGrantsFrom(backend, user.id) : NO_TEAM_GRANTS);
}
