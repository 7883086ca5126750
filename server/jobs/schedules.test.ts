import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestServices, type TestServices } from '../../tests/helpers/services';
import type { JobContext, JobRun, ScheduledJob } from './job';
import { createJobRunner } from './runner';
import { lastDue, slotNear } from './scheduled-run';
import { createScheduler } from './schedules';
import { testJobContext } from './testing';
import { JOB_FAILURES, JOB_RUNS } from '../services/tables';

/** Hourly at minute 0, UTC. */
function hourlyJob(runs: JobRun[], fail = false): ScheduledJob<Record<string, never>> {
  return {
    name: 'hourly',
    description: 'hourly test job',
    schedule: '0 * * * *',
    payload: z.object({}).strict(),
    async handle(_payload, _context, run) {
      runs.push(run);
      if (fail) throw new Error('rollup failed');
    },
  };
}

const at = (iso: string) => new Date(iso);

describe('schedules in embedded mode', () => {
  let services: TestServices;
  let clock: Date;
  let context: JobContext;

  beforeEach(async () => {
    clock = at('2026-03-01T10:30:00.000Z');
    services = await createTestServices({ now: () => clock });
    context = testJobContext(services);
  });
  afterEach(() => services.cleanup());

  const runRows = async () =>
    (await services.backend.tables.list({ ...JOB_RUNS, queries: [Query.orderAsc('scheduledFor')] })).rows.map(
      (row) => ({ scheduledFor: new Date(String(row.scheduledFor)).toISOString(), status: row.status }),
    );

  /** One server start: catch-up only (no timers), then stop. */
  async function start(job: ScheduledJob<Record<string, never>>) {
    const scheduler = createScheduler({ jobs: [job], context, timers: false });
    await scheduler.start();
    await scheduler.stop();
  }

  it('records a baseline on a new install instead of running every job at once', async () => {
    const runs: JobRun[] = [];
    await start(hourlyJob(runs));
    expect(runs).toEqual([]);
    expect(await runRows()).toEqual([{ scheduledFor: '2026-03-01T10:00:00.000Z', status: 'baseline' }]);
  });

  it('runs a slot missed while the server was down exactly once at the next start', async () => {
    const runs: JobRun[] = [];
    const job = hourlyJob(runs);
    await start(job);
    // Down from 10:30 to 13:20: the 11:00, 12:00 and 13:00 slots were missed.
    clock = at('2026-03-01T13:20:00.000Z');
    await start(job);
    expect(runs).toEqual([{ trigger: 'schedule', scheduledFor: at('2026-03-01T13:00:00.000Z') }]);
    // A second start (a restart, a second process) finds the slot taken.
    await start(job);
    clock = at('2026-03-01T13:59:59.999Z');
    await start(job);
    expect(runs).toHaveLength(1);
    expect(await runRows()).toEqual([
      { scheduledFor: '2026-03-01T10:00:00.000Z', status: 'baseline' },
      { scheduledFor: '2026-03-01T13:00:00.000Z', status: 'succeeded' },
    ]);
  });

  it('runs a missed slot once when two processes start together', async () => {
    const runs: JobRun[] = [];
    const job = hourlyJob(runs);
    await start(job);
    clock = at('2026-03-01T12:05:00.000Z');
    const one = createScheduler({ jobs: [job], context, timers: false });
    const two = createScheduler({ jobs: [job], context, timers: false });
    const outcomes = await Promise.all([one.runDue(), two.runDue()]);
    expect(runs).toHaveLength(1);
    expect(outcomes.map((outcome) => outcome.hourly).sort()).toEqual(['succeeded', 'taken']);
  });

  it('runs the slot due at this very moment (the timer tick)', async () => {
    const runs: JobRun[] = [];
    const job = hourlyJob(runs);
    await start(job);
    clock = at('2026-03-01T11:00:00.000Z');
    const scheduler = createScheduler({ jobs: [job], context, timers: false });
    expect(await scheduler.runDue()).toEqual({ hourly: 'succeeded' });
    expect(await scheduler.runDue()).toEqual({ hourly: 'up_to_date' });
    expect(runs).toEqual([{ trigger: 'schedule', scheduledFor: at('2026-03-01T11:00:00.000Z') }]);
  });

  it('records a failed run for admins and runs the next slot as usual', async () => {
    const runs: JobRun[] = [];
    const job = hourlyJob(runs, true);
    await start(job);
    clock = at('2026-03-01T11:00:30.000Z');
    await start(job);
    const failures = (await services.backend.tables.list(JOB_FAILURES)).rows;
    expect(failures).toMatchObject([
      { jobName: 'hourly', event: 'schedule:2026-03-01T11:00:00.000Z', kind: 'handler_failed' },
    ]);
    expect(String(failures[0]?.error)).toBe('Error: rollup failed');
    clock = at('2026-03-01T12:00:30.000Z');
    await start(job);
    expect(runs).toHaveLength(2);
    expect((await runRows()).map((row) => row.status)).toEqual(['baseline', 'failed', 'failed']);
  });

  it('does not start a job again while its run is still going', async () => {
    let release: () => void = () => undefined;
    let started = 0;
    const slow: ScheduledJob<Record<string, never>> = {
      ...hourlyJob([]),
      async handle() {
        started += 1;
        await new Promise<void>((resolve) => (release = resolve));
      },
    };
    await start(slow);
    clock = at('2026-03-01T11:00:00.000Z');
    const scheduler = createScheduler({ jobs: [slow], context, timers: false });
    const first = scheduler.runDue();
    for (let i = 0; i < 100 && started === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await scheduler.runDue()).toEqual({ hourly: 'busy' });
    release();
    expect(await first).toEqual({ hourly: 'succeeded' });
    expect(started).toBe(1);
  });

  it('the runner catches up at start and refuses a schedule Appwrite would not take', async () => {
    const runs: JobRun[] = [];
    const job = hourlyJob(runs);
    await start(job);
    clock = at('2026-03-01T15:10:00.000Z');
    const runner = createJobRunner({ jobs: [job], outbox: services.backend.outbox, context, pollMs: 60_000 });
    await runner.start();
    await runner.stop();
    expect(runs).toEqual([{ trigger: 'schedule', scheduledFor: at('2026-03-01T15:00:00.000Z') }]);
    expect(() =>
      createJobRunner({ jobs: [{ ...job, schedule: '0 0 * * * *' }], outbox: null, context }),
    ).toThrow('job hourly: schedule "0 0 * * * *": a schedule has five fields');
  });
});

describe('lastDue', () => {
  it('is the latest slot at or before the time, in UTC', () => {
    expect(lastDue('0 3 * * *', at('2026-03-01T03:00:00.000Z'))).toEqual(at('2026-03-01T03:00:00.000Z'));
    expect(lastDue('0 3 * * *', at('2026-03-01T02:59:59.999Z'))).toEqual(at('2026-02-28T03:00:00.000Z'));
  });
});

describe('slotNear', () => {
  it('is the slot a scheduler fired for, even when its clock runs a little ahead', () => {
    expect(slotNear('0 3 * * *', at('2026-03-01T03:00:00.250Z'))).toEqual(at('2026-03-01T03:00:00.000Z'));
    expect(slotNear('0 3 * * *', at('2026-03-01T02:59:58.000Z'))).toEqual(at('2026-03-01T03:00:00.000Z'));
    expect(slotNear('0 3 * * *', at('2026-03-01T02:59:00.000Z'))).toEqual(at('2026-02-28T03:00:00.000Z'));
  });
});
