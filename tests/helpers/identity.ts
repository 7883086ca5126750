/** Small helpers for identity tests: cookies out of response headers, and "did anything change?". */
import { ZodError } from 'zod';
import { Query } from 'node-appwrite';
import type { TestServices } from './services';
import { PROFILES } from '../../server/services/tables';

/** The session secret a response set, or null when it set none (or cleared it). */
export function sessionSetBy(headers: Headers): string | null {
  const cookie = headers.getSetCookie().findLast((line) => line.startsWith('aurora_session='));
  const value = cookie?.slice('aurora_session='.length).split(';', 1)[0];
  return value ? decodeURIComponent(value) : null;
}

/** Everything a refused identity call could have written: users, profiles, files, events. */
export async function writesSoFar(services: TestServices) {
  const { backend } = services;
  return {
    authUsers: (await backend.users.list()).total,
    profiles: (await backend.tables.list({ ...PROFILES, queries: [Query.limit(1)] })).total,
    files: (await backend.storage.list({ bucketId: 'user-uploads' })).total,
    // Every write to rows, users or files records an event in the same transaction.
    events: (await backend.outbox.pending()).waiting,
  };
}

/** 'ok', or the tRPC error code the call was refused with. */
export function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? 'error',
  );
}

/** The input field a refused call's first validation issue names ('' when it was not a validation error). */
export async function invalidField(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause: unknown = error instanceof Error ? error.cause : undefined;
    if (cause instanceof ZodError) return cause.issues[0]?.path.join('.') ?? '';
  }
  return '';
}
