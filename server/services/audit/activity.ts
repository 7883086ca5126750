/**
 * The one writer of `aurora_analytics.user_activity`: sign-ins, course views, downloads
 * and lesson completions, for the admin's activity views and the analytics to come.
 * `userId` is required there, so only signed-in people are recorded.
 *
 * Analytics must never keep anyone out: a failed write is logged and the sign-in, the
 * view or the download stands.
 */
import type { Backend } from '../../backend/port';
import { USER_ACTIVITY } from '../tables';

/** The `action` column's enum in appwrite.json. */
export type ActivityAction = 'login' | 'course_view' | 'download' | 'lesson_complete';

export interface ActivityEntry {
  userId: string;
  action: ActivityAction;
  /** The course, lesson or file acted on; a sign-in has none. */
  resourceId?: string;
  /** Stored as JSON. */
  metadata?: object;
}

export async function recordActivity(backend: Backend, entry: ActivityEntry, now: Date): Promise<void> {
  try {
    await backend.tables.create({
      ...USER_ACTIVITY,
      data: {
        userId: entry.userId,
        action: entry.action,
        resourceId: entry.resourceId ?? null,
        timestamp: now.toISOString(),
        metadata: entry.metadata ? JSON.stringify(entry.metadata) : null,
      },
    });
  } catch (error) {
    const what = entry.resourceId ? ` of ${entry.resourceId}` : '';
    console.error(`could not record ${entry.action}${what} by ${entry.userId}:`, error);
  }
}
