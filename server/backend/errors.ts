/**
 * The only errors a backend adapter may throw. Services and procedures branch on
 * `kind`; raw SQLite or Appwrite exceptions never cross the port.
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

export class BackendError extends Error {
  override readonly name = 'BackendError';

  constructor(
    readonly kind: BackendErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isBackendError(error: unknown, kind?: BackendErrorKind): error is BackendError {
  return error instanceof BackendError && (kind === undefined || error.kind === kind);
}
