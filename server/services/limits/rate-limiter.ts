/**
 * The rate limiter every area shares (docs/decisions/0027): fixed-window attempt
 * counters. Identity's limits are policies on it (failed sign-ins per IP, per email and
 * per known device; registrations per IP), and so is any limit a later area needs. A
 * *policy* says what is counted (its scope), how many attempts a window allows and how
 * long a window lasts; this module keeps the counts.
 *
 * A new area adds its scope to the `scope` enum of `sign_in_attempts` in appwrite.json
 * and to `LimitScope` below, then writes its policy beside its service.
 *
 * Counters live in `sign_in_attempts`, one row per scope and key, so every server of an
 * Appwrite deployment sees the same count. A slot is *taken* before the expensive or
 * guessable work (a password check, an scrypt hash): an atomic increment that the
 * backend refuses past the limit, so concurrent attempts cannot slip past together.
 * Row ids are an HMAC of scope and key: fixed length for Appwrite, and the table holds
 * no readable email, IP or device id.
 */
import { createHmac } from 'node:crypto';
import { Query } from 'node-appwrite';
import { z } from 'zod';
import { isBackendError } from '../../backend/errors';
import type { Backend } from '../../backend/port';
import { ServiceError } from '../errors';
import { deleteRowIfPresent, getRowOrNull } from '../rows';
import { ATTEMPT_COUNTERS } from '../tables';

/** The `scope` column's enum in appwrite.json. */
export type LimitScope = 'ip' | 'email' | 'device' | 'registration';

export interface LimitPolicy {
  scope: LimitScope;
  /** Attempts one window allows (counted in the `failures` column, whatever the attempts are). */
  limit: number;
  windowMs: number;
  /** The refusal's first sentence; when to try again is added to it. */
  refusal: string;
}

/** Expired counters removed per prune, so the table stays small without a scheduler. */
const PRUNE_BATCH = 20;

/** Short, readable prefixes so an operator looking at the table can tell the rows apart. */
const ROW_PREFIX: Record<LimitScope, string> = { ip: 'ip', email: 'em', device: 'dv', registration: 'rg' };

/** A fixed-length row id (Appwrite allows 36 characters) derived from scope and key. */
export function counterRowId(secret: string, scope: LimitScope, key: string): string {
  const digest = createHmac('sha256', secret).update(`${scope}\n${key}`).digest('hex');
  return `${ROW_PREFIX[scope]}-${digest.slice(0, 32)}`;
}

const counterSchema = z.object({
  failures: z
    .number()
    .nullish()
    .transform((value) => value ?? 0),
  windowStart: z.string().transform((value) => Date.parse(value)),
});
type Counter = z.output<typeof counterSchema>;

export type Slot = { taken: true } | { taken: false; retryAtMs: number };

