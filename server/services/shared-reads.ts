/**
 * Content rows shared for a moment by the requests of one process (decision 0038).
 *
 * Every page and read procedure of a signed-in person checks access on the same few
 * rows — the course, its lessons, the lesson, its attachments, the people named on the
 * page — and on Appwrite each read is an HTTP round trip. Those rows change when an
 * instructor or an admin edits, a handful of times a day; they are read thousands of
 * times a minute. So the reads a request makes *to show something* (GET: queries and
 * page loaders) are answered from rows this process read less than `CONTENT_ROWS_TTL_MS`
 * ago, for the content tables only. Everything about a person's own standing —
 * sessions, enrollments, progress, tokens, limits — is read fresh, every time.
 *
 * Freshness:
 *  - A write to a content table through this process's backend drops every shared row
 *    before it returns, and raises `catalogChanged`, which the cluster relays to the
 *    other processes on the box (server/cluster/catalog-relay.ts); they drop theirs.
 *  - Requests that change something (POST: mutations and form actions) never read
 *    shared rows: what a write is based on is read fresh.
 *  - A process on another box (Appwrite mode with several servers, or an Appwrite
 *    Function writing) is seen when the rows expire: at most `CONTENT_ROWS_TTL_MS`.
 *  - A read that started before a write and finished after it is not kept, so a
 *    dropped row never comes back from a read that was under way.
 */
import type { Backend, Row, RowList, TableRef, TablesPort } from '../backend/port';
import { catalogChanged, onCatalogChange } from './courses/catalog-changes';
import { COURSE_TAGS, COURSES, FILE_METADATA, LESSONS, PROFILES } from './tables';

/** The tables whose rows are content: written by authors and admins, read by everyone. */
export const CONTENT_TABLES: readonly TableRef[] = [PROFILES, COURSES, LESSONS, COURSE_TAGS, FILE_METADATA];

/** As long as a visitor's cached catalog page (decision 0032): the same promise to other boxes. */
export const CONTENT_ROWS_TTL_MS = 1000;

/**
 * Bound on what is kept, in characters of the rows' JSON: lessons carry their HTML, so
 * the bound is on size rather than on the number of reads.
 */
export const CONTENT_ROWS_MAX_CHARS = 8 * 1024 * 1024;

export interface SharedReads {
  /** The backend the whole process writes through: content writes drop the shared rows. */
  readonly backend: Backend;
  /** The same backend, with reads of content tables answered from the shared rows: for GET requests. */
  readonly forDisplay: Backend;
  /** Drops every shared row (tests measure a cold request with it). */
  forget(): void;
  /** Stops listening to catalog changes. */
  close(): void;
}

interface Kept {
  answer: Promise<Row | RowList>;
  keptAt: number;
  chars: number;
}

const contentTableKeys = new Set(CONTENT_TABLES.map((ref) => `${ref.databaseId}/${ref.tableId}`));
const isContent = (ref: TableRef) => contentTableKeys.has(`${ref.databaseId}/${ref.tableId}`);

const copyRow = (row: Row): Row => ({ ...row });
const copyList = (list: RowList): RowList => ({ ...list, rows: list.rows.map(copyRow) });

export interface SharedReadsOptions {
  /** The clock of the rows' age, in ms. */
  now?: () => number;
  maxChars?: number;
}

export function shareContentReads(inner: Backend, options: SharedReadsOptions = {}): SharedReads {
  const now = options.now ?? Date.now;
  const maxChars = options.maxChars ?? CONTENT_ROWS_MAX_CHARS;
  // Insertion order is age order: a key read again is deleted and set anew.
  const kept = new Map<string, Kept>();
  let keptChars = 0;
  // Bumped by every drop, so a read under way during a write is not kept.
  let generation = 0;

  const forget = () => {
    kept.clear();
    keptChars = 0;
    generation += 1;
  };
  const stopListening = onCatalogChange(forget);

  const drop = (key: string, entry: Kept) => {
    if (kept.get(key) === entry) {
      kept.delete(key);
      keptChars -= entry.chars;
    }
  };

  const expireOld = (at: number) => {
    for (const [key, entry] of kept) {
      if (at - entry.keptAt < CONTENT_ROWS_TTL_MS && keptChars <= maxChars) break;
      drop(key, entry);
    }
  };

  function shared<T extends Row | RowList>(key: string, read: () => Promise<T>): Promise<T> {
    const at = now();
    const known = kept.get(key);
    // The entry holds an answer of the same read, so of the same type.
    if (known && at - known.keptAt < CONTENT_ROWS_TTL_MS) return known.answer as Promise<T>;
    if (known) drop(key, known);
    const startedIn = generation;
    const answer = read();
    answer.then(
      (value) => {
        if (generation !== startedIn) return;
        const entry: Kept = { answer, keptAt: at, chars: JSON.stringify(value).length };
        kept.set(key, entry);
        keptChars += entry.chars;
        expireOld(now());
      },
      // A failed read is not kept; the caller gets the failure through `answer`.
      () => {},
    );
    return answer;
  }

  const written =
    <A extends TableRef, R>(write: (input: A) => Promise<R>) =>
    async (input: A): Promise<R> => {
      if (!isContent(input)) return write(input);
      try {
        return await write(input);
      } finally {
        // A failed write may have changed the row too (a timeout after Appwrite applied it).
        catalogChanged();
      }
    };

  const tables: TablesPort = {
    get: (ref) => inner.tables.get(ref),
    list: (ref) => inner.tables.list(ref),
    create: written((ref) => inner.tables.create(ref)),
    update: written((ref) => inner.tables.update(ref)),
    delete: written((ref) => inner.tables.delete(ref)),
    updateIf: written((ref) => inner.tables.updateIf(ref)),
    increment: written((ref) => inner.tables.increment(ref)),
  };
  const backend: Backend = { ...portsOf(inner), tables };

  const displayTables: TablesPort = {
    ...tables,
    get: (ref) =>
      isContent(ref)
        ? shared(JSON.stringify(['get', ref.databaseId, ref.tableId, ref.rowId, ref.queries ?? []]), () =>
            inner.tables.get(ref),
          ).then(copyRow)
        : inner.tables.get(ref),
    list: (ref) =>
      isContent(ref)
        ? shared(
            JSON.stringify(['list', ref.databaseId, ref.tableId, ref.queries ?? [], ref.total !== false]),
            () => inner.tables.list(ref),
          ).then(copyList)
        : inner.tables.list(ref),
  };

  return {
    backend,
    forDisplay: { ...portsOf(inner), tables: displayTables },
    forget,
    close: stopListening,
  };
}

/** The backend's members as a plain object (a spread would lose `kind` on a class instance). */
function portsOf(inner: Backend): Backend {
  return {
    kind: inner.kind,
    tables: inner.tables,
    users: inner.users,
    sessions: inner.sessions,
    storage: inner.storage,
    teams: inner.teams,
    health: () => inner.health(),
    close: () => inner.close(),
  };
}
