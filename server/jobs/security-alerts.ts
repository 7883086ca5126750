/**
 * Security alerts by mail (issue 12 §4). A `video_alert` row in security_logs (written
 * by audit.ts when refusals repeat) sends every admin a mail listing the refusals of
 * the hour before it, at most one per scope (a user or an IP address) per clock hour:
 * the mail key `security-alert:<scope>:<hour>:<adminId>` is unique, so later alerts of
 * the same hour, a second delivery and the hourly catch-up all find it queued already.
 *
 * Every security_logs row triggers this job (Appwrite events cannot filter on a
 * column); rows of other actions end here at once.
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import type { Backend } from '../backend/port';
import type { Env } from '../env';
import { findProfile, parseProfile } from '../services/identity/profiles';
import { rowDatetime } from '../services/rows';
import { queueMail } from '../services/mail/queue';
import { securityAlertMail } from '../services/mail/templates/security-alert';
import { VIDEO_ACTIONS, VIDEO_DENIALS } from '../services/video/audit';
import { isVisitorHolder } from '../services/video/visitor';
import type { EventJob, ScheduledJob } from './job';
import { alertScopeOf, hourBucketOf, securityAlertMailKey, type AlertScope } from './security-alert-scope';
import { PROFILES, SECURITY_LOGS } from '../services/tables';

export const SECURITY_ALERTS_CATCH_UP = 'security-alerts-catch-up';
/** Refusals listed in one mail; the log has the rest. */
export const REFUSALS_PER_MAIL = 20;
const LOOK_BACK_MS = 60 * 60 * 1000;
/** The catch-up looks at two hours: the one just ended and the current one. */
const CATCH_UP_WINDOW_MS = 2 * 60 * 60 * 1000;
const MAX_ADMINS = 100;

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

export const securityLogPayload = z.object({
  $id: z.string(),
  action: z.string(),
  userId: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  reason: text,
  ipAddress: text,
  timestamp: rowDatetime,
});
export type SecurityLogPayload = z.output<typeof securityLogPayload>;

async function adminsOf(backend: Backend) {
  const { rows } = await backend.tables.list({
    ...PROFILES,
    queries: [Query.equal('role', 'admin'), Query.orderAsc('$id'), Query.limit(MAX_ADMINS)],
  });
  return rows.map(parseProfile);
}

async function scopeLabel(backend: Backend, scope: AlertScope): Promise<string> {
  if (scope.kind === 'ip') return `IP ${scope.ip}`;
  if (isVisitorHolder(scope.userId)) return `a signed-out visitor (${scope.userId})`;
  const profile = await findProfile(backend, scope.userId);
  return profile ? `${profile.name} (${profile.email})` : `user ${scope.userId}`;
}

async function recentRefusals(backend: Backend, scope: AlertScope, at: Date) {
  const { rows } = await backend.tables.list({
    ...SECURITY_LOGS,
    queries: [
      scope.filter,
      Query.equal('action', [...VIDEO_DENIALS]),
      Query.greaterThan('timestamp', new Date(at.getTime() - LOOK_BACK_MS).toISOString()),
      Query.lessThanEqual('timestamp', at.toISOString()),
      Query.orderDesc('timestamp'),
      Query.limit(REFUSALS_PER_MAIL + 1),
    ],
  });
  const refusals = rows.map((row) => securityLogPayload.parse(row));
  return { shown: refusals.slice(0, REFUSALS_PER_MAIL), more: refusals.length > REFUSALS_PER_MAIL };
}

export type AlertOutcome = { status: 'ignored' } | { status: 'mailed'; queued: number; duplicates: number };

/** Queues the alert's mail to every admin (once per scope and hour). */
export async function mailSecurityAlert(
  backend: Backend,
  env: Env,
  alert: SecurityLogPayload,
  now: Date,
): Promise<AlertOutcome> {
  if (alert.action !== VIDEO_ACTIONS.alert) return { status: 'ignored' };
  const scope = alertScopeOf(alert);
  if (!scope) return { status: 'ignored' };
  const at = new Date(alert.timestamp);
  const hour = hourBucketOf(at);
  const admins = await adminsOf(backend);
  if (admins.length === 0) return { status: 'mailed', queued: 0, duplicates: 0 };
  const [label, refusals] = await Promise.all([
    scopeLabel(backend, scope),
    recentRefusals(backend, scope, at),
  ]);
  const securityLogUrl = new URL('/admin/security', env.publicUrl.origin).href;
  let queued = 0;
  for (const admin of admins) {
    const rendered = securityAlertMail(
      {
        adminName: admin.name,
        scopeLabel: label,
        alerts: [alert.reason],
        refusals: refusals.shown,
        moreInLog: refusals.more,
        securityLogUrl,
      },
      { publicUrl: env.publicUrl },
    );
    const result = await queueMail(
      backend,
      {
        key: securityAlertMailKey(scope, hour, admin.$id),
        to: admin.email,
        userId: admin.$id,
        kind: 'security-alert',
        rendered,
      },
      now,
    );
    if (result === 'queued') queued += 1;
  }
  return { status: 'mailed', queued, duplicates: admins.length - queued };
}

export const securityAlertsJob: EventJob<SecurityLogPayload> = {
  name: 'security-alerts',
  description: 'Mails every admin about repeated video refusals (video_alert rows), once per scope per hour.',
  events: ['databases.aurora_analytics.tables.security_logs.rows.*.create'],
  catchUp: SECURITY_ALERTS_CATCH_UP,
  payload: securityLogPayload,
  async handle(alert, context) {
    const outcome = await mailSecurityAlert(context.backend, context.env, alert, context.now());
    if (outcome.status === 'mailed')
      context.logger.info('security alert mailed', { alertId: alert.$id, ...outcome });
  },
};

/**
 * Alerts whose event was missed (Appwrite never retries an execution): the newest alert
 * of each scope and hour in the last two hours goes through the same mailing, which
 * finds the mails of handled ones already queued.
 */
export const securityAlertsCatchUpJob: ScheduledJob<Record<string, never>> = {
  name: SECURITY_ALERTS_CATCH_UP,
  description: 'Hourly: mails admins about video alerts whose events were missed.',
  schedule: '5 * * * *',
  payload: z.object({}),
  async handle(_payload, context) {
    const now = context.now();
    const { rows } = await context.backend.tables.list({
      ...SECURITY_LOGS,
      queries: [
        Query.equal('action', VIDEO_ACTIONS.alert),
        Query.greaterThan('timestamp', new Date(now.getTime() - CATCH_UP_WINDOW_MS).toISOString()),
        Query.orderDesc('timestamp'),
        Query.limit(1000),
      ],
    });
    const seen = new Set<string>();
    let queued = 0;
    for (const row of rows) {
      const alert = securityLogPayload.parse(row);
      const scope = alertScopeOf(alert);
      if (!scope) continue;
      const group = `${scope.key}:${hourBucketOf(new Date(alert.timestamp))}`;
      if (seen.has(group)) continue;
      seen.add(group);
      const outcome = await mailSecurityAlert(context.backend, context.env, alert, now);
      if (outcome.status === 'mailed') queued += outcome.queued;
    }
    if (queued > 0) context.logger.info('security alerts caught up', { queued });
  },
};
