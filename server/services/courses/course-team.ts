/**
 * Which team a course belongs to (issue 15, docs/decisions/0039): its members then act on
 * it with the team's permissions, and its page lists them as the teaching team. Changing
 * it is a grant of rights over the course, so it is written to the security log.
 */
import { isBackendError } from '../../backend/errors';
import type { Backend, Team, TeamRole } from '../../backend/port';
import { writeSecurityLog } from '../audit/security-log';
import { ServiceError } from '../errors';
import { canSeeCourse, mayChangeCourseTeam, mayGiveCourseToTeam } from '../policy';
import { requestOrJob, type SignedInScope } from '../scope';
import { COURSES } from '../tables';
import { NOT_YOURS } from './access';
import { catalogChanged } from './catalog-changes';
import { findCourse, NO_SUCH_COURSE, parseCourse } from './records';

export const NO_SUCH_TEAM = 'That team does not exist (it may have been deleted).';
export const NOT_IN_TEAM = 'You can give a course only to a team you are a member of.';

async function findTeam(backend: Backend, teamId: string): Promise<Team | null> {
  try {
    return await backend.teams.get(teamId);
  } catch (error) {
    if (isBackendError(error, 'not_found')) return null;
    throw error;
  }
}

const teamNamed = (team: Team | null, teamId: string | null) =>
  teamId === null ? 'no team' : `team ${teamId} ("${(team?.name ?? 'gone').slice(0, 60)}")`;

/**
 * Gives the course to `teamId`, or takes it out of its team (`null`). A draft the actor
 * may not see is NOT_FOUND, as is an unknown team; someone who may not change the
 * course, or is not in the team, is FORBIDDEN. Nothing is written on a refusal.
 */
export async function setCourseTeam(
  scope: SignedInScope,
  input: { courseId: string; teamId: string | null },
): Promise<{ courseId: string; teamId: string | null }> {
  const { backend, actor, access } = scope;
  const { courseId, teamId } = input;
  const course = await findCourse(backend, courseId);
  if (!course || !(await canSeeCourse(access, course))) throw new ServiceError('not_found', NO_SUCH_COURSE);
  if (!(await mayChangeCourseTeam(access, course))) throw new ServiceError('forbidden', NOT_YOURS);
  const team = teamId === null ? null : await findTeam(backend, teamId);
  if (teamId !== null && !team) throw new ServiceError('not_found', NO_SUCH_TEAM);
  const target =
    teamId === null
      ? null
      : {
          inTeam: (await backend.teams.teamsOf(actor.id)).some((membership) => membership.teamId === teamId),
        };
  if (!mayGiveCourseToTeam(access, target)) throw new ServiceError('forbidden', NOT_IN_TEAM);
  if (course.teamId === teamId) return { courseId, teamId };

  const now = scope.now();
  const before = course.teamId === null ? null : await findTeam(backend, course.teamId);
  const row = await backend.tables.update({
    ...COURSES,
    rowId: courseId,
    data: { teamId, updatedAt: now.toISOString() },
  });
  catalogChanged();
  const why = `course ${courseId} ("${course.title.slice(0, 80)}") moved from ${teamNamed(before, course.teamId)} to ${teamNamed(team, teamId)}`;
  await writeSecurityLog(
    backend,
    { userId: actor.id, action: 'course_team_changed', reason: why, request: requestOrJob(scope) },
    now,
  );
  return { courseId, teamId: parseCourse(row).teamId };
}

/** One person of a course's teaching team, as its page shows them (no email). */
export interface TeachingTeamMember {
  id: string;
  name: string;
  role: TeamRole;
}

export interface TeachingTeam {
  teamId: string;
  name: string;
  members: TeachingTeamMember[];
}

/**
 * The team a course belongs to, with its members: one backend call, none for a course
 * without a team. A team deleted meanwhile is no teaching team.
 */
export async function teachingTeamOf(
  backend: Backend,
  course: { teamId: string | null },
): Promise<TeachingTeam | null> {
  if (course.teamId === null) return null;
  let memberships;
  try {
    memberships = await backend.teams.listMembers(course.teamId);
  } catch (error) {
    if (isBackendError(error, 'not_found')) return null;
    throw error;
  }
  return {
    teamId: course.teamId,
    // Every membership carries its team's name; an empty team is listed under none.
    name: memberships[0]?.teamName ?? '',
    members: memberships.map((membership) => ({
      id: membership.userId,
      name: membership.userName,
      role: membership.role,
    })),
  };
}

/** A team a course may be given to, as the course editor's select lists it. */
export interface TeamChoice {
  id: string;
  name: string;
}

/**
 * Where the course may go: the teams the actor is in (any role), or every team for
 * whoever manages people (the first hundred), with the course's own. Refused as
 * `setCourseTeam` refuses, so the editor shows the select only to who may use it.
 */
export async function courseTeamChoices(
  scope: SignedInScope,
  courseId: string,
): Promise<{ teamId: string | null; teams: TeamChoice[] }> {
  const { backend, actor, access } = scope;
  const course = await findCourse(backend, courseId);
  if (!course || !(await canSeeCourse(access, course))) throw new ServiceError('not_found', NO_SUCH_COURSE);
  if (!(await mayChangeCourseTeam(access, course))) throw new ServiceError('forbidden', NOT_YOURS);
  let teams: Team[];
  if (mayGiveCourseToTeam(access, { inTeam: false })) {
    teams = (await backend.teams.list({ limit: 100 })).teams;
  } else {
    const teamIds = [
      ...new Set((await backend.teams.teamsOf(actor.id)).map((membership) => membership.teamId)),
    ];
    teams = teamIds.length === 0 ? [] : (await backend.teams.list({ teamIds: teamIds.slice(0, 100) })).teams;
  }
  return { teamId: course.teamId, teams: teams.map((team) => ({ id: team.id, name: team.name })) };
}
