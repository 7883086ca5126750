import { describe, expect, it } from 'vitest';
import { createRestartTracker, DEFAULT_RESTART_POLICY } from './restarts';

const policy = { firstDelayMs: 100, maxDelayMs: 1000, stableAfterMs: 5000, maxQuickExits: 4 };

describe('restarting a worker that died', () => {
  it('waits twice as long after each quick death, up to the cap, then gives up', () => {
    const tracker = createRestartTracker(policy);
    expect([1, 2, 3, 4].map(() => tracker.exited(1, 10))).toEqual([
      { restartInMs: 100 },
      { restartInMs: 200 },
      { restartInMs: 400 },
      { restartInMs: 800 },
    ]);
    expect(tracker.exited(1, 10)).toEqual({ giveUp: true, quickExits: 5 });
  });

  it('starts counting over for a worker that ran a while, and counts each slot on its own', () => {
    const tracker = createRestartTracker(policy);
    tracker.exited(1, 10);
    tracker.exited(1, 10);
    expect(tracker.exited(2, 10)).toEqual({ restartInMs: 100 });
    expect(tracker.exited(1, 10)).toEqual({ restartInMs: 400 });
    expect(tracker.exited(1, 5000)).toEqual({ restartInMs: 100 });
  });

  it('by default replaces a worker within a second and tries for about a minute', () => {
    const tracker = createRestartTracker();
    const delays: number[] = [];
    for (;;) {
      const decision = tracker.exited(1, 0);
      if ('giveUp' in decision) break;
      delays.push(decision.restartInMs);
    }
    expect(delays[0]).toBeLessThan(1000);
    expect(delays).toHaveLength(DEFAULT_RESTART_POLICY.maxQuickExits);
    const total = delays.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeGreaterThan(30_000);
    expect(total).toBeLessThan(120_000);
  });
});
