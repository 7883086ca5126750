/**
 * The permissions a person holds across the whole organization: their base role's and
 * their organization role's (docs/decisions/0039). Known from the session's user alone,
 * so it costs no backend call. What they hold on a particular course (authorship,
 * teams) is the resolver's (server/services/permissions/).
 */
import type { AuthUser, Role } from '../../backend/port';
import { ORG_ROLE_PERMISSIONS, type Permission } from '../../../shared/permissions';

export const BASE_ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  regular: [],
  instructor: ['courses.create'],
  admin: ORG_ROLE_PERMISSIONS.admin,
};

/** What the author of a course holds on that course. */
export const COURSE_AUTHOR_PERMISSIONS: readonly Permission[] = [
  'courses.modify',
  'courses.publish',
  'courses.delete',
  'students.view',
  'students.grade',
  'users.moderate',
  'analytics.view',
];

export function orgPermissionsOf(user: Pick<AuthUser, 'role' | 'orgRole'>): ReadonlySet<Permission> {
  return new Set([
    ...BASE_ROLE_PERMISSIONS[user.role],
    ...(user.orgRole ? ORG_ROLE_PERMISSIONS[user.orgRole] : []),
  ]);
}
