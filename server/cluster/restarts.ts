/**
 * When a worker that died is started again. A worker that ran a while before it died is
 * replaced almost at once; one that keeps dying soon after it starts waits twice as long
 * each time, and after `maxQuickExits` such deaths in a row the cluster gives up (the
 * primary stops, so the service manager sees a failing server instead of a quiet loop).
 */
import { doublingDelay } from '../services/backoff';

export interface RestartPolicy {
  /** The wait before the first restart after a quick death. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A worker that lived this long died of something else than its start: its count starts over. */
  stableAfterMs: number;
  maxQuickExits: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 250,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  maxQuickExits: 8,
};

export type RestartDecision = { restartInMs: number } | { giveUp: true; quickExits: number };

/** Tracks each worker slot's deaths in a row; `exited` says what to do about one. */
export function createRestartTracker(policy: RestartPolicy = DEFAULT_RESTART_POLICY) {
  const quickExits = new Map<number, number>();
  return {
    exited(slot: number, livedMs: number): RestartDecision {
      const streak = (livedMs >= policy.stableAfterMs ? 0 : (quickExits.get(slot) ?? 0)) + 1;
      quickExits.set(slot, streak);
      if (streak > policy.maxQuickExits) return { giveUp: true, quickExits: streak };
      return {
        restartInMs: doublingDelay(streak, { firstMs: policy.firstDelayMs, maxMs: policy.maxDelayMs }),
      };
    },
  };
}
