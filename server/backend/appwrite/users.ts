import { ID, Query, type Users } from 'node-appwrite';
import type { AuthUser, UsersPort } from '../port';
import { appwrite } from './errors';
import { parse, userFromAppwrite, userLabelsSchema, userListSchema } from './models';
import { labelsWithOrgRole, labelsWithRole } from './roles';

export function createUsers(users: Users): UsersPort {
  /** Both roles are labels: read them, change the role's, write them all back. */
  async function relabel(userId: string, change: (labels: readonly string[]) => string[]) {
    const { labels } = parse(userLabelsSchema, await appwrite(() => users.get({ userId })), 'user');
    return toAuthUser(await appwrite(() => users.updateLabels({ userId, labels: change(labels) })));
  }

  return {
    async create({ userId, email, password, name }) {
      // Appwrite stores emails lowercased and refuses a taken one with 409 (`conflict`).
      const created = await appwrite(() =>
        users.create({ userId: userId ?? ID.unique(), email: email.toLowerCase(), password, name }),
      );
      return toAuthUser(created);
    },

    async get(userId) {
      return toAuthUser(await appwrite(() => users.get({ userId })));
    },

    async findByEmail(email) {
      const queries = [Query.equal('email', email.toLowerCase()), Query.limit(1)];
      const found = parse(userListSchema, await appwrite(() => users.list({ queries })), 'user list');
      return found.users[0] ?? null;
    },

    async list({ search, limit, offset } = {}) {
      const queries: string[] = [];
      if (limit !== undefined) queries.push(Query.limit(limit));
      if (offset !== undefined) queries.push(Query.offset(offset));
      return parse(userListSchema, await appwrite(() => users.list({ queries, search })), 'user list');
    },

    setRole: (userId, role) => relabel(userId, (labels) => labelsWithRole(labels, role)),

    setOrgRole: (userId, orgRole) => relabel(userId, (labels) => labelsWithOrgRole(labels, orgRole)),

    async updateName(userId, name) {
      return toAuthUser(await appwrite(() => users.updateName({ userId, name })));
    },

    async updatePassword(userId, password) {
      await appwrite(() => users.updatePassword({ userId, password }));
    },

    async delete(userId) {
      // Deleting an Appwrite user also deletes its sessions.
      await appwrite(() => users.delete({ userId }));
    },
  };
}

function toAuthUser(data: unknown): AuthUser {
  return parse(userFromAppwrite, data, 'user');
}
