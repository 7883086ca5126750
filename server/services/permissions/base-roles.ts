/**
 * The base role as data. Authorization never looks at it (it asks permissions, from
 * access.ts), but keeping the role itself does: the last-admin rule, promoting the
 * configured admin at start-up, giving a new account its role. Those ask here, so the
 * only role comparisons in the code are in this module (no-role-checks.test.ts).
 */
import type { Role } from '../../backend/port';

/** Whether `role` is the admin base role (the one the last-admin rule protects). */
export function isAdminRole(role: Role | null | undefined): boolean {
  return role === 'admin';
}

/** Whether an account holding `current` must be changed to hold `wanted`. */
export function roleDiffers(current: Role, wanted: Role): boolean {
  return current !== wanted;
}
