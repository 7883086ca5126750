/**
 * Teams (issue 15, docs/decisions/0039): what the `team` procedures do with
 * `backend.teams`. Those who manage people (`users.manage`) see and change every team;
 * anyone else sees only the teams they are in, and changes none of them here (a lead
 * manages members: ./members.ts).
 *
 * Nobody grants a permission they do not hold: a team's permissions are held by its
 * members on its courses, so giving a team one the admin lacks across the organization
 * would hand out what the admin could not use themselves. Only permissions a change adds
 * are checked — an Organization Admin may rename a team an Owner gave `settings.manage`.
 *
 * Deleting a team keeps its courses: each leaves the team (`teamId` null) and stays with
 * its author (how that reads the issue: server/trpc/routers/team.ts). Courses first,
 * then the team, so a deletion that stops half-way leaves no course pointing at a team
 * that is gone, and running it again finishes it.
 *
 * Every change is a security-log row naming who made it.
 */
import { Query } from 'node-appwrite';
import { isBackendError } from '../../backend/errors';
import { LIST_LIMITS, type Backend, type Team, type TeamList, type TeamMembership } from '../../backend/port';
import { PERMISSION_DESCRIPTIONS, type Permission } from '../../../shared/permissions';
import { writeSecurityLog } from '../audit/security-log';
import { catalogChanged } from '../courses/catalog-changes';
import { ServiceError } from '../errors';
import { holds } from '../permissions/access';
import { requestOrJob, type SignedInScope } from '../scope';
import { COURSES } from '../tables';

export const MAY_NOT_MANAGE_TEAMS =
  'Only people who manage people (users.manage) can create or change teams.';
export const NOT_IN_TEAM = 'You can see only the teams you are in.';

export interface TeamDetails {
  team: Team;
  members: TeamMembership[];
}

export function managesPeople(scope: SignedInScope): boolean {
  return holds(scope.access, 'users.manage');
}

function requireManager(scope: SignedInScope): void {
  if (!managesPeople(scope)) throw new ServiceError('forbidden', MAY_NOT_MANAGE_TEAMS);
}

/** How a team is named in the security log: by id, with its name as it was then. */
export function teamInLog(team: Pick<Team, 'id' | 'name'>): string {
  return `team ${team.id} ("${team.name}")`;
}

export async function logTeamChange(scope: SignedInScope, action: string, reason: string): Promise<void> {
  await writeSecurityLog(
    scope.backend,
    { userId: scope.actor.id, action, reason, request: requestOrJob(scope) },
    scope.now(),
  );
}

/** A team name already used becomes a refusal that says so; other failures pass. */
async function unlessNameTaken<T>(name: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isBackendError(error, 'conflict'))
      throw new ServiceError('conflict', `A team named “${name}” already exists: choose another name.`, {
        cause: error,
      });
    throw error;
  }
}

/** Refuses when `permissions` has one the actor does not hold across the organization. */
function requireHeld(scope: SignedInScope, permissions: readonly Permission[]): void {
  const missing = permissions.find((permission) => !holds(scope.access, permission));
  if (missing) {
    throw new ServiceError(
      'forbidden',
      `You cannot give a team the ${missing} permission (${PERMISSION_DESCRIPTIONS[missing].toLowerCase()}): you do not hold it yourself.`,
    );
  }
}

export interface TeamListQuery {
  search?: string;
  limit?: number;
  offset?: number;
}

/** Every team for those who manage people; for anyone else, the teams they are in. */
export async function listTeams(scope: SignedInScope, query: TeamListQuery): Promise<TeamList> {
  const { backend } = scope;
  if (managesPeople(scope)) return backend.teams.list(query);
  const memberships = await backend.teams.teamsOf(scope.actor.id);
  if (memberships.length === 0) return { teams: [], total: 0, totalCapped: false };
  const teamIds = memberships.map((membership) => membership.teamId).slice(0, LIST_LIMITS.equalValues);
  return backend.teams.list({ ...query, teamIds });
}

/** A team and its members: for those who manage people, and for its own members. */
export async function getTeam(scope: SignedInScope, teamId: string): Promise<TeamDetails> {
  const { backend } = scope;
  const [team, members] = await Promise.all([backend.teams.get(teamId), backend.teams.listMembers(teamId)]);
  if (!managesPeople(scope) && !members.some((member) => member.userId === scope.actor.id))
    throw new ServiceError('forbidden', NOT_IN_TEAM);
  return { team, members };
}

function permissionWords(permissions: readonly Permission[]): string {
  return permissions.length === 0 ? 'no permissions' : permissions.join(', ');
}

export async function createTeam(
  scope: SignedInScope,
  input: { name: string; description: string; permissions: Permission[]; requiresReview?: boolean },
): Promise<Team> {
  requireManager(scope);
  requireHeld(scope, input.permissions);
  const team = await unlessNameTaken(input.name, scope.backend.teams.create(input));
  await logTeamChange(
    scope,
    'team_created',
    `${teamInLog(team)} created with ${permissionWords(team.permissions)}${team.requiresReview ? ', its courses reviewed before publishing' : ''}`,
  );
  return team;
}

export async function updateTeam(
  scope: SignedInScope,
  input: {
    teamId: string;
    name?: string;
    description?: string;
    permissions?: Permission[];
    requiresReview?: boolean;
  },
): Promise<Team> {
  requireManager(scope);
  const { teamId, ...change } = input;
  const before = await scope.backend.teams.get(teamId);
  if (change.permissions) {
    const given = change.permissions;
    requireHeld(
      scope,
      given.filter((permission) => !before.permissions.includes(permission)),
    );
  }
  const team = await unlessNameTaken(change.name ?? before.name, scope.backend.teams.update(teamId, change));
  const changes: string[] = [];
  if (team.name !== before.name) changes.push(`renamed from "${before.name}"`);
  if (team.description !== before.description) changes.push('description changed');
  if (team.permissions.join() !== before.permissions.join())
    changes.push(
      `permissions ${permissionWords(team.permissions)} (were ${permissionWords(before.permissions)})`,
    );
  if (team.requiresReview !== before.requiresReview)
    changes.push(
      team.requiresReview ? 'its courses now reviewed before publishing' : 'its courses no longer reviewed',
    );
  if (changes.length > 0)
    await logTeamChange(scope, 'team_updated', `${teamInLog(team)} ${changes.join('; ')}`);
  return team;
}

/** Takes every course of the team out of it; they stay with their authors. */
async function releaseCourses(backend: Backend, teamId: string, now: Date): Promise<number> {
  let released = 0;
  for (;;) {
    const { rows } = await backend.tables.list({
      ...COURSES,
      queries: [Query.equal('teamId', teamId), Query.select(['$id']), Query.limit(100)],
    });
    if (rows.length === 0) return released;
    for (const row of rows) {
      await backend.tables.update({
        ...COURSES,
        rowId: row.$id,
        data: { teamId: null, updatedAt: now.toISOString() },
      });
      released += 1;
    }
    // A course page lists its teaching team.
    catalogChanged();
  }
}

export async function deleteTeam(scope: SignedInScope, teamId: string): Promise<{ coursesReleased: number }> {
  requireManager(scope);
  const { backend } = scope;
  const team = await backend.teams.get(teamId);
  const coursesReleased = await releaseCourses(backend, team.id, scope.now());
  await backend.teams.delete(team.id);
  await logTeamChange(
    scope,
    'team_deleted',
    `${teamInLog(team)} deleted; ${coursesReleased} course(s) left the team and stay with their authors`,
  );
  return { coursesReleased };
}
