/** The admin's view of `security_logs`: newest first, filtered by user, action and time. */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import { rowDatetime } from '../rows';
import type { Backend } from '../../backend/port';
import { SECURITY_LOGS } from '../courses/records';
import { profilesByIds, type Profile } from '../identity/profiles';

const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

const logRowSchema = z.object({
  $id: z.string(),
  userId: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  action: z.string(),
  reason: optionalText,
  ipAddress: optionalText,
  userAgent: optionalText,
  timestamp: rowDatetime,
});

export interface SecurityLogEntry {
  id: string;
  timestamp: string;
  action: string;
  userId: string | null;
  /** The person's name and email today; null when the account is gone (or none was signed in). */
  user: { name: string; email: string } | null;
  reason: string;
  ipAddress: string;
  userAgent: string;
}

export interface SecurityLogFilter {
  userId?: string | undefined;
  userEmail?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface SecurityLogPage {
  items: SecurityLogEntry[];
  nextCursor: string | null;
  total: number;
}

const personOf = (profile: Profile | undefined) =>
  profile ? { name: profile.name, email: profile.email } : null;

export async function listSecurityLog(backend: Backend, filter: SecurityLogFilter): Promise<SecurityLogPage> {
  const queries: string[] = [];
  let userId = filter.userId;
  if (!userId && filter.userEmail) {
    const found = await backend.users.findByEmail(filter.userEmail.trim());
    // Nobody has that email: an empty page, not every row.
    if (!found) return { items: [], nextCursor: null, total: 0 };
    userId = found.id;
  }
  if (userId) queries.push(Query.equal('userId', userId));
  if (filter.action) queries.push(Query.equal('action', filter.action));
  if (filter.from) queries.push(Query.greaterThanEqual('timestamp', filter.from.toISOString()));
  if (filter.to) queries.push(Query.lessThanEqual('timestamp', filter.to.toISOString()));
  queries.push(Query.orderDesc('timestamp'), Query.orderDesc('$id'), Query.limit(filter.limit + 1));
  if (filter.cursor) queries.push(Query.cursorAfter(filter.cursor));

  const { rows, total } = await backend.tables.list({ ...SECURITY_LOGS, queries });
  const entries = rows.slice(0, filter.limit).map((row) => logRowSchema.parse(row));
  const people = await profilesByIds(backend, [
    ...new Set(entries.flatMap((entry) => (entry.userId ? [entry.userId] : []))),
  ]);
  return {
    items: entries.map((entry) => ({
      id: entry.$id,
      timestamp: entry.timestamp,
      action: entry.action,
      userId: entry.userId,
      user: personOf(entry.userId ? people.get(entry.userId) : undefined),
      reason: entry.reason,
      ipAddress: entry.ipAddress,
      userAgent: entry.userAgent,
    })),
    nextCursor: rows.length > filter.limit ? (entries.at(-1)?.$id ?? null) : null,
    total,
  };
}
