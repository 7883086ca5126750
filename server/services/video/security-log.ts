/** The admin's view of `security_logs`: newest first, filtered by user, action and time. */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import { rowDatetime } from '../rows';
import type { Backend } from '../../backend/port';
import { SECURITY_LOGS } from '../courses/records';
import { PROFILES, parseProfile } from '../identity/profiles';

const datetime = rowDatetime;
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
  timestamp: datetime,
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

async function userIdForEmail(backend: Backend, email: string): Promise<string | null> {
  const { rows } = await backend.tables.list({
    ...PROFILES,
    queries: [Query.equal('email', email.trim().toLowerCase()), Query.limit(1)],
  });
  return rows[0]?.$id ?? null;
}

async function peopleNamed(
  backend: Backend,
  ids: string[],
): Promise<Map<string, { name: string; email: string }>> {
  const people = new Map<string, { name: string; email: string }>();
  if (ids.length === 0) return people;
  const { rows } = await backend.tables.list({
    ...PROFILES,
    queries: [Query.equal('$id', ids), Query.limit(ids.length)],
  });
  for (const row of rows) {
    const profile = parseProfile(row);
    people.set(profile.$id, { name: profile.name, email: profile.email });
  }
  return people;
}

export async function listSecurityLog(backend: Backend, filter: SecurityLogFilter): Promise<SecurityLogPage> {
  const queries: string[] = [];
  let userId = filter.userId;
  if (!userId && filter.userEmail) {
    const found = await userIdForEmail(backend, filter.userEmail);
    // Nobody has that email: an empty page, not every row.
    if (!found) return { items: [], nextCursor: null, total: 0 };
    userId = found;
  }
  if (userId) queries.push(Query.equal('userId', userId));
  if (filter.action) queries.push(Query.equal('action', filter.action));
  if (filter.from) queries.push(Query.greaterThanEqual('timestamp', filter.from.toISOString()));
  if (filter.to) queries.push(Query.lessThanEqual('timestamp', filter.to.toISOString()));
  queries.push(Query.orderDesc('timestamp'), Query.orderDesc('$id'), Query.limit(filter.limit + 1));
  if (filter.cursor) queries.push(Query.cursorAfter(filter.cursor));

  const { rows, total } = await backend.tables.list({ ...SECURITY_LOGS, queries });
  const entries = rows.slice(0, filter.limit).map((row) => logRowSchema.parse(row));
  const people = await peopleNamed(backend, [
    ...new Set(entries.flatMap((entry) => (entry.userId ? [entry.userId] : []))),
  ]);
  return {
    items: entries.map((entry) => ({
      id: entry.$id,
      timestamp: entry.timestamp,
      action: entry.action,
      userId: entry.userId,
      user: entry.userId ? (people.get(entry.userId) ?? null) : null,
      reason: entry.reason,
      ipAddress: entry.ipAddress,
      userAgent: entry.userAgent,
    })),
    nextCursor: rows.length > filter.limit ? (entries.at(-1)?.$id ?? null) : null,
    total,
  };
}
