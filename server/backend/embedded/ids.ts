/** Appwrite's id rules, shared by rows, users and files (file ids also name files on disk). */
import { randomBytes } from 'node:crypto';
import { invalid } from './sql-errors';

const ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,35}$/;

/** What older node-appwrite versions' `ID.unique()` returned: ask the server for an id. */
const UNIQUE_PLACEHOLDER = 'unique()';

export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}

/** Time-ordered like Appwrite's ids (hex seconds + milliseconds) with 48 random bits. */
export function generateId(): string {
  const now = Date.now();
  const seconds = Math.floor(now / 1000).toString(16);
  const millis = (now % 1000).toString(16).padStart(5, '0');
  return seconds + millis + randomBytes(6).toString('hex');
}

/** The id to create a record with: the caller's (checked) or a fresh one. */
export function resolveNewId(requested: string | undefined, what: string): string {
  if (requested === undefined || requested === UNIQUE_PLACEHOLDER) return generateId();
  assertValidId(requested, what);
  return requested;
}

export function assertValidId(id: unknown, what: string): asserts id is string {
  if (!isValidId(id)) {
    throw invalid(
      `Invalid ${what} id: use at most 36 characters a-z, A-Z, 0-9, period, hyphen and underscore, not starting with a special character`,
    );
  }
}
