/**
 * Who may do what with a particular record. Role gates (signed in, instructor, admin)
 * are the base procedures in server/trpc/init.ts; everything that depends on the
 * record itself is decided here, once, and procedures ask.
 */
import type { AuthUser } from '../backend/port';

/** Personal API tokens are their owner's alone — not even an admin may use or revoke another's. */
export function mayUseApiToken(viewer: Pick<AuthUser, 'id'>, token: { userId: string }): boolean {
  return viewer.id === token.userId;
}

/**
 * Who takes over a deleted user's courses: the admin who deleted them, or — when an
 * admin deletes their own account — another admin, so courses never lose an owner.
 */
export function courseHeirFor(
  deleted: Pick<AuthUser, 'id'>,
  actor: Pick<AuthUser, 'id'>,
  otherAdminId: string | null,
): string | null {
  return actor.id !== deleted.id ? actor.id : otherAdminId;
}
