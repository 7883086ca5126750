/**
 * Deleting a person (docs/decisions/0007-deleting-a-user.md). The auth user goes first:
 * that ends every session at once and makes their API tokens useless, before any of
 * the slower clean-up runs. The clean-up is idempotent, so if it stops half-way an
 * admin can run the deletion again (a user whose profile row is left still counts as
 * existing) and it finishes the job.
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import { allEnrollments } from '../enrollments/records';
import { removeEnrollment } from '../enrollments/membership';
import { ServiceError } from '../errors';
import { isAdminRole } from '../permissions/base-roles';
import { isOwnerRole } from '../permissions/org-role-facts';
import { courseHeirFor } from '../policy';
import { deleteRowsWhere } from '../rows';
import { COURSES, PROFILES, VIDEO_ACCESS_TOKENS, VIDEO_PROGRESS } from '../tables';
import { deleteApiTokensOf } from './api-tokens';
import { discardAvatar } from './avatars';
import { lastOwnerError } from './org-roles';
import { countAdminsUpTo, countOwnersUpTo, findProfile } from './profiles';
import { createSignInLimiter } from './sign-in-limits';
import { getUserOrNull, lastAdminError, NO_SUCH_USER } from './user-admin';
import type { SignedInScope } from '../scope';
import { catalogChanged } from '../courses/catalog-changes';

/** What only makes sense while the person exists: their video state (enrollments go one by one, below). */
const PERSONAL_TABLES = [VIDEO_ACCESS_TOKENS, VIDEO_PROGRESS];

async function anotherAdmin(backend: Backend, userId: string): Promise<string | null> {
  const { rows } = await backend.tables.list({
    ...PROFILES,
    queries: [Query.equal('role', 'admin'), Query.orderAsc('createdAt'), Query.limit(2)],
  });
  return rows.find((row) => row.$id !== userId)?.$id ?? null;
}

/** Hands every course of `fromId` to `toId`, published or not, as it is. */
async function transferCourses(backend: Backend, fromId: string, toId: string, now: Date): Promise<number> {
  let moved = 0;
  for (;;) {
    const { rows } = await backend.tables.list({
      ...COURSES,
      queries: [Query.equal('instructor', fromId), Query.limit(100)],
    });
    if (rows.length === 0) return moved;
    for (const row of rows) {
      await backend.tables.update({
        ...COURSES,
        rowId: row.$id,
        data: { instructor: toId, updatedAt: now.toISOString() },
      });
      moved += 1;
    }
    // The catalog names each course's instructor.
    catalogChanged();
  }
}

export interface DeletionReport {
  coursesTransferredTo: string | null;
  coursesTransferred: number;
}

export async function deleteUser(scope: SignedInScope, userId: string): Promise<DeletionReport> {
  const { backend, actor, env } = scope;
  const now = scope.now();
  // Their sign-in attempts go too, so a new account under the same email starts clean.
  const limiter = createSignInLimiter({ backend, secret: env.sessionSecret, now: scope.now });
  const user = await getUserOrNull(backend, userId);
  const profile = await findProfile(backend, userId);
  if (!user && !profile) throw new ServiceError('not_found', NO_SUCH_USER);
  if (user && isAdminRole(user.role) && (await countAdminsUpTo(backend, 2)) <= 1)
    throw lastAdminError(user, 'deleted');
  if (user && isOwnerRole(user.orgRole) && (await countOwnersUpTo(backend, 2)) <= 1)
    throw lastOwnerError(user, 'deleted');

  const heir = courseHeirFor({ id: userId }, actor, await anotherAdmin(backend, userId));
  if (!heir) {
    throw new ServiceError(
      'conflict',
      'Nobody could take over these courses: make someone else an admin first.',
    );
  }

  // Deleting the auth user ends its sessions in the same step (both backends).
  if (user) await backend.users.delete(user.id);

  const coursesTransferred = await transferCourses(backend, userId, heir, now);
  await deleteApiTokensOf(backend, userId);
  // One at a time, each its own delete event, so each course's analytics follow (decision 0025).
  for (const enrollment of await allEnrollments(backend, [Query.equal('userId', userId)])) {
    await removeEnrollment(backend, enrollment);
  }
  for (const table of PERSONAL_TABLES) {
    await deleteRowsWhere(backend, table, [Query.equal('userId', userId)]);
  }
  const email = user?.email ?? profile?.email;
  if (email) await limiter.forgetEmail(email);
  if (profile) {
    if (profile.avatar) await discardAvatar(backend, profile.avatar);
    await backend.tables.delete({ ...PROFILES, rowId: userId });
  }
  return { coursesTransferredTo: heir, coursesTransferred };
}
