/**
 * TeamsPort on SQLite: teams and memberships in adapter-internal tables (internal-schema.ts
 * says why not appwrite.json), each write recording Appwrite's event name in the outbox
 * in the same transaction. A user's deletion removes their memberships by the foreign key,
 * without membership events, as Appwrite's own clean-up does.
 */
import { isPermission, type Permission } from '../../../shared/permissions';
import { membershipEventName, teamEventName } from '../events';
import type { Team, TeamMembership, TeamsPort } from '../port';
import {
  checkTeamDescription,
  checkTeamIds,
  checkTeamName,
  checkTeamPermissions,
  checkTeamRequiresReview,
  checkTeamRole,
  isTeamRole,
  teamNameKey,
} from '../team-input';
import { generateId, resolveNewId } from './ids';
import { appendEvent } from './outbox';
import { listInternal } from './internal-list';
import { isRecord } from './records';
import { conflict, guard, notFound } from './sql-errors';
import type { Store } from './store';

const TEAM_COLUMNS = `"id", "name", "description", "permissions", "requires_review", "created_at", "updated_at",
  (SELECT count(*) FROM "_team_memberships" WHERE "team_id" = "_teams"."id") AS "member_count"`;
const MEMBERSHIP_SELECT = `SELECT m."id", m."team_id", t."name" AS "team_name", m."user_id", u."name" AS "user_name",
  u."email" AS "user_email", m."role", m."created_at"
  FROM "_team_memberships" m JOIN "_teams" t ON t."id" = m."team_id" JOIN "_auth_users" u ON u."id" = m."user_id"`;

function storedPermissions(text: unknown): Permission[] {
  if (typeof text !== 'string') return [];
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter(isPermission) : [];
}

function toTeam(raw: unknown): Team | null {
  if (!isRecord(raw)) return null;
  const { id, name, description, permissions, created_at: createdAt, updated_at: updatedAt } = raw;
  const { member_count: memberCount } = raw;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof description !== 'string') return null;
  if (typeof createdAt !== 'string' || typeof updatedAt !== 'string') return null;
  if (typeof memberCount !== 'number') return null;
  const requiresReview = raw.requires_review === 1;
  return {
    id,
    name,
    description,
    permissions: storedPermissions(permissions),
    memberCount,
    requiresReview,
    createdAt,
    updatedAt,
  };
}

function toMembership(raw: unknown): TeamMembership | null {
  if (!isRecord(raw)) return null;
  const { id, team_id: teamId, team_name: teamName, user_id: userId, role, created_at: createdAt } = raw;
  const { user_name: userName, user_email: userEmail } = raw;
  if (typeof id !== 'string' || typeof teamId !== 'string' || typeof teamName !== 'string') return null;
  if (typeof userId !== 'string' || typeof userName !== 'string' || typeof userEmail !== 'string')
    return null;
  if (typeof createdAt !== 'string' || !isTeamRole(role)) return null;
  return { id, teamId, teamName, userId, userName, userEmail, role, createdAt };
}

function isMembership(value: TeamMembership | null): value is TeamMembership {
  return value !== null;
}

