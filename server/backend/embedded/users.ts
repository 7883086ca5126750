/** UsersPort on SQLite: auth users in an adapter-internal table, the base and organization roles in columns. */
import { ROLES } from '../../../shared/fields/limits';
import { isOrgRole, ORG_ROLES } from '../../../shared/permissions';
import { userEventName } from '../events';
import type { AuthUser, Role, UsersPort } from '../port';
import { characterCount, isEmail } from './formats';
import { resolveNewId } from './ids';
import { appendEvent } from './outbox';
import { checkPassword, hashPassword } from './passwords';
import { listInternal } from './internal-list';
import { isRecord } from './records';
import { conflict, guard, invalid, notFound } from './sql-errors';
import type { Store } from './store';

const MAX_NAME_LENGTH = 128;
const USER_COLUMNS = '"id", "email", "name", "role", "org_role", "created_at"';

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Emails are stored trimmed and lower-cased, which makes them unique case-insensitively. */
export function normalizeEmail(email: unknown): string | null {
  if (typeof email !== 'string') return null;
  const normalized = email.trim().toLowerCase();
  return isEmail(normalized) ? normalized : null;
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || characterCount(name) > MAX_NAME_LENGTH) {
    throw invalid(`Names must be text of at most ${MAX_NAME_LENGTH} characters`);
  }
  return name.trim();
}

export function toAuthUser(raw: unknown): AuthUser | null {
  if (!isRecord(raw)) return null;
  const { id, email, name, role, org_role: orgRole, created_at: createdAt } = raw;
  if (typeof id !== 'string' || typeof email !== 'string' || typeof name !== 'string') return null;
  if (typeof createdAt !== 'string') return null;
  return {
    id,
    email,
    name,
    role: isRole(role) ? role : 'regular',
    orgRole: isOrgRole(orgRole) ? orgRole : null,
    createdAt,
  };
}

export function createUsersPort(store: Store): UsersPort {
  function find(userId: string): AuthUser | null {
    return toAuthUser(
      store.statement(`SELECT ${USER_COLUMNS} FROM "_auth_users" WHERE "id" = ?`).get(userId),
    );
  }

  function mustFind(userId: unknown): AuthUser {
    const user = typeof userId === 'string' ? find(userId) : null;
    if (!user) throw notFound(`User "${String(userId)}" not found`);
    return user;
  }

  /** Applies an update to an existing user and records `users.<id>.update.<what>`, Appwrite's name. */
  function change(userId: string, what: string, sql: string, params: (string | null)[]): AuthUser {
    return store.write(() => {
      mustFind(userId);
      store
        .statement(`UPDATE "_auth_users" SET ${sql}, "updated_at" = ? WHERE "id" = ?`)
        .run(...params, store.now().toISOString(), userId);
      const user = mustFind(userId);
      appendEvent(store, `${userEventName(userId, 'update')}.${what}`, user);
      return user;
    });
  }

  return {
    create: (input) =>
      guard(async () => {
        const userId = resolveNewId(input.userId, 'user');
        const email = normalizeEmail(input.email);
        if (!email) throw invalid('Invalid email address');
        const name = checkName(input.name);
        const passwordHash = await hashPassword(checkPassword(input.password));
        return store.write(() => {
          if (find(userId)) throw conflict(`A user with id "${userId}" already exists`);
          if (store.statement('SELECT 1 FROM "_auth_users" WHERE "email" = ?').get(email)) {
            throw conflict('A user with this email already exists');
          }
          const now = store.now().toISOString();
          store
            .statement(
              'INSERT INTO "_auth_users" ("id", "email", "name", "name_key", "role", "password_hash", "created_at", "updated_at") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            )
            .run(userId, email, name, name.toLowerCase(), 'regular', passwordHash, now, now);
          const user = mustFind(userId);
          appendEvent(store, userEventName(userId, 'create'), user);
          return user;
        });
      }),

    get: (userId) => guard(() => store.read(() => mustFind(userId))),

    findByEmail: (email) =>
      guard(() => {
        const normalized = normalizeEmail(email);
        if (!normalized) return null;
        return toAuthUser(
          store.statement(`SELECT ${USER_COLUMNS} FROM "_auth_users" WHERE "email" = ?`).get(normalized),
        );
      }),

    list: (input = {}) =>
      guard(() => {
        const table = { table: '"_auth_users"', columns: USER_COLUMNS, searched: ['"name_key"', '"email"'] };
        const { items, ...total } = listInternal(store, { ...table, ...input }, toAuthUser);
        return { ...total, users: items };
      }),

    setRole: (userId, role) =>
      guard(() => {
        if (!isRole(role)) throw invalid(`Role must be one of: ${ROLES.join(', ')}`);
        return change(userId, 'labels', '"role" = ?', [role]);
      }),

    // Appwrite keeps both roles as labels, so both changes are its labels update.
    setOrgRole: (userId, orgRole) =>
      guard(() => {
        if (orgRole !== null && !isOrgRole(orgRole)) {
          throw invalid(`Organization role must be one of: ${ORG_ROLES.join(', ')}, or none`);
        }
        return change(userId, 'labels', '"org_role" = ?', [orgRole]);
      }),

    updateName: (userId, name) =>
      guard(() => {
        const checked = checkName(name);
        return change(userId, 'name', '"name" = ?, "name_key" = ?', [checked, checked.toLowerCase()]);
      }),

    updatePassword: (userId, password) =>
      guard(async () => {
        const passwordHash = await hashPassword(checkPassword(password));
        change(userId, 'password', '"password_hash" = ?', [passwordHash]);
      }),

    delete: (userId) =>
      guard(() => {
        store.write(() => {
          const user = mustFind(userId);
          // Sessions also go by ON DELETE CASCADE; deleting them explicitly does not depend on the pragma.
          store.statement('DELETE FROM "_auth_sessions" WHERE "user_id" = ?').run(user.id);
          store.statement('DELETE FROM "_auth_users" WHERE "id" = ?').run(user.id);
          appendEvent(store, userEventName(user.id, 'delete'), user);
        });
      }),
  };
}
