/**
 * A backend that counts: every call on the port (tables, users, sessions, storage,
 * teams, health) is passed to the wrapped backend and noted as `port.method(table)`, so a test can
 * assert how many backend calls a page or a procedure costs. In Appwrite mode each of
 * them is at least one HTTP round trip, which is why the number is budgeted.
 */
import type {
  Backend,
  SessionsPort,
  StoragePort,
  TablesPort,
  TeamsPort,
  UsersPort,
} from '../../server/backend/port';

export interface CountingBackend {
  readonly backend: Backend;
  /** The calls since the last `reset()`, in the order they were made. */
  calls(): string[];
  reset(): void;
}

/** `(courses)` for a call on the courses table, `(user-uploads)` for a bucket: what a call was about. */
function subjectOf(request: unknown): string {
  if (typeof request !== 'object' || request === null) return '';
  if ('tableId' in request && typeof request.tableId === 'string') return `(${request.tableId})`;
  if ('bucketId' in request && typeof request.bucketId === 'string') return `(${request.bucketId})`;
  return '';
}

/** Wraps each function-valued member of `port` so that calling it notes `name.member`. */
function counted<T extends object>(port: T, name: string, note: (call: string) => void): T {
  return new Proxy(port, {
    get(target, member, receiver) {
      const value: unknown = Reflect.get(target, member, receiver);
      if (typeof value !== 'function' || typeof member !== 'string') return value;
      return (...args: unknown[]) => {
        note(`${name}.${member}${subjectOf(args[0])}`);
        return Reflect.apply(value, target, args) as unknown;
      };
    },
  });
}

export function countingBackend(inner: Backend): CountingBackend {
  let seen: string[] = [];
  const note = (call: string) => {
    seen.push(call);
  };
  const tables: TablesPort = counted(inner.tables, 'tables', note);
  const users: UsersPort = counted(inner.users, 'users', note);
  const sessions: SessionsPort = counted(inner.sessions, 'sessions', note);
  const storage: StoragePort = counted(inner.storage, 'storage', note);
  const teams: TeamsPort = counted(inner.teams, 'teams', note);
  const backend: Backend = {
    kind: inner.kind,
    tables,
    users,
    sessions,
    storage,
    teams,
    health() {
      note('health');
      return inner.health();
    },
    close: () => inner.close(),
  };
  return {
    backend,
    calls: () => [...seen],
    reset() {
      seen = [];
    },
  };
}
