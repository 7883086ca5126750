/** The words pages use for roles; the roles themselves are ROLES in shared/fields/limits. */
import type { Role } from './viewer';

export const ROLE_LABEL = {
  regular: 'Learner',
  instructor: 'Instructor',
  admin: 'Administrator',
} as const satisfies Record<Role, string>;

/** "an instructor", "a learner": for sentences like "Ada is now an instructor". */
export function roleWithArticle(role: Role): string {
  const label = ROLE_LABEL[role].toLowerCase();
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}
