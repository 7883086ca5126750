/**
 * Failed sign-ins are limited per client IP and per email: 10 in a fixed 15-minute
 * window, then refused until the window ends. Counters live in `sign_in_attempts`, one
 * row per scope and key, so every server of an Appwrite deployment sees the same count.
 *
 * An attempt *reserves* a slot before the password is checked: an atomic increment
 * that the backend refuses past the limit. Concurrent guesses therefore cannot slip
 * past the check together. A successful sign-in gives the IP's slot back and clears
 * the email's counter.
 */
import { createHmac } from 'node:crypto';
import { Query } from 'node-appwrite';
import { z } from 'zod';
import { isBackendError } from '../../backend/errors';
import type { Backend } from '../../backend/port';
import { ServiceError } from '../errors';

export const SIGN_IN_ATTEMPTS = { databaseId: 'aurora_main', tableId: 'sign_in_attempts' } as const;
export const MAX_FAILED_SIGN_INS = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Expired counters removed per successful sign-in, so the table stays small without a scheduler. */
const PRUNE_BATCH = 20;

export type LimitScope = 'ip' | 'email';

export interface SignInLimiterOptions {
  backend: Backend;
  /** Keys the row ids, so the table never holds emails or IPs in a readable form. */
  secret: string;
  now: () => Date;
}

const counterSchema = z.object({
  failures: z
    .number()
    .nullish()
    .transform((value) => value ?? 0),
  windowStart: z.string().transform((value) => Date.parse(value)),
});
type Counter = z.output<typeof counterSchema>;

/** A fixed-length row id (Appwrite allows 36 characters) derived from scope and key. */
export function attemptRowId(secret: string, scope: LimitScope, key: string): string {
  const digest = createHmac('sha256', secret).update(`${scope}\n${key}`).digest('hex');
  return `${scope === 'ip' ? 'ip' : 'em'}-${digest.slice(0, 32)}`;
}

function tooMany(retryAtMs: number, nowMs: number): ServiceError {
  const minutes = Math.max(1, Math.ceil((retryAtMs - nowMs) / 60_000));
  return new ServiceError(
    'too_many_requests',
    `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
  );
}

export interface SignInAttempt {
  /** The password was right: release the IP's slot and forget the email's failures. */
  succeeded(): Promise<void>;
  /** The check itself failed (backend down): neither slot was a wrong guess. */
  abandoned(): Promise<void>;
}

export function createSignInLimiter({ backend, secret, now }: SignInLimiterOptions) {
  const ref = (rowId: string) => ({ ...SIGN_IN_ATTEMPTS, rowId });

  async function read(rowId: string) {
    try {
      return counterSchema.parse(await backend.tables.get(ref(rowId)));
    } catch (error) {
      if (isBackendError(error, 'not_found')) return null;
      throw error;
    }
  }

  /** Makes sure a counter row exists and its window is current. */
  async function openWindow(rowId: string, scope: LimitScope, counter: Counter | null): Promise<void> {
    const at = now();
    if (!counter) {
      try {
        await backend.tables.create({
          ...ref(rowId),
          data: { scope, failures: 0, windowStart: at.toISOString() },
        });
      } catch (error) {
        // Another attempt created it at the same moment; counting on it is what we want.
        if (!isBackendError(error, 'conflict')) throw error;
      }
      return;
    }
    if (counter.windowStart + SIGN_IN_WINDOW_MS > at.getTime()) return;
    // Restart the expired window — only if nobody restarted it since we looked.
    await backend.tables.updateIf({
      ...ref(rowId),
      where: [Query.lessThanEqual('windowStart', new Date(at.getTime() - SIGN_IN_WINDOW_MS).toISOString())],
      data: { failures: 0, windowStart: at.toISOString() },
    });
  }

  /** Takes one slot, or throws `too_many_requests` naming when the window ends. */
  async function reserve(rowId: string, scope: LimitScope): Promise<void> {
    // Two rounds: an expired row may be pruned by another sign-in between read and write.
    for (let round = 0; ; round++) {
      const counter = await read(rowId);
      const nowMs = now().getTime();
      const windowEnd = counter ? counter.windowStart + SIGN_IN_WINDOW_MS : 0;
      if (counter && windowEnd > nowMs && counter.failures >= MAX_FAILED_SIGN_INS)
        throw tooMany(windowEnd, nowMs);
      try {
        await openWindow(rowId, scope, counter);
      } catch (error) {
        if (isBackendError(error, 'not_found') && round === 0) continue;
        throw error;
      }
      try {
        await backend.tables.increment({
          ...ref(rowId),
          column: 'failures',
          by: 1,
          max: MAX_FAILED_SIGN_INS,
        });
        return;
      } catch (error) {
        if (isBackendError(error, 'not_found') && round === 0) continue;
        if (!isBackendError(error, 'invalid')) throw error;
        // A concurrent attempt took the last slot between our read and our increment.
        const latest = await read(rowId);
        throw tooMany((latest?.windowStart ?? nowMs) + SIGN_IN_WINDOW_MS, nowMs);
      }
    }
  }

  async function release(rowId: string): Promise<void> {
    try {
      await backend.tables.increment({ ...ref(rowId), column: 'failures', by: -1, min: 0 });
    } catch (error) {
      // The window was restarted (count 0) or the row pruned meanwhile: nothing to give back.
      if (!isBackendError(error, 'invalid') && !isBackendError(error, 'not_found')) throw error;
    }
  }

  async function forget(rowId: string): Promise<void> {
    await backend.tables.delete(ref(rowId)).catch((error: unknown) => {
      if (!isBackendError(error, 'not_found')) throw error;
    });
  }

  async function pruneExpired(): Promise<void> {
    const cutoff = new Date(now().getTime() - SIGN_IN_WINDOW_MS).toISOString();
    const { rows } = await backend.tables.list({
      ...SIGN_IN_ATTEMPTS,
      queries: [Query.lessThanEqual('windowStart', cutoff), Query.limit(PRUNE_BATCH)],
    });
    for (const row of rows) await forget(row.$id);
  }

  return {
    /** Counts an attempt for the IP and the email before the password is checked. */
    async begin(input: { ip: string; email: string }): Promise<SignInAttempt> {
      const ipRow = attemptRowId(secret, 'ip', input.ip);
      const emailRow = attemptRowId(secret, 'email', input.email);
      await reserve(ipRow, 'ip');
      try {
        await reserve(emailRow, 'email');
      } catch (error) {
        // Refused for the email: the password is never checked, so this is no failure of the IP's either.
        await release(ipRow);
        throw error;
      }
      return {
        async succeeded() {
          await release(ipRow);
          await forget(emailRow);
          await pruneExpired();
        },
        async abandoned() {
          await release(ipRow);
          await release(emailRow);
        },
      };
    },

    /** Forgets an email's failures (its account was deleted). */
    forgetEmail: (email: string) => forget(attemptRowId(secret, 'email', email)),
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
