import { AppwriteException } from 'node-appwrite';
import { BackendError, staleCursorError, type BackendErrorKind } from '../errors';

/** Appwrite's 400 for a list whose cursorAfter/cursorBefore names no existing row. */
const CURSOR_NOT_FOUND = 'general_cursor_not_found';

/**
 * The single place where Appwrite's failures become port errors: every adapter method
 * runs its SDK calls through `appwrite()`, so no raw `AppwriteException` (or undici
 * network error) ever crosses the port.
 */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (error instanceof AppwriteException) {
    // A list whose cursor row does not exist (Appwrite looks it up by id only, in
    // Documents/XList.php): the same typed refusal as a cursor outside the list's filters.
    if (error.type === CURSOR_NOT_FOUND) return staleCursorError(undefined, error);
    const message = error.message || `Appwrite answered with status ${error.code}`;
    return new BackendError(kindForStatus(error.code), message, { cause: error });
  }
  return new BackendError('unavailable', `Appwrite cannot be reached: ${describeFailure(error)}`, {
    cause: error,
  });
}

function kindForStatus(status: number): BackendErrorKind {
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429 || status >= 500) return 'unavailable';
  // Other 4xx, and 0: the SDK refusing to send a request that lacks a parameter.
  return 'invalid';
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
