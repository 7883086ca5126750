/**
 * What both adapters accept for a team, checked before anything is written: Appwrite
 * stores a team's description and permissions as free-form preferences and would keep
 * anything, so the rules live here once rather than in each adapter.
 */
import { PERMISSIONS, isPermission, type Permission } from '../../shared/permissions';
import { BackendError } from './errors';
import { LIST_LIMITS, TEAM_LIMITS, TEAM_ROLES, type TeamRole } from './port';

function invalid(message: string): BackendError {
  return new BackendError('invalid', message);
}

function characters(text: string): number {
  return [...text].length;
}

/** The name as stored: trimmed, 1 to `TEAM_LIMITS.name` characters. */
export function checkTeamName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length === 0 || characters(trimmed) > TEAM_LIMITS.name)
    throw invalid(`A team name must be 1 to ${TEAM_LIMITS.name} characters`);
  return trimmed;
}

/** Names are unique compared this way. */
export function teamNameKey(name: string): string {
  return name.trim().toLowerCase();
}

export function checkTeamDescription(description: unknown): string {
  if (typeof description !== 'string' || characters(description) > TEAM_LIMITS.description)
    throw invalid(`A team description must be text of at most ${TEAM_LIMITS.description} characters`);
  return description.trim();
}

/** Catalogue permissions only, each once, in catalogue order. */
export function checkTeamPermissions(permissions: unknown): Permission[] {
  if (!Array.isArray(permissions)) throw invalid('Team permissions must be a list');
  const unknown = permissions.filter((permission) => !isPermission(permission));
  if (unknown.length > 0) throw invalid(`Unknown permission: ${unknown.map(String).join(', ')}`);
  return PERMISSIONS.filter((permission) => permissions.includes(permission));
}

/** Whether the team's courses are reviewed before publishing: a boolean, false when not given. */
export function checkTeamRequiresReview(requiresReview: unknown): boolean {
  if (requiresReview === undefined) return false;
  if (typeof requiresReview !== 'boolean') throw invalid('requiresReview must be true or false');
  return requiresReview;
}

export function isTeamRole(role: unknown): role is TeamRole {
  return typeof role === 'string' && (TEAM_ROLES as readonly string[]).includes(role);
}

export function checkTeamRole(role: unknown): TeamRole {
  if (!isTeamRole(role)) throw invalid(`A team role is one of: ${TEAM_ROLES.join(', ')}`);
  return role;
}

/**
 * A list's `teamIds`, checked (at most what one Appwrite `equal` carries), and the page
 * size it implies when the caller names none: every one of those teams.
 */
export function checkTeamIds(
  teamIds: readonly string[] | undefined,
  limit: number | undefined,
): { teamIds: readonly string[] | undefined; limit: number | undefined } {
  if (teamIds === undefined) return { teamIds, limit };
  if (!Array.isArray(teamIds) || teamIds.length > LIST_LIMITS.equalValues)
    throw invalid(`teamIds must be a list of at most ${LIST_LIMITS.equalValues} ids`);
  return { teamIds, limit: limit ?? Math.max(teamIds.length, 1) };
}