function waitInWords(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** The refusal for a full window: says when to try again, in words and as `Retry-After`. */
export function limitReached(policy: LimitPolicy, retryAtMs: number, nowMs: number): ServiceError {
  const waitMs = Math.max(0, retryAtMs - nowMs);
  return new ServiceError('too_many_requests', `${policy.refusal} Try again in ${waitInWords(waitMs)}.`, {
    retryAfterSeconds: waitMs / 1000,
  });
}

export interface RateLimiterOptions {
  backend: Backend;
  /** Keys the row ids (SESSION_SECRET). */
  secret: string;
  now: () => Date;
}

export function createRateLimiter({ backend, secret, now }: RateLimiterOptions) {
  const ref = (policy: LimitPolicy, key: string) => ({
    ...ATTEMPT_COUNTERS,
    rowId: counterRowId(secret, policy.scope, key),
  });

  async function read(policy: LimitPolicy, key: string): Promise<Counter | null> {
    const row = await getRowOrNull(backend, ATTEMPT_COUNTERS, counterRowId(secret, policy.scope, key));
    return row ? counterSchema.parse(row) : null;
  }

  /** Makes sure a counter row exists and its window is current. */
  async function openWindow(policy: LimitPolicy, key: string, counter: Counter | null): Promise<void> {
    const at = now();
    if (!counter) {
      try {
        await backend.tables.create({
          ...ref(policy, key),
          data: { scope: policy.scope, failures: 0, windowStart: at.toISOString() },
        });
      } catch (error) {
        // Another attempt created it at the same moment; counting on it is what we want.
        if (!isBackendError(error, 'conflict')) throw error;
      }
      return;
    }
    if (counter.windowStart + policy.windowMs > at.getTime()) return;
    // Restart the expired window — only if nobody restarted it since we looked.
    await backend.tables.updateIf({
      ...ref(policy, key),
      where: [Query.lessThanEqual('windowStart', new Date(at.getTime() - policy.windowMs).toISOString())],
      data: { failures: 0, windowStart: at.toISOString() },
    });
  }

  /** Takes one slot, or says when the full window ends. */
  async function take(policy: LimitPolicy, key: string): Promise<Slot> {
    // Two rounds: an expired row may be pruned by another attempt between read and write.
    for (let round = 0; ; round++) {
      const counter = await read(policy, key);
      const nowMs = now().getTime();
      const windowEnd = counter ? counter.windowStart + policy.windowMs : 0;
      if (counter && windowEnd > nowMs && counter.failures >= policy.limit)
        return { taken: false, retryAtMs: windowEnd };
      try {
        await openWindow(policy, key, counter);
      } catch (error) {
        if (isBackendError(error, 'not_found') && round === 0) continue;
        throw error;
      }
      try {
        await backend.tables.increment({ ...ref(policy, key), column: 'failures', by: 1, max: policy.limit });
        return { taken: true };
      } catch (error) {
        if (isBackendError(error, 'not_found') && round === 0) continue;
        if (!isBackendError(error, 'invalid')) throw error;
        // A concurrent attempt took the last slot between our read and our increment.
        const latest = await read(policy, key);
        return { taken: false, retryAtMs: (latest?.windowStart ?? nowMs) + policy.windowMs };
      }
    }
  }

  return {
    take,

    /** Takes one slot, or throws `too_many_requests` naming when the window ends. */
    async takeOrRefuse(policy: LimitPolicy, key: string): Promise<void> {
      const slot = await take(policy, key);
      if (!slot.taken) throw limitReached(policy, slot.retryAtMs, now().getTime());
    },

    /** Gives a taken slot back (the attempt turned out not to count). */
    async giveBack(policy: LimitPolicy, key: string): Promise<void> {
      try {
        await backend.tables.increment({ ...ref(policy, key), column: 'failures', by: -1, min: 0 });
      } catch (error) {
        // The window was restarted (count 0) or the row pruned meanwhile: nothing to give back.
        if (!isBackendError(error, 'invalid') && !isBackendError(error, 'not_found')) throw error;
      }
    },

    /** Drops the counter altogether (a success that proves the attempts were the owner's). */
    async forget(policy: LimitPolicy, key: string): Promise<void> {
      await deleteRowIfPresent(backend, ATTEMPT_COUNTERS, ref(policy, key).rowId);
    },

    /** Removes a few counters of these policies whose window is over. */
    async pruneExpired(policies: readonly LimitPolicy[]): Promise<void> {
      const nowMs = now().getTime();
      const expired = policies.map((policy) =>
        Query.and([
          Query.equal('scope', policy.scope),
          Query.lessThanEqual('windowStart', new Date(nowMs - policy.windowMs).toISOString()),
        ]),
      );
      const filter = expired.length === 1 ? expired : [Query.or(expired)];
      const { rows } = await backend.tables.list({
        ...ATTEMPT_COUNTERS,
        queries: [...filter, Query.limit(PRUNE_BATCH)],
      });
      for (const row of rows) await deleteRowIfPresent(backend, ATTEMPT_COUNTERS, row.$id);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
