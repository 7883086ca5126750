/**
 * The admin's view of `security_logs`: newest first, filtered by user, action and time.
 *
 * Rows name lessons, courses, people and tokens by id in their `reason` ("lesson 6b0f…,
 * token 6b0f…"). The page shows names instead: each reason is split into parts, and the
 * ids of a whole page are resolved together — people and lessons in one batch each, then
 * the courses (those named and those of the lessons) in one more — so a page costs the
 * same few backend calls however many rows it shows.
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import { rowDatetime } from '../rows';
import type { Backend, TableRef } from '../../backend/port';
import { profilesByIds, type Profile } from '../identity/profiles';
import { listByIds } from '../rows-by-ids';
import { COURSES, LESSONS, SECURITY_LOGS } from '../tables';
import { isVisitorHolder } from './visitor';

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
  /** The stored words, as written. */
  reason: string;
  /** The same words with each id resolved to what it names today. */
  details: ReasonPart[];
  ipAddress: string;
  userAgent: string;
}

/**
 * A piece of a reason. A lesson, course or person that no longer exists keeps its id
 * with a null name (a course keeps the title it had when the row was written).
 */
export type ReasonPart =
  | { kind: 'text'; text: string }
  | { kind: 'lesson'; id: string; title: string | null; courseId: string | null; courseTitle: string | null }
  | { kind: 'course'; id: string; title: string | null }
  | { kind: 'user'; id: string; name: string | null; email: string | null }
  | { kind: 'token'; id: string };

type Mention =
  | { kind: 'text'; text: string }
  | { kind: 'lesson' | 'user' | 'token'; id: string; raw: string }
  | { kind: 'course'; id: string; raw: string; storedTitle: string | null };

/** "lesson <id>", "token <id>", "user <id>", and "course <id> ("Its title")" as audit.ts and courses.ts write them. */
const MENTION = /\b(lesson|course|user|token) ([a-zA-Z0-9][a-zA-Z0-9._-]{0,35})(?: \("([^"]*)"\))?/g;

/** Generated ids hold digits; "user agent differs" must stay words when nothing resolves. */
const looksLikeId = (id: string) => /\d/.test(id);

export function mentionsOf(reason: string): Mention[] {
  const parts: Mention[] = [];
  let last = 0;
  for (const match of reason.matchAll(MENTION)) {
    const [raw, kind, id, title] = match;
    if (!kind || !id) continue;
    if (match.index > last) parts.push({ kind: 'text', text: reason.slice(last, match.index) });
    if (kind === 'course') parts.push({ kind, id, raw, storedTitle: title ?? null });
    else if (kind === 'lesson' || kind === 'user' || kind === 'token') parts.push({ kind, id, raw });
    last = match.index + raw.length;
  }
  if (last < reason.length) parts.push({ kind: 'text', text: reason.slice(last) });
  return parts;
}

const lessonRefSchema = z.object({ $id: z.string(), courseId: z.string(), title: z.string() });
const courseRefSchema = z.object({ $id: z.string(), title: z.string() });

/** Rows of `ref` by id (chunked by listByIds), only the columns asked for. */
async function rowsByIds<T extends { $id: string }>(
  backend: Backend,
  ref: TableRef,
  ids: readonly string[],
  columns: string[],
  schema: z.ZodType<T>,
): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  for (const row of await listByIds(backend, ref, ids, { queries: [Query.select(['$id', ...columns])] })) {
    const parsed = schema.safeParse(row);
    if (parsed.success) found.set(parsed.data.$id, parsed.data);
  }
  return found;
}

const distinct = (ids: Iterable<string>) => [...new Set(ids)];

