/**
 * The organization role as data, as base-roles.ts is for the base role. Authorization
 * never looks at it (it asks permissions), but keeping the role does: the last-Owner
 * rule, and telling whether a change changed anything for the security log. Those ask
 * here, so the role comparisons stay in this module (no-role-checks.test.ts).
 */
import type { OrgRole } from '../../../shared/permissions';

/** Whether `orgRole` is the Organization Owner's (the role the last-Owner rule protects). */
export function isOwnerRole(orgRole: OrgRole | null | undefined): boolean {
  return orgRole === 'owner';
}

/** Whether someone holding `current` ends up with another organization role (or none) as `wanted`. */
export function orgRoleDiffers(current: OrgRole | null, wanted: OrgRole | null): boolean {
  return current !== wanted;
}
