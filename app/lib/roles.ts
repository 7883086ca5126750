/** The words pages use for roles; the roles themselves are ROLES in shared/fields/limits. */
import { ORG_ROLE_NAMES, type OrgRole } from '../../shared/permissions';
import type { Role } from './viewer';

export const ROLE_LABEL = {
  regular: 'Learner',
  instructor: 'Instructor',
  admin: 'Administrator',
} as const satisfies Record<Role, string>;

function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
}

/** "an instructor", "a learner": for sentences like "Ada is now an instructor". */
export function roleWithArticle(role: Role): string {
  return withArticle(ROLE_LABEL[role].toLowerCase());
}

/** "an Organization Admin", "a Viewer": the organization role's name as the People page says it. */
export function orgRoleWithArticle(orgRole: OrgRole): string {
  return withArticle(ORG_ROLE_NAMES[orgRole]);
}

/** The organization-role select's "None": the form's value for the procedure's null. */
export const NO_ORG_ROLE = '';
