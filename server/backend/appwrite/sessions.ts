import { Account, AppwriteException, type Client, type Users } from 'node-appwrite';
import { z } from 'zod';
import { BackendError, isBackendError } from '../errors';
import type { SessionsPort } from '../port';
import { withSessionAccount, type AppwriteConfig } from './clients';
import { appwrite, toBackendError } from './errors';
import { parse, sessionSchema, userFromAppwrite } from './models';

/**
 * Sessions follow Appwrite's server-side-rendering guide: the admin client creates the
 * session (only a request carrying the API key gets its `secret` back), and each use of
 * a secret goes through a fresh client that holds nothing but that secret.
 *
 * Every call that can be made with the API key is: Appwrite applies its abuse limits
 * only to keyless calls, keyed by route and client IP (app/controllers/shared/api.php),
 * and every keyless call Aurora makes comes from its one server IP. Ending a session
 * through the session itself (`DELETE /account/sessions/:id`, 100 an hour) would cap
 * logouts for the whole site; so the session is only *looked at* as itself (the reads
 * `GET /account` and `GET /account/sessions/current` carry no abuse limit) and ended
 * with `users.deleteSession`.
 */
export function createSessions(config: AppwriteConfig, admin: Client, users: Users): SessionsPort {
  const adminAccount = new Account(admin);

  return {
    async create({ email, password }) {
      try {
        const session = parse(
          sessionSchema,
          // Emails are stored lowercased (see users.create).
          await appwrite(() =>
            adminAccount.createEmailPasswordSession({ email: email.toLowerCase(), password }),
          ),
          'session',
        );
        if (!session.secret) {
          throw new BackendError(
            'unavailable',
            'Appwrite returned a session without its secret: the API key needs the sessions.write scope',
            { reason: 'misconfigured' },
          );
        }
        return { secret: session.secret, userId: session.userId, expiresAt: session.expire };
      } catch (error) {
        // A blocked account is not a wrong password: sign-in says which it is.
        if (isBackendError(error, 'unauthorized') && error.reason === 'account_blocked') throw error;
        // Appwrite answers 400 for a malformed email or a too-short password; to a
        // person logging in those are wrong credentials like any other.
        if (isBackendError(error, 'invalid') || isBackendError(error, 'unauthorized')) {
          throw new BackendError('unauthorized', 'wrong email or password', { cause: error });
        }
        throw error;
      }
    },

    async resolve(secret) {
      if (!secret) return null;
      try {
        return await withSessionAccount(config, secret, async (account) => {
          // Both in parallel (this runs on every request), and both settled before the
          // client is released, so no request outlives it.
          const [user, session] = await Promise.allSettled([
            asSession(() => account.get()),
            asSession(() => account.getSession({ sessionId: 'current' })),
          ]);
          if (user.status === 'rejected') throw user.reason;
          if (session.status === 'rejected') throw session.reason;
          return {
            user: parse(userFromAppwrite, user.value, 'user'),
            expiresAt: parse(sessionSchema.pick({ expire: true }), session.value, 'session').expire,
          };
        });
      } catch (error) {
        if (isGone(error)) return null;
        throw error;
      }
    },

    async delete(secret) {
      if (!secret) return;
      const session = await currentSession(config, secret);
      // Logging out of a session that already ended is not an error.
      if (!session) return;
      try {
        await appwrite(() => users.deleteSession({ userId: session.userId, sessionId: session.$id }));
      } catch (error) {
        // Ended by someone else between the two calls.
        if (!isBackendError(error, 'not_found')) throw error;
      }
    },

    async deleteAllForUser(userId) {
      await appwrite(() => users.deleteSessions({ userId }));
    },
  };
}

const sessionIdentitySchema = sessionSchema.pick({ userId: true }).extend({ $id: z.string() });

/** The session a secret stands for (its id and user), or null when it is gone. */
async function currentSession(
  config: AppwriteConfig,
  secret: string,
): Promise<z.infer<typeof sessionIdentitySchema> | null> {
  try {
    const session = await withSessionAccount(config, secret, (account) =>
      asSession(() => account.getSession({ sessionId: 'current' })),
    );
    return parse(sessionIdentitySchema, session, 'session');
  } catch (error) {
    if (isGone(error)) return null;
    throw error;
  }
}

/**
 * A call made as the session, without the API key. Here every 401 means the secret no
 * longer stands for a signed-in user: Appwrite treats an unknown or expired secret as a
 * guest, and a guest lacks the `account` scope (401 `general_unauthorized_scope`, which
 * from the admin client would instead mean a misconfigured API key).
 */
async function asSession<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppwriteException && error.code === 401) {
      throw new BackendError('unauthorized', 'the session is unknown, expired or deleted', { cause: error });
    }
    throw toBackendError(error);
  }
}

/**
 * An unknown, expired or deleted session: the guest's 401, a 404, or the 403 of a user
 * who was blocked (a blocked user is signed out).
 */
function isGone(error: unknown): boolean {
  return isBackendError(error, 'unauthorized') || isBackendError(error, 'not_found');
}
