/**
 * In Appwrite mode both roles are user labels, which only the API key can write, so
 * nobody gives themselves one. The base role is `admin` or `instructor` (none: `regular`);
 * the organization role is `org` + the role without underscores, since labels are
 * alphanumeric (docs/decisions/0039). Each swap keeps every other label as it was.
 */
import { ORG_ROLES, type OrgRole } from '../../../shared/permissions';
import type { Role } from '../port';

const ROLE_LABELS: readonly string[] = ['admin', 'instructor'] satisfies Role[];

export function roleFromLabels(labels: readonly string[]): Role {
  if (labels.includes('admin')) return 'admin';
  if (labels.includes('instructor')) return 'instructor';
  return 'regular';
}

/** Swaps the role label and keeps every other label (teams, features) as it was. */
export function labelsWithRole(labels: readonly string[], role: Role): string[] {
  const others = labels.filter((label) => !ROLE_LABELS.includes(label));
  return role === 'regular' ? others : [...others, role];
}

export function orgRoleLabel(orgRole: OrgRole): string {
  return `org${orgRole.replaceAll('_', '')}`;
}

const ORG_ROLE_LABELS: ReadonlySet<string> = new Set(ORG_ROLES.map(orgRoleLabel));

/** The first organization-role label in catalogue order wins should a user carry two. */
export function orgRoleFromLabels(labels: readonly string[]): OrgRole | null {
  return ORG_ROLES.find((orgRole) => labels.includes(orgRoleLabel(orgRole))) ?? null;
}

/** Swaps the organization-role label (null: removes it) and keeps every other label, the base role's included. */
export function labelsWithOrgRole(labels: readonly string[], orgRole: OrgRole | null): string[] {
  const others = labels.filter((label) => !ORG_ROLE_LABELS.has(label));
  return orgRole === null ? others : [...others, orgRoleLabel(orgRole)];
}