/** Resolves every mention of a page's reasons in three calls (people ‖ lessons, then courses). */
async function resolveMentions(
  backend: Backend,
  reasons: Mention[][],
  extraUserIds: string[],
): Promise<{ parts: ReasonPart[][]; people: Map<string, Profile> }> {
  const all = reasons.flat();
  const idsOf = (kind: Mention['kind']) =>
    distinct(all.flatMap((part) => (part.kind === kind && 'id' in part ? [part.id] : [])));
  const [people, lessons] = await Promise.all([
    profilesByIds(backend, distinct([...extraUserIds, ...idsOf('user')])),
    rowsByIds(backend, LESSONS, idsOf('lesson'), ['courseId', 'title'], lessonRefSchema),
  ]);
  const courses = await rowsByIds(
    backend,
    COURSES,
    distinct([...idsOf('course'), ...[...lessons.values()].map((lesson) => lesson.courseId)]),
    ['title'],
    courseRefSchema,
  );

  const resolve = (part: Mention): ReasonPart => {
    if (part.kind === 'text') return part;
    if (part.kind === 'token') return { kind: 'token', id: part.id };
    if (part.kind === 'lesson') {
      const lesson = lessons.get(part.id);
      if (!lesson && !looksLikeId(part.id)) return { kind: 'text', text: part.raw };
      return {
        kind: 'lesson',
        id: part.id,
        title: lesson?.title ?? null,
        courseId: lesson?.courseId ?? null,
        courseTitle: lesson ? (courses.get(lesson.courseId)?.title ?? null) : null,
      };
    }
    if (part.kind === 'course') {
      const course = courses.get(part.id);
      if (!course && !looksLikeId(part.id)) return { kind: 'text', text: part.raw };
      return { kind: 'course', id: part.id, title: course?.title ?? part.storedTitle };
    }
    const person = people.get(part.id);
    if (!person && !looksLikeId(part.id)) return { kind: 'text', text: part.raw };
    return { kind: 'user', id: part.id, name: person?.name ?? null, email: person?.email ?? null };
  };

  // Neighbouring words are merged again where a would-be mention turned out to be words.
  const parts = reasons.map((mentions) =>
    mentions.map(resolve).reduce<ReasonPart[]>((merged, part) => {
      const previous = merged.at(-1);
      if (part.kind === 'text' && previous?.kind === 'text')
        merged[merged.length - 1] = { kind: 'text', text: previous.text + part.text };
      else merged.push(part);
      return merged;
    }, []),
  );
  return { parts, people };
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
  /** `total` stopped at Appwrite's count cap (port.ts): show it as "5,000+". */
  totalCapped: boolean;
}

const personOf = (profile: Profile | undefined) =>
  profile ? { name: profile.name, email: profile.email } : null;

export async function listSecurityLog(backend: Backend, filter: SecurityLogFilter): Promise<SecurityLogPage> {
  const queries: string[] = [];
  let userId = filter.userId;
  if (!userId && filter.userEmail) {
    const found = await backend.users.findByEmail(filter.userEmail.trim());
    // Nobody has that email: an empty page, not every row.
    if (!found) return { items: [], nextCursor: null, total: 0, totalCapped: false };
    userId = found.id;
  }
  if (userId) queries.push(Query.equal('userId', userId));
  if (filter.action) queries.push(Query.equal('action', filter.action));
  if (filter.from) queries.push(Query.greaterThanEqual('timestamp', filter.from.toISOString()));
  if (filter.to) queries.push(Query.lessThanEqual('timestamp', filter.to.toISOString()));
  queries.push(Query.orderDesc('timestamp'), Query.orderDesc('$id'), Query.limit(filter.limit + 1));
  if (filter.cursor) queries.push(Query.cursorAfter(filter.cursor));

  const { rows, total, totalCapped } = await backend.tables.list({ ...SECURITY_LOGS, queries });
  const entries = rows.slice(0, filter.limit).map((row) => logRowSchema.parse(row));
  const { parts, people } = await resolveMentions(
    backend,
    entries.map((entry) => mentionsOf(entry.reason)),
    // Visitors' ids (visitor.ts) name no account.
    entries.flatMap((entry) => (entry.userId && !isVisitorHolder(entry.userId) ? [entry.userId] : [])),
  );
  return {
    items: entries.map((entry, index) => ({
      id: entry.$id,
      timestamp: entry.timestamp,
      action: entry.action,
      userId: entry.userId,
      user: personOf(entry.userId ? people.get(entry.userId) : undefined),
      reason: entry.reason,
      details: parts[index] ?? [],
      ipAddress: entry.ipAddress,
      userAgent: entry.userAgent,
    })),
    nextCursor: rows.length > filter.limit ? (entries.at(-1)?.$id ?? null) : null,
    total,
    totalCapped,
  };
}
