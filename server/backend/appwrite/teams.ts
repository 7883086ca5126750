/**
 * TeamsPort on Appwrite Teams, with the admin client. A team's name is the Appwrite team's
 * name; its description, permissions and whether its courses are reviewed are the team's
 * preferences (`{ description, permissions, requiresReview }`, which `teams.get` and `teams.list` return with the team); a
 * membership's one role is `lead` or `member`.
 *
 * Created with the API key, a team has no members at all: Appwrite gives the `owner`
 * role only to a creating user, and skips that for server (API key) calls
 * (1.9.6 src/Appwrite/Platform/Modules/Teams/Http/Teams/Create.php: `if (!$isPrivilegedUser
 * && !$isAppUser)` around the creator's membership; the team's `total` starts at 0). `createMembership` with a
 * `userId` from the server adds the user at once, confirmed.
 *
 * Appwrite does not keep team names unique; this adapter reads every team before a
 * create or rename and refuses a taken name. Two admins creating the same name at the
 * same instant can both pass that check: a race accepted for a rare admin action.
 */
import { ID, Query, type Teams, type Users } from 'node-appwrite';
import type { Permission } from '../../../shared/permissions';
import { BackendError } from '../errors';
import type { Team, TeamMembership, TeamsPort } from '../port';
import {
  checkTeamDescription,
  checkTeamIds,
  checkTeamName,
  checkTeamPermissions,
  checkTeamRequiresReview,
  checkTeamRole,
  teamNameKey,
} from '../team-input';
import { appwrite } from './errors';
import {
  membershipListSchema,
  membershipFromAppwrite,
  parse,
  teamFromAppwrite,
  teamListSchema,
} from './models';

/** Page size when every team or membership is read; most schools need one page. */
const PAGE = 100;

/** Every page of a list, by offset: teams and a team's members are few, and change rarely. */
async function allPages<T>(page: (queries: string[]) => Promise<{ items: T[]; sent: number }>): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { items, sent } = await page([Query.limit(PAGE), Query.offset(offset)]);
    all.push(...items);
    if (sent < PAGE) return all;
  }
}

export function createTeams(teams: Teams, users: Users): TeamsPort {
  async function get(teamId: string): Promise<Team> {
    return parse(teamFromAppwrite, await appwrite(() => teams.get({ teamId })), 'team');
  }

  async function assertNameFree(name: string, exceptTeamId: string | null): Promise<void> {
    const key = teamNameKey(name);
    const everyTeam = await allPages(async (queries) => {
      const list = parse(
        teamListSchema,
        await appwrite(() => teams.list({ queries, total: false })),
        'team list',
      );
      return { items: list.teams, sent: list.teams.length };
    });
    if (everyTeam.some((team) => teamNameKey(team.name) === key && team.id !== exceptTeamId))
      throw new BackendError('conflict', `A team named "${name}" already exists`);
  }

  async function writePrefs(
    teamId: string,
    prefs: { description: string; permissions: Permission[]; requiresReview: boolean },
  ) {
    await appwrite(() => teams.updatePrefs({ teamId, prefs }));
  }

  async function membersWhere(teamId: string, filters: string[]): Promise<TeamMembership[]> {
    return allPages(async (queries) => {
      const answer = await appwrite(() =>
        teams.listMemberships({ teamId, queries: [...filters, ...queries] }),
      );
      const list = parse(membershipListSchema, answer, 'membership list');
      return { items: list.memberships, sent: list.sent };
    });
  }

  async function membershipOf(teamId: string, userId: string): Promise<TeamMembership> {
    const [found] = await membersWhere(teamId, [Query.equal('userId', userId)]);
    if (!found) throw new BackendError('not_found', `User "${userId}" is not a member of team "${teamId}"`);
    return found;
  }

  return {
    async create(input) {
      const name = checkTeamName(input.name);
      const prefs = {
        description: checkTeamDescription(input.description),
        permissions: checkTeamPermissions(input.permissions),
        requiresReview: checkTeamRequiresReview(input.requiresReview),
      };
      await assertNameFree(name, null);
      const created = parse(
        teamFromAppwrite,
        await appwrite(() => teams.create({ teamId: input.teamId ?? ID.unique(), name })),
        'team',
      );
      try {
        await writePrefs(created.id, prefs);
      } catch (error) {
        // Without its prefs the team would grant nothing and block its name: undo it.
        await appwrite(() => teams.delete({ teamId: created.id })).catch(() => undefined);
        throw error;
      }
      return get(created.id);
    },

    get,

    async list({ search, teamIds: asked, limit: askedLimit, offset } = {}) {
      const { teamIds, limit } = checkTeamIds(asked, askedLimit);
      if (teamIds?.length === 0) return { total: 0, totalCapped: false, teams: [] };
      const queries: string[] = [];
      if (teamIds !== undefined) queries.push(Query.equal('$id', [...teamIds]));
      if (limit !== undefined) queries.push(Query.limit(limit));
      if (offset !== undefined) queries.push(Query.offset(offset));
      const answer = await appwrite(() => teams.list({ queries, search: search?.trim() || undefined }));
      return parse(teamListSchema, answer, 'team list');
    },

    async update(teamId, input) {
      const name = input.name === undefined ? undefined : checkTeamName(input.name);
      const description =
        input.description === undefined ? undefined : checkTeamDescription(input.description);
      const permissions =
        input.permissions === undefined ? undefined : checkTeamPermissions(input.permissions);
      const requiresReview =
        input.requiresReview === undefined ? undefined : checkTeamRequiresReview(input.requiresReview);
      const before = await get(teamId);
      if (name !== undefined && name !== before.name) {
        await assertNameFree(name, before.id);
        await appwrite(() => teams.updateName({ teamId: before.id, name }));
      }
      if (description !== undefined || permissions !== undefined || requiresReview !== undefined) {
        await writePrefs(before.id, {
          description: description ?? before.description,
          permissions: permissions ?? before.permissions,
          requiresReview: requiresReview ?? before.requiresReview,
        });
      }
      return get(before.id);
    },

    async delete(teamId) {
      // Appwrite deletes the team's memberships before it answers (Teams/Delete.php, "Sync delete").
      await appwrite(() => teams.delete({ teamId }));
    },

    async addMember({ teamId, userId, role }) {
      const roles = [checkTeamRole(role)];
      // Appwrite answers 409 `membership_already_confirmed` for a member already (`conflict`).
      const added = await appwrite(() => teams.createMembership({ teamId, roles, userId }));
      return parse(membershipFromAppwrite, added, 'membership');
    },

    async setMemberRole({ teamId, userId, role }) {
      const roles = [checkTeamRole(role)];
      const { id: membershipId } = await membershipOf(teamId, userId);
      const changed = await appwrite(() => teams.updateMembership({ teamId, membershipId, roles }));
      return parse(membershipFromAppwrite, changed, 'membership');
    },

    async removeMember({ teamId, userId }) {
      const { id: membershipId } = await membershipOf(teamId, userId);
      await appwrite(() => teams.deleteMembership({ teamId, membershipId }));
    },

    listMembers: (teamId) => membersWhere(teamId, []),

    teamsOf: (userId) =>
      // One call across every team (Teams' own list is per team): Users' list of a user's memberships.
      allPages(async (queries) => {
        const answer = await appwrite(() => users.listMemberships({ userId, queries }));
        const list = parse(membershipListSchema, answer, 'membership list');
        return { items: list.memberships, sent: list.sent };
      }),
  };
}
