/**
 * One request's table reads, remembered until the request writes. A page asks several
 * procedures for what it shows (the lesson, its course, the learner's enrollment, the
 * video's access and progress), and each procedure checks access on the same rows: on
 * Appwrite every read is an HTTP round trip. Rather than one procedure per page, the
 * request reads each row once: the same `get` or the same `list` (same table, same
 * queries) answers from the first read.
 *
 * Any write through any port forgets everything remembered, so a request always reads
 * its own writes; a row another request changes meanwhile is seen as of the first read,
 * as two reads at different moments of one request would disagree anyway.
 * Team reads (the permission resolver's memberships, a team and its members) are
 * remembered the same way, so removing someone from a team takes effect on their next
 * request and never lasts past this one.
 * Callers get their own shallow copies (teams' deep ones), so one procedure changing a row object it was
 * given cannot change what another is given. Built per request (server/trpc/context.ts);
 * jobs and scripts use the backend as it is.
 */
import type {
  Backend,
  Row,
  RowList,
  SessionsPort,
  StoragePort,
  TablesPort,
  Team,
  TeamList,
  TeamMembership,
  TeamsPort,
  UsersPort,
} from './port';

/** Reads kept per request: far more than a page makes, so only a runaway loop is bounded. */
const READS_PER_REQUEST = 200;

function copyRow(row: Row): Row {
  return { ...row };
}

function copyList(list: RowList): RowList {
  return { ...list, rows: list.rows.map(copyRow) };
}

/** Every function member of `port` except `kept` forgets what was remembered before it runs. */
function forgettingOnWrite<T extends object>(port: T, kept: ReadonlySet<string>, forget: () => void): T {
  return new Proxy(port, {
    get(target, member, receiver) {
      const value: unknown = Reflect.get(target, member, receiver);
      if (typeof value !== 'function' || (typeof member === 'string' && kept.has(member))) return value;
      return (...args: unknown[]): unknown => {
        forget();
        return Reflect.apply(value, target, args);
      };
    },
  });
}

export function rememberingReads(inner: Backend): Backend {
  const rows = new Map<string, Promise<Row>>();
  const lists = new Map<string, Promise<RowList>>();
  const teamRecords = new Map<string, Promise<Team>>();
  const teamLists = new Map<string, Promise<TeamList>>();
  const memberships = new Map<string, Promise<TeamMembership[]>>();
  const memories = [rows, lists, teamRecords, teamLists, memberships];
  const forget = () => {
    for (const memory of memories) memory.clear();
  };

  function remembered<T>(memory: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
    const known = memory.get(key);
    if (known) return known;
    const answer = read();
    const kept = memories.reduce((sum, each) => sum + each.size, 0);
    if (kept < READS_PER_REQUEST) memory.set(key, answer);
    return answer;
  }

  /** A team read remembered under its arguments, each caller given a deep copy. */
  function rememberedTeams<T>(memory: Map<string, Promise<T>>, key: unknown[], read: () => Promise<T>) {
    return remembered(memory, JSON.stringify(key), read).then((answer) => structuredClone(answer));
  }

  const forgetting =
    <A, R>(write: (input: A) => Promise<R>) =>
    (input: A): Promise<R> => {
      forget();
      return write(input);
    };

  const tables: TablesPort = {
    get: (ref) =>
      remembered(rows, JSON.stringify([ref.databaseId, ref.tableId, ref.rowId, ref.queries ?? []]), () =>
        inner.tables.get(ref),
      ).then(copyRow),
    list: (ref) =>
      remembered(
        lists,
        JSON.stringify([ref.databaseId, ref.tableId, ref.queries ?? [], ref.total !== false]),
        () => inner.tables.list(ref),
      ).then(copyList),
    create: forgetting((ref) => inner.tables.create(ref)),
    update: forgetting((ref) => inner.tables.update(ref)),
    delete: forgetting((ref) => inner.tables.delete(ref)),
    updateIf: forgetting((ref) => inner.tables.updateIf(ref)),
    increment: forgetting((ref) => inner.tables.increment(ref)),
  };
  const users: UsersPort = forgettingOnWrite(inner.users, new Set(['get', 'findByEmail', 'list']), forget);
  const sessions: SessionsPort = forgettingOnWrite(inner.sessions, new Set(['resolve']), forget);
  const teams: TeamsPort = {
    get: (teamId) => rememberedTeams(teamRecords, [teamId], () => inner.teams.get(teamId)),
    list: (input) => rememberedTeams(teamLists, [input ?? {}], () => inner.teams.list(input)),
    listMembers: (teamId) =>
      rememberedTeams(memberships, ['team', teamId], () => inner.teams.listMembers(teamId)),
    teamsOf: (userId) => rememberedTeams(memberships, ['user', userId], () => inner.teams.teamsOf(userId)),
    create: forgetting((input) => inner.teams.create(input)),
    update: (teamId, input) => {
      forget();
      return inner.teams.update(teamId, input);
    },
    delete: forgetting((teamId) => inner.teams.delete(teamId)),
    addMember: forgetting((input) => inner.teams.addMember(input)),
    setMemberRole: forgetting((input) => inner.teams.setMemberRole(input)),
    removeMember: forgetting((input) => inner.teams.removeMember(input)),
  };
  const storage: StoragePort = forgettingOnWrite(
    inner.storage,
    new Set(['getMetadata', 'read', 'list']),
    forget,
  );

  return {
    kind: inner.kind,
    tables,
    users,
    sessions,
    storage,
    teams,
    health: () => inner.health(),
    close: () => inner.close(),
  };
}
