import type { Role } from '../port';

/** In Appwrite mode a role is a user label; a user without one of these is `regular`. */
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
