/**
 * The only errors a backend adapter may throw. Services and procedures branch on
 * `kind` (and, where one kind covers cases callers must tell apart, on `reason`);
 * raw SQLite or Appwrite exceptions never cross the port.
 */
export type BackendErrorKind =
  /** The row, file, user or session does not exist. */
  | 'not_found'
  /** A unique constraint or an existing id was hit. */
  | 'conflict'
  /** The request breaks the schema or the query language (unknown column, wrong type, ...). */
  | 'invalid'
  /** Credentials were wrong or a session is no longer valid. */
  | 'unauthorized'
  /** The backend cannot be reached or failed in a way the caller cannot fix. */
  | 'unavailable';

/**
 * Why an error of a kind happened, when callers need to know more than the kind.
 * Callers recognise each by its reason, never by the message.
 *
 * - `stale_cursor` (kind `invalid`): a list's cursorAfter/cursorBefore names no row that
 *   matches the list's own filters — the row is gone, changed, or was never in the list.
 * - `account_blocked` (kind `unauthorized`): the password was right but the account is
 *   blocked (Appwrite's 403 `user_blocked`); not a wrong password.
 * - `misconfigured` (kind `unavailable`): the server's own setup is wrong (an Appwrite
 *   API key that lacks a scope); the message names what is missing, for the logs.
 */
export type BackendErrorReason = 'stale_cursor' | 'account_blocked' | 'misconfigured';

export class BackendError extends Error {
  override readonly name = 'BackendError';
  readonly reason: BackendErrorReason | undefined;

  constructor(
    readonly kind: BackendErrorKind,
    message: string,
    options?: { cause?: unknown; reason?: BackendErrorReason },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.reason = options?.reason;
  }
}

export function isBackendError(error: unknown, kind?: BackendErrorKind): error is BackendError {
  return error instanceof BackendError && (kind === undefined || error.kind === kind);
}

/**
 * The one error both adapters give for a cursor outside its list. The message names the
 * cursor only (it is the caller's own input), never a database, table or column.
 */
export function staleCursorError(cursorId: string | undefined, cause?: unknown): BackendError {
  const cursor = cursorId === undefined ? "The list's cursor" : `Cursor "${cursorId}"`;
  return new BackendError(
    'invalid',
    `${cursor} is not a row of this list: it is gone, or outside the list's filters`,
    { cause, reason: 'stale_cursor' },
  );
}

export function isStaleCursorError(
  error: unknown,
): error is BackendError & { readonly kind: 'invalid'; readonly reason: 'stale_cursor' } {
  return isBackendError(error, 'invalid') && error.reason === 'stale_cursor';
}
