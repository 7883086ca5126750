import type { JobHandler } from './runner';

/**
 * Every background handler, in one list: the embedded runner subscribes them to the
 * outbox, and each Appwrite Function in functions/ wraps one of them. Handlers must be
 * idempotent (delivery is at least once).
 */
export const jobHandlers: readonly JobHandler[] = [];
