/**
 * The one place where driver, file-system and programming errors become the port's
 * typed errors, so no raw SQLite error ever crosses the port.
 */
import Database from 'better-sqlite3';
import { BackendError } from '../errors';

export function invalid(message: string): BackendError {
  return new BackendError('invalid', message);
}

export function notFound(message: string): BackendError {
  return new BackendError('not_found', message);
}

export function conflict(message: string): BackendError {
  return new BackendError('conflict', message);
}

/** `UNIQUE constraint failed: t.userId, t.courseId` → `userId, courseId`. */
function uniqueColumns(message: string): string {
  const list = message.split('failed:')[1] ?? '';
  return list
    .split(',')
    .map((qualified) => qualified.trim().split('.').pop() ?? '')
    .filter((column) => column.length > 0)
    .join(', ');
}

export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (error instanceof Database.SqliteError) {
    const code = error.code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return new BackendError(
        'conflict',
        `Another record already has the same ${uniqueColumns(error.message)}`,
        {
          cause: error,
        },
      );
    }
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return new BackendError('unavailable', 'The embedded database is busy', { cause: error });
    }
    // Other constraints (NOT NULL, CHECK, foreign keys) guard adapter-internal invariants the
    // adapter validates first; hitting one is a fault the caller cannot fix.
    return new BackendError('unavailable', `The embedded database failed (${code})`, { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new BackendError('unavailable', `The embedded backend failed: ${detail}`, { cause: error });
}

/** Runs an operation so that whatever it throws arrives as a BackendError. */
export async function guard<T>(operation: () => T | Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toBackendError(error);
  }
}
