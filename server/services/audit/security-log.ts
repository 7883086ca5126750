/**
 * The one writer of `security_logs`, the audit trail admins read at /admin/security:
 * video grants and refusals, moderation, and whatever the next areas must account for.
 * Values are cut to their columns' sizes here, so no caller can have a row refused for
 * a long user agent. A failed write propagates: an area that must not act unaudited
 * (video access) refuses when its row cannot be written.
 *
 * Reasons name lessons, courses, people and tokens by id ("lesson <id>", "course <id>
 * ("title")"); video/security-log.ts resolves those ids to names for the admin page.
 */
import type { Backend } from '../../backend/port';
import { IP_ADDRESS_LENGTH, SECURITY_REASON_LENGTH, USER_AGENT_LENGTH } from '../column-sizes';
import type { RequestFacts } from '../scope';
import { SECURITY_LOGS } from '../tables';

export interface SecurityEvent {
  /** What happened, e.g. `video_access_denied`, `course_moderated`. */
  action: string;
  /** Who did it or was refused; null when nobody was signed in. */
  userId: string | null;
  reason: string;
  request: Pick<RequestFacts, 'clientIp' | 'userAgent'>;
}

export async function writeSecurityLog(backend: Backend, event: SecurityEvent, now: Date): Promise<void> {
  await backend.tables.create({
    ...SECURITY_LOGS,
    data: {
      userId: event.userId,
      action: event.action,
      reason: event.reason.slice(0, SECURITY_REASON_LENGTH),
      ipAddress: event.request.clientIp.slice(0, IP_ADDRESS_LENGTH),
      userAgent: event.request.userAgent.slice(0, USER_AGENT_LENGTH),
      timestamp: now.toISOString(),
    },
  });
}