export function createTeamsPort(store: Store): TeamsPort {
  function find(teamId: unknown): Team | null {
    if (typeof teamId !== 'string') return null;
    return toTeam(store.statement(`SELECT ${TEAM_COLUMNS} FROM "_teams" WHERE "id" = ?`).get(teamId));
  }

  function mustFind(teamId: unknown): Team {
    const team = find(teamId);
    if (!team) throw notFound(`Team "${String(teamId)}" not found`);
    return team;
  }

  function assertNameFree(name: string, exceptTeamId: string | null): void {
    const holder: unknown = store
      .statement('SELECT "id" FROM "_teams" WHERE "name_key" = ?')
      .get(teamNameKey(name));
    if (isRecord(holder) && holder.id !== exceptTeamId)
      throw conflict(`A team named "${name}" already exists`);
  }

  function mustFindUser(userId: string): void {
    if (!store.statement('SELECT 1 FROM "_auth_users" WHERE "id" = ?').get(userId))
      throw notFound(`User "${userId}" not found`);
  }

  function membership(teamId: string, userId: string): TeamMembership | null {
    return toMembership(
      store.statement(`${MEMBERSHIP_SELECT} WHERE m."team_id" = ? AND m."user_id" = ?`).get(teamId, userId),
    );
  }

  function mustFindMembership(teamId: string, userId: string): TeamMembership {
    mustFind(teamId);
    const found = membership(teamId, userId);
    if (!found) throw notFound(`User "${userId}" is not a member of team "${teamId}"`);
    return found;
  }

  return {
    create: (input) =>
      guard(() => {
        const teamId = resolveNewId(input.teamId, 'team');
        const name = checkTeamName(input.name);
        const description = checkTeamDescription(input.description);
        const permissions = checkTeamPermissions(input.permissions);
        const requiresReview = checkTeamRequiresReview(input.requiresReview);
        return store.write(() => {
          if (find(teamId)) throw conflict(`A team with id "${teamId}" already exists`);
          assertNameFree(name, null);
          const now = store.now().toISOString();
          store
            .statement(
              'INSERT INTO "_teams" ("id", "name", "name_key", "description", "permissions", "requires_review", "created_at", "updated_at") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            )
            .run(
              teamId,
              name,
              teamNameKey(name),
              description,
              JSON.stringify(permissions),
              requiresReview ? 1 : 0,
              now,
              now,
            );
          const team = mustFind(teamId);
          appendEvent(store, teamEventName(teamId, 'create'), team);
          return team;
        });
      }),

    get: (teamId) => guard(() => store.read(() => mustFind(teamId))),

    list: (input = {}) =>
      guard(() => {
        const { teamIds, limit } = checkTeamIds(input.teamIds, input.limit);
        const table = { table: '"_teams"', columns: TEAM_COLUMNS, searched: ['"name_key"'] };
        const request = { ...table, search: input.search, ids: teamIds, limit, offset: input.offset };
        const { items, ...total } = listInternal(store, request, toTeam);
        return { ...total, teams: items };
      }),

    update: (teamId, input) =>
      guard(() => {
        const name = input.name === undefined ? undefined : checkTeamName(input.name);
        const description =
          input.description === undefined ? undefined : checkTeamDescription(input.description);
        const permissions =
          input.permissions === undefined ? undefined : checkTeamPermissions(input.permissions);
        const requiresReview =
          input.requiresReview === undefined ? undefined : checkTeamRequiresReview(input.requiresReview);
        return store.write(() => {
          const before = mustFind(teamId);
          const renamed = name !== undefined && name !== before.name;
          const prefsChanged =
            description !== undefined || permissions !== undefined || requiresReview !== undefined;
          if (renamed) assertNameFree(name, before.id);
          if (!renamed && !prefsChanged) return before;
          const next = {
            name: name ?? before.name,
            description: description ?? before.description,
            permissions: permissions ?? before.permissions,
            requiresReview: requiresReview ?? before.requiresReview,
          };
          store
            .statement(
              'UPDATE "_teams" SET "name" = ?, "name_key" = ?, "description" = ?, "permissions" = ?, "requires_review" = ?, "updated_at" = ? WHERE "id" = ?',
            )
            .run(
              next.name,
              teamNameKey(next.name),
              next.description,
              JSON.stringify(next.permissions),
              next.requiresReview ? 1 : 0,
              store.now().toISOString(),
              before.id,
            );
          const team = mustFind(before.id);
          // Appwrite's two calls, two events: the name, and the prefs that hold the rest.
          if (renamed) appendEvent(store, teamEventName(team.id, 'update'), team);
          if (prefsChanged) appendEvent(store, teamEventName(team.id, 'update.prefs'), team);
          return team;
        });
      }),

    delete: (teamId) =>
      guard(() => {
        store.write(() => {
          const team = mustFind(teamId);
          // Memberships also go by ON DELETE CASCADE; deleting them explicitly does not depend on the pragma.
          store.statement('DELETE FROM "_team_memberships" WHERE "team_id" = ?').run(team.id);
          store.statement('DELETE FROM "_teams" WHERE "id" = ?').run(team.id);
          appendEvent(store, teamEventName(team.id, 'delete'), team);
        });
      }),

    addMember: (input) =>
      guard(() => {
        const role = checkTeamRole(input.role);
        return store.write(() => {
          const team = mustFind(input.teamId);
          mustFindUser(input.userId);
          if (membership(team.id, input.userId))
            throw conflict(`User "${input.userId}" is already a member of team "${team.name}"`);
          const now = store.now().toISOString();
          const membershipId = generateId();
          store
            .statement(
              'INSERT INTO "_team_memberships" ("id", "team_id", "user_id", "role", "created_at", "updated_at") VALUES (?, ?, ?, ?, ?, ?)',
            )
            .run(membershipId, team.id, input.userId, role, now, now);
          const added = mustFindMembership(team.id, input.userId);
          appendEvent(store, membershipEventName(team.id, membershipId, 'create'), added);
          return added;
        });
      }),

    setMemberRole: (input) =>
      guard(() => {
        const role = checkTeamRole(input.role);
        return store.write(() => {
          const before = mustFindMembership(input.teamId, input.userId);
          store
            .statement('UPDATE "_team_memberships" SET "role" = ?, "updated_at" = ? WHERE "id" = ?')
            .run(role, store.now().toISOString(), before.id);
          const changed = mustFindMembership(input.teamId, input.userId);
          appendEvent(store, membershipEventName(changed.teamId, changed.id, 'update'), changed);
          return changed;
        });
      }),

    removeMember: (input) =>
      guard(() => {
        store.write(() => {
          const gone = mustFindMembership(input.teamId, input.userId);
          store.statement('DELETE FROM "_team_memberships" WHERE "id" = ?').run(gone.id);
          appendEvent(store, membershipEventName(gone.teamId, gone.id, 'delete'), gone);
        });
      }),

    listMembers: (teamId) =>
      guard(() =>
        store.read(() => {
          const team = mustFind(teamId);
          return store
            .statement(`${MEMBERSHIP_SELECT} WHERE m."team_id" = ? ORDER BY m."seq"`)
            .all(team.id)
            .map(toMembership)
            .filter(isMembership);
        }),
      ),

    teamsOf: (userId) =>
      guard(() =>
        store.read(() => {
          mustFindUser(userId);
          return store
            .statement(`${MEMBERSHIP_SELECT} WHERE m."user_id" = ? ORDER BY m."seq"`)
            .all(userId)
            .map(toMembership)
            .filter(isMembership);
        }),
      ),
  };
}
