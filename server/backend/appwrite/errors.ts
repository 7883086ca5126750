import { AppwriteException } from 'node-appwrite';
import { z } from 'zod';
import { BackendError, staleCursorError, type BackendErrorKind } from '../errors';

/**
 * Appwrite error types (app/config/errors.php, 1.9.6) whose meaning their HTTP status
 * does not carry. Anything not listed here is mapped by its status alone.
 */
const TYPE = {
  /** 400: a list whose cursorAfter/cursorBefore names no existing row. */
  cursorNotFound: 'general_cursor_not_found',
  /** 408: the query ran too long; nothing is wrong with the request itself. */
  databaseTimeout: 'database_timeout',
  /** 410: a transaction outlived its TTL before it was committed; nothing was written. */
  transactionExpired: 'transaction_expired',
  /** 401: the caller (for Aurora, the API key) lacks a scope the endpoint needs. */
  unauthorizedScope: 'general_unauthorized_scope',
  /** 403: the account is blocked (checked after the password, in createEmailPasswordSession). */
  userBlocked: 'user_blocked',
} as const;

/**
 * The single place where Appwrite's failures become port errors: every adapter method
 * runs its SDK calls through `appwrite()`, so no raw `AppwriteException` (or undici
 * network error) ever crosses the port. The error's `type` decides first, its status
 * only when the type says nothing more.
 */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (error instanceof AppwriteException) return fromAppwrite(error);
  return new BackendError('unavailable', `Appwrite cannot be reached: ${describeFailure(error)}`, {
    cause: error,
  });
}

function fromAppwrite(error: AppwriteException): BackendError {
  const message = error.message || `Appwrite answered with status ${error.code}`;
  const cause = { cause: error };
  switch (error.type) {
    // A list whose cursor row does not exist (Appwrite looks it up by id only, in
    // Documents/XList.php): the same typed refusal as a cursor outside the list's filters.
    case TYPE.cursorNotFound:
      return staleCursorError(undefined, error);
    // Trying again later may work; the caller's input was fine.
    case TYPE.databaseTimeout:
    case TYPE.transactionExpired:
      return new BackendError('unavailable', message, cause);
    // The server's setup is wrong, whoever is signing in: never "wrong password".
    case TYPE.unauthorizedScope:
      return new BackendError('unavailable', missingScopeMessage(message), {
        ...cause,
        reason: 'misconfigured',
      });
    case TYPE.userBlocked:
      return new BackendError('unauthorized', message, { ...cause, reason: 'account_blocked' });
    default:
      return new BackendError(kindForStatus(error.code), message, cause);
  }
}

function kindForStatus(status: number): BackendErrorKind {
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 408 || status === 429 || status >= 500) return 'unavailable';
  // Other 4xx, and 0: the SDK refusing to send a request that lacks a parameter.
  return 'invalid';
}

/**
 * Appwrite words the refusal as `<who> (role: <role>) missing scopes (["<scope>", ...])`
 * (app/controllers/shared/api.php). The scopes are pulled out so the log line says what
 * to add to the API key; an unexpected wording keeps Appwrite's message whole.
 */
function missingScopeMessage(appwriteMessage: string): string {
  const listed = /missing scopes \((\[.*\])\)/.exec(appwriteMessage)?.[1];
  const scopes = listed === undefined ? undefined : scopeListSchema.safeParse(parseJson(listed));
  const named = scopes?.success && scopes.data.length > 0 ? scopes.data.join(', ') : 'unknown';
  return `Appwrite refused the call for a missing scope (${named}): give Aurora's API key that scope. Appwrite said: ${appwriteMessage}`;
}

const scopeListSchema = z.array(z.string());

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function appwrite<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toBackendError(error);
  }
}

/** undici reports "fetch failed" and hides the useful part (ECONNREFUSED, ...) in `cause`. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
    return `${error.message} (${code})`;
  }
  return error.message;
}
