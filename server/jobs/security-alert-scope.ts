/**
 * What a `video_alert` row is about. audit.ts writes one alert per scope that crossed
 * the threshold, naming it at the end of its reason ("… for user <id>; latest: …" or
 * "… for IP <address>; latest: …"). The scope is what the throttle counts: admins get
 * at most one mail per scope per clock hour.
 */
import { Query } from 'node-appwrite';

export type AlertScope =
  | { kind: 'user'; userId: string; key: string; filter: string }
  | { kind: 'ip'; ip: string; key: string; filter: string };

const FOR_USER = /\bfor user ([A-Za-z0-9][A-Za-z0-9._:-]{0,63})(?:;|$)/;
const FOR_IP = /\bfor IP ([0-9A-Fa-f.:]{2,45})(?:;|$)/;

/** A mail-key-safe spelling of an id or address. */
const keyPart = (value: string) => value.replace(/[^A-Za-z0-9._:-]/g, '_');

export function alertScopeOf(alert: {
  reason: string;
  userId: string | null;
  ipAddress: string;
}): AlertScope | null {
  const ip = FOR_IP.exec(alert.reason)?.[1];
  if (ip) return { kind: 'ip', ip, key: `ip-${keyPart(ip)}`, filter: Query.equal('ipAddress', ip) };
  const userId = FOR_USER.exec(alert.reason)?.[1] ?? alert.userId;
  if (userId)
    return { kind: 'user', userId, key: `user-${keyPart(userId)}`, filter: Query.equal('userId', userId) };
  if (alert.ipAddress && alert.ipAddress !== 'unknown') {
    return {
      kind: 'ip',
      ip: alert.ipAddress,
      key: `ip-${keyPart(alert.ipAddress)}`,
      filter: Query.equal('ipAddress', alert.ipAddress),
    };
  }
  return null;
}

/** The clock hour (UTC) an alert falls in, e.g. `2026-12-01T23`. */
export const hourBucketOf = (timestamp: Date) => timestamp.toISOString().slice(0, 13);

export const securityAlertMailKey = (scope: AlertScope, hour: string, adminId: string) =>
  `security-alert:${scope.key}:${hour}:${adminId}`;
