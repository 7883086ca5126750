/**
 * SessionsPort on SQLite. The cookie carries a 256-bit random secret; only its SHA-256
 * is stored, so a leaked database file does not hand out sessions. Sessions last 30
 * days and slide: resolving one more than a day after its last extension renews it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { BackendError } from '../errors';
import type { SessionsPort } from '../port';
import { dummyHash, verifyPassword } from './passwords';
import { isRecord } from './records';
import { guard } from './sql-errors';
import type { Store } from './store';
import { normalizeEmail, toAuthUser } from './users';

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** Extending at most daily keeps resolve() a read on nearly every request. */
export const SESSION_EXTEND_AFTER_MS = 24 * 60 * 60 * 1000;
const MAX_SECRET_LENGTH = 512;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function wrongCredentials(): BackendError {
  return new BackendError('unauthorized', 'Wrong email or password');
}

export function createSessionsPort(store: Store): SessionsPort {
  return {
    create: (input) =>
      guard(async () => {
        const email = normalizeEmail(input.email);
        const password = typeof input.password === 'string' ? input.password : '';
        const raw: unknown = email
          ? store.statement('SELECT "id", "password_hash" FROM "_auth_users" WHERE "email" = ?').get(email)
          : undefined;
        const user =
          isRecord(raw) && typeof raw.id === 'string' && typeof raw.password_hash === 'string' ? raw : null;
        // Unknown emails cost a scrypt too, so response time does not reveal which emails exist.
        const matches = await verifyPassword(password, user ? String(user.password_hash) : await dummyHash());
        if (!user || !matches) throw wrongCredentials();
        const userId = String(user.id);

        const secret = randomBytes(32).toString('base64url');
        const now = store.now();
        const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
        store.write(() => {
          if (!store.statement('SELECT 1 FROM "_auth_users" WHERE "id" = ?').get(userId))
            throw wrongCredentials();
          store
            .statement('DELETE FROM "_auth_sessions" WHERE "user_id" = ? AND "expires_at" <= ?')
            .run(userId, now.toISOString());
          store
            .statement(
              'INSERT INTO "_auth_sessions" ("secret_hash", "user_id", "created_at", "expires_at", "extended_at") VALUES (?, ?, ?, ?, ?)',
            )
            .run(hashSecret(secret), userId, now.toISOString(), expiresAt, now.toISOString());
        });
        return { secret, userId, expiresAt };
      }),

    resolve: (secret) =>
      guard(() => {
        if (typeof secret !== 'string' || secret.length === 0 || secret.length > MAX_SECRET_LENGTH)
          return null;
        const hash = hashSecret(secret);
        const raw: unknown = store
          .statement(
            `SELECT u."id", u."email", u."name", u."role", u."org_role", u."created_at", s."expires_at", s."extended_at"
             FROM "_auth_sessions" s JOIN "_auth_users" u ON u."id" = s."user_id" WHERE s."secret_hash" = ?`,
          )
          .get(hash);
        const user = toAuthUser(raw);
        if (!user || !isRecord(raw)) return null;
        const now = store.now();
        const expiresAt = String(raw.expires_at);
        const extendedAt = String(raw.extended_at);
        if (Date.parse(expiresAt) <= now.getTime()) {
          store.write(() =>
            store.statement('DELETE FROM "_auth_sessions" WHERE "secret_hash" = ?').run(hash),
          );
          return null;
        }
        if (now.getTime() - Date.parse(extendedAt) <= SESSION_EXTEND_AFTER_MS) return { user, expiresAt };
        const extended = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
        store.write(() =>
          store
            .statement(
              'UPDATE "_auth_sessions" SET "expires_at" = ?, "extended_at" = ? WHERE "secret_hash" = ?',
            )
            .run(extended, now.toISOString(), hash),
        );
        return { user, expiresAt: extended };
      }),

    delete: (secret) =>
      guard(() => {
        if (typeof secret !== 'string') return;
        store.write(() =>
          store.statement('DELETE FROM "_auth_sessions" WHERE "secret_hash" = ?').run(hashSecret(secret)),
        );
      }),

    deleteAllForUser: (userId) =>
      guard(() => {
        store.write(() => store.statement('DELETE FROM "_auth_sessions" WHERE "user_id" = ?').run(userId));
      }),
  };
}
