/**
 * The video audit trail, written through the shared writer (audit/security-log.ts):
 * every grant, denial, replay, expiry, revocation and binding failure is one row.
 * Denials are also counted: the fifth (and every fifth after it) from one user or one
 * IP within ten minutes adds a `video_alert` row, which the admin security page shows
 * first.
 *
 * Reasons name lessons and tokens by id; they never hold a video ID.
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import type { RequestFacts } from '../scope';
import { writeSecurityLog } from '../audit/security-log';
import { IP_ADDRESS_LENGTH } from '../column-sizes';
import { SECURITY_LOGS } from '../tables';

export const VIDEO_ACTIONS = {
  granted: 'video_access_granted',
  served: 'video_embed_served',
  denied: 'video_access_denied',
  rateLimited: 'video_rate_limited',
  invalidToken: 'video_token_invalid',
  expired: 'video_token_expired',
  replay: 'video_token_replay',
  revokedUse: 'video_token_revoked_used',
  bindingFailed: 'video_token_binding_failed',
  revoked: 'video_token_revoked',
  changed: 'video_changed',
  removed: 'video_removed',
  alert: 'video_alert',
} as const;
export type VideoAction = (typeof VIDEO_ACTIONS)[keyof typeof VIDEO_ACTIONS];

/** Actions that count towards an alert: someone was refused. */
export const VIDEO_DENIALS: readonly VideoAction[] = [
  VIDEO_ACTIONS.denied,
  VIDEO_ACTIONS.rateLimited,
  VIDEO_ACTIONS.invalidToken,
  VIDEO_ACTIONS.expired,
  VIDEO_ACTIONS.replay,
  VIDEO_ACTIONS.revokedUse,
  VIDEO_ACTIONS.bindingFailed,
];

export const ALERT_THRESHOLD = 5;
export const ALERT_WINDOW_MS = 10 * 60 * 1000;

export interface VideoEvent {
  action: VideoAction;
  userId: string | null;
  reason: string;
  request: Pick<RequestFacts, 'clientIp' | 'userAgent'>;
}

/** Compared with ALERT_THRESHOLD only, far below Appwrite's count cap: a capped total answers that correctly. */
async function recentDenials(backend: Backend, filter: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - ALERT_WINDOW_MS).toISOString();
  const { total } = await backend.tables.list({
    ...SECURITY_LOGS,
    queries: [
      filter,
      Query.equal('action', [...VIDEO_DENIALS]),
      Query.greaterThan('timestamp', since),
      Query.limit(1),
    ],
  });
  return total;
}

async function raiseAlertIfRepeated(backend: Backend, event: VideoEvent, now: Date): Promise<void> {
  const scopes: { filter: string; who: string; userId: string | null }[] = [];
  if (event.userId) {
    scopes.push({
      filter: Query.equal('userId', event.userId),
      who: `user ${event.userId}`,
      userId: event.userId,
    });
  }
  if (event.request.clientIp !== 'unknown') {
    scopes.push({
      filter: Query.equal('ipAddress', event.request.clientIp.slice(0, IP_ADDRESS_LENGTH)),
      who: `IP ${event.request.clientIp}`,
      userId: event.userId,
    });
  }
  for (const scope of scopes) {
    const count = await recentDenials(backend, scope.filter, now);
    if (count > 0 && count % ALERT_THRESHOLD === 0) {
      await writeSecurityLog(
        backend,
        {
          action: VIDEO_ACTIONS.alert,
          userId: scope.userId,
          reason: `${count} video denials in ${ALERT_WINDOW_MS / 60_000} minutes for ${scope.who}; latest: ${event.action}`,
          request: event.request,
        },
        now,
      );
    }
  }
}

/**
 * Writes the row. An audit write that fails must not hand out a video, so errors
 * propagate to the caller, which refuses.
 */
export async function recordVideoEvent(backend: Backend, event: VideoEvent, now: Date): Promise<void> {
  await writeSecurityLog(backend, event, now);
  if (VIDEO_DENIALS.includes(event.action)) await raiseAlertIfRepeated(backend, event, now);
}
