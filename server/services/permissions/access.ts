/**
 * The permission resolver (issue 15, docs/decisions/0039): what one viewer may do, built
 * once per request from the session's user and asked by the policy module only.
 * Organization-wide permissions come from the user alone (no backend call); on a course
 * the viewer also holds the author's set when it is theirs and, when the course belongs
 * to a team, what that team grants them — read through `TeamGrants` only when a rule
 * needs it, and kept for the rest of the request (never across requests, so leaving a
 * team takes effect on the next one).
 */
import type { AuthUser } from '../../backend/port';
import type { Permission } from '../../../shared/permissions';
import { COURSE_AUTHOR_PERMISSIONS, orgPermissionsOf } from './org';

/**
 * For a team's id, what the viewer holds on that team's courses (nothing when they are
 * not in it). A request's comes from the teams port (team-grants.ts, `accessThrough`).
 */
export type TeamGrants = (teamId: string) => Promise<ReadonlySet<Permission>>;

const NOTHING: ReadonlySet<Permission> = new Set();

/** The lookup for nobody (a visitor, a job): nothing is held through a team. */
export const NO_TEAM_GRANTS: TeamGrants = () => Promise.resolve(NOTHING);

/** What a course tells the resolver: who wrote it and which team (if any) it belongs to. */
export interface CourseFacts {
  instructor: string;
  teamId: string | null;
}

export interface Access {
  /** The viewer, or null for a visitor (or a job acting for nobody). */
  readonly userId: string | null;
  /** What they hold across the organization, hence on every course. */
  readonly org: ReadonlySet<Permission>;
  readonly teamGrants: TeamGrants;
}

/**
 * The access of `user` (null: a visitor) for one request. Each team is asked about at
 * most once per Access, however many rules need it.
 */
export function resolveAccess(user: AuthUser | null, teamGrants: TeamGrants = NO_TEAM_GRANTS): Access {
  if (!user) return { userId: null, org: NOTHING, teamGrants: NO_TEAM_GRANTS };
  const asked = new Map<string, Promise<ReadonlySet<Permission>>>();
  return {
    userId: user.id,
    org: orgPermissionsOf(user),
    teamGrants: (teamId) => {
      let grants = asked.get(teamId);
      if (!grants) {
        grants = teamGrants(teamId);
        asked.set(teamId, grants);
      }
      return grants;
    },
  };
}

/** Whether `access` holds `permission` across the whole organization. */
export function holds(access: Access, permission: Permission): boolean {
  return access.org.has(permission);
}

/**
 * Whether `access` holds `permission` — across the organization or, given a course, on
 * that course: as its author, or through the team it belongs to. A visitor holds nothing.
 */
export async function can(access: Access, permission: Permission, course?: CourseFacts): Promise<boolean> {
  if (holds(access, permission)) return true;
  if (!course || access.userId === null) return false;
  if (course.instructor === access.userId && COURSE_AUTHOR_PERMISSIONS.includes(permission)) return true;
  if (!course.teamId) return false;
  return (await access.teamGrants(course.teamId)).has(permission);
}

/** The organization-wide permissions as a sorted list, for `auth.permissions` and the pages. */
export function orgPermissionList(access: Access): Permission[] {
  return [...access.org].sort();
}
