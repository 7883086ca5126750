/**
 * Backend events use Appwrite's names, so a handler in `server/jobs` is triggered by
 * the same pattern in embedded mode (the in-process runner) and in Appwrite mode
 * (a Function whose `events` list in `appwrite.json` carries the pattern).
 *
 *   databases.aurora_main.tables.enrollments.rows.<rowId>.create
 *   buckets.course-materials.files.<fileId>.delete
 *   users.<userId>.create
 *   teams.<teamId>.memberships.<membershipId>.update
 */
export type EventAction = 'create' | 'update' | 'delete';

export interface BackendEvent {
  /** Outbox id (embedded) or Appwrite's execution id. */
  id: string;
  /** The concrete event name, e.g. `databases.aurora_main.tables.courses.rows.abc.update`. */
  name: string;
  /** The row, file or user after the write (before it, for deletes). */
  payload: Record<string, unknown>;
  createdAt: string;
}

export function rowEventName(
  databaseId: string,
  tableId: string,
  rowId: string,
  action: EventAction,
): string {
  return `databases.${databaseId}.tables.${tableId}.rows.${rowId}.${action}`;
}

export function fileEventName(bucketId: string, fileId: string, action: EventAction): string {
  return `buckets.${bucketId}.files.${fileId}.${action}`;
}

export function userEventName(userId: string, action: EventAction): string {
  return `users.${userId}.${action}`;
}

/** Appwrite's team events; a change of description or permissions is `update.prefs` (they are the team's prefs). */
export function teamEventName(teamId: string, action: EventAction | 'update.prefs'): string {
  return `teams.${teamId}.${action}`;
}

export function membershipEventName(teamId: string, membershipId: string, action: EventAction): string {
  return `teams.${teamId}.memberships.${membershipId}.${action}`;
}

/**
 * Appwrite's trigger patterns: dot-separated segments where `*` stands for any one
 * segment. A pattern may also stop early (`databases.aurora_main.tables.courses`)
 * to match every event under it.
 */
export function eventMatches(pattern: string, name: string): boolean {
  const wanted = pattern.split('.');
  const actual = name.split('.');
  if (wanted.length > actual.length) return false;
  return wanted.every((segment, i) => segment === '*' || segment === actual[i]);
}

/**
 * Appwrite names one row event in two vocabularies: a TablesDB create reaches a Function
 * as `databases.{db}.collections.{table}.documents.{row}.create` (the create action sets
 * its event in the Collections form), updates and deletes as `databases.{db}.tables.…`.
 * Patterns, the embedded outbox and the handlers use the TablesDB form; this maps any
 * name onto it (and `tablesdb.` onto `databases.`). Other names pass unchanged.
 */
export function tablesEventName(name: string): string {
  const segments = name.split('.');
  if (segments[0] !== 'databases' && segments[0] !== 'tablesdb') return name;
  segments[0] = 'databases';
  if (segments[2] === 'collections') segments[2] = 'tables';
  if (segments[4] === 'documents') segments[4] = 'rows';
  else if (segments[4] === 'attributes') segments[4] = 'columns';
  return segments.join('.');
}

/** Durable queue of events, written in the same transaction as the row (embedded mode). */
export interface OutboxEntry extends BackendEvent {
  attempts: number;
}

export interface Outbox {
  /** Claims up to `limit` due events for delivery; a claimed event is hidden for `leaseMs`. */
  claim(input: { limit: number; leaseMs: number }): Promise<OutboxEntry[]>;
  /** Delivered: remove it from the queue. */
  complete(id: string): Promise<void>;
  /** Failed: keep it, count the attempt and make it due again at `retryAt`. */
  fail(id: string, input: { error: string; retryAt: Date; deadLetter: boolean }): Promise<void>;
  /** Events still waiting (or dead-lettered), for tests and the admin's view. */
  pending(): Promise<{ waiting: number; dead: number }>;
}
