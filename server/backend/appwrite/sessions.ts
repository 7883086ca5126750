import { Account, type Client, type Users } from 'node-appwrite';
import { BackendError, isBackendError } from '../errors';
import type { SessionsPort } from '../port';
import { withSessionAccount, type AppwriteConfig } from './clients';
import { appwrite } from './errors';
import { parse, sessionSchema, userFromAppwrite } from './models';

/**
 * Sessions follow Appwrite's server-side-rendering guide: the admin client creates the
 * session (only a request carrying the API key gets its `secret` back), and each use of
 * a secret goes through a fresh client that holds nothing but that secret.
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
          );
        }
        return { secret: session.secret, userId: session.userId, expiresAt: session.expire };
      } catch (error) {
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
            appwrite(() => account.get()),
            appwrite(() => account.getSession({ sessionId: 'current' })),
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
      try {
        await withSessionAccount(config, secret, (account) =>
          appwrite(() => account.deleteSession({ sessionId: 'current' })),
        );
      } catch (error) {
        // Logging out of a session that already ended is not an error.
        if (!isGone(error)) throw error;
      }
    },

    async deleteAllForUser(userId) {
      await appwrite(() => users.deleteSessions({ userId }));
    },
  };
}

/** An unknown, expired or deleted session: Appwrite answers the guest's 401 (or 404). */
function isGone(error: unknown): boolean {
  return isBackendError(error, 'unauthorized') || isBackendError(error, 'not_found');
}
