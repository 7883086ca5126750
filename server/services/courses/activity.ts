/**
 * Course views, downloads and lesson completions in `aurora_analytics.user_activity`. `userId` is required
 * there, so only signed-in people are recorded; anonymous views are not counted.
 */
import type { Backend } from '../../backend/port';
import { USER_ACTIVITY } from './records';

export async function recordActivity(
  backend: Backend,
  entry: {
    userId: string;
    action: 'course_view' | 'download' | 'lesson_complete';
    resourceId: string;
    metadata?: object;
  },
  now: Date,
): Promise<void> {
  try {
    await backend.tables.create({
      ...USER_ACTIVITY,
      data: {
        userId: entry.userId,
        action: entry.action,
        resourceId: entry.resourceId,
        timestamp: now.toISOString(),
        metadata: entry.metadata ? JSON.stringify(entry.metadata) : null,
      },
    });
  } catch (error) {
    // Analytics must not keep anyone from a course: the view stands, the gap is logged.
    console.error(`could not record ${entry.action} of ${entry.resourceId}:`, error);
  }
}
