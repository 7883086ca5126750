/** Sign-ins recorded in `aurora_analytics.user_activity`, for the admin's activity views. */
import type { Backend } from '../../backend/port';
import type { RequestFacts } from '../scope';

export const USER_ACTIVITY = { databaseId: 'aurora_analytics', tableId: 'user_activity' } as const;

export async function recordLogin(
  backend: Backend,
  userId: string,
  request: Pick<RequestFacts, 'clientIp' | 'userAgent'>,
  now: Date,
): Promise<void> {
  try {
    await backend.tables.create({
      ...USER_ACTIVITY,
      data: {
        userId,
        action: 'login',
        timestamp: now.toISOString(),
        metadata: JSON.stringify({ ip: request.clientIp, userAgent: request.userAgent }),
      },
    });
  } catch (error) {
    // Analytics must not keep a person out: the sign-in stands, the gap is logged.
    console.error(`could not record the sign-in of ${userId}:`, error);
  }
}
