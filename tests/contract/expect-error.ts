/** Contract assertions on what a port call throws: the typed error, never a raw exception. */
import { expect } from 'vitest';
import { isBackendError, type BackendErrorKind } from '../../server/backend/errors';

/** What `promise` rejects with, or undefined when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

export async function expectKind(promise: Promise<unknown>, kind: BackendErrorKind): Promise<void> {
  const error = await failure(promise);
  expect(isBackendError(error, kind), `expected BackendError "${kind}", got: ${String(error)}`).toBe(true);
}
