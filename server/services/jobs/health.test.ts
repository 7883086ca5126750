import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../../tests/helpers/services';
import { recordJobFailure } from '../../jobs/job-failures';
import { claimRun, finishRun } from '../../jobs/job-runs';
import { recordingLogger } from '../../jobs/testing';
import { countingBackend } from '../../../tests/helpers/counting-backend';
import { jobHealth, type JobDescription } from './health';
import { backgroundScope } from '../scope';

const JOBS: JobDescription[] = [
  { name: 'nightly', description: 'Nightly', trigger: { kind: 'schedule', schedule: '0 3 * * *' } },
  { name: 'on-create', description: 'On create', trigger: { kind: 'event', events: ['users.*.create'] } },
  { name: 'never-ran', description: 'Weekly', trigger: { kind: 'schedule', schedule: '0 4 * * 1' } },
];

describe('job health for admins', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices();
  });
  afterEach(() => services.cleanup());

  it('is empty when all is well', async () => {
    const health = await jobHealth(backgroundScope(services), JOBS);
    expect(health.failures).toEqual([]);
    expect(health.jobs.map((job) => [job.name, job.lastRun, job.recentFailures])).toEqual([
      ['nightly', null, 0],
      ['on-create', null, 0],
      ['never-ran', null, 0],
    ]);
  });

  it('shows the latest run of each scheduled job and the failures, newest first', async () => {
    const { backend } = services;
    const logger = recordingLogger();
    await claimRun(backend, {
      jobName: 'nightly',
      scheduledFor: new Date('2026-03-01T03:00:00.000Z'),
      status: 'baseline',
      now: new Date('2026-03-01T10:00:00.000Z'),
    });
    const rowId = await claimRun(backend, {
      jobName: 'nightly',
      scheduledFor: new Date('2026-03-02T03:00:00.000Z'),
      status: 'running',
      now: new Date('2026-03-02T03:00:01.000Z'),
    });
    if (!rowId) throw new Error('the run was not claimed');
    await finishRun(backend, rowId, {
      status: 'failed',
      error: 'Error: disk full',
      now: new Date('2026-03-02T03:00:02.000Z'),
    });
    await recordJobFailure(
      backend,
      {
        jobName: 'nightly',
        event: 'schedule:2026-03-02T03:00:00.000Z',
        kind: 'handler_failed',
        error: 'Error: disk full',
        payload: {},
      },
      new Date('2026-03-02T03:00:02.000Z'),
      logger,
    );
    await recordJobFailure(
      backend,
      {
        jobName: 'on-create',
        event: 'users.u1.create',
        kind: 'invalid_payload',
        error: 'email: Required',
        payload: { $id: 'u1' },
      },
      new Date('2026-03-02T04:00:00.000Z'),
      logger,
    );

    const health = await jobHealth(backgroundScope(services), JOBS);
    expect(health.jobs[0]).toMatchObject({
      name: 'nightly',
      lastRun: { scheduledFor: '2026-03-02T03:00:00.000Z', status: 'failed', error: 'Error: disk full' },
      recentFailures: 1,
    });
    expect(health.jobs[1]).toMatchObject({ name: 'on-create', lastRun: null, recentFailures: 1 });
    expect(health.failures.map((failure) => [failure.jobName, failure.kind, failure.payloadExcerpt])).toEqual(
      [
        ['on-create', 'invalid_payload', '{"$id":"u1"}'],
        ['nightly', 'handler_failed', '{}'],
      ],
    );
    expect(logger.lines).toEqual([]);
  });

  it('reads the runs of every scheduled job in one call while the schedules keep up', async () => {
    const clock = { at: new Date('2026-03-02T05:00:00.000Z') };
    const timed = await createTestServices({ now: () => clock.at });
    try {
      const counter = countingBackend(timed.backend);
      await claimRun(timed.backend, {
        jobName: 'nightly',
        scheduledFor: new Date('2026-03-02T03:00:00.000Z'),
        status: 'baseline',
        now: new Date('2026-03-02T03:00:01.000Z'),
      });
      await claimRun(timed.backend, {
        jobName: 'never-ran',
        scheduledFor: new Date('2026-02-23T04:00:00.000Z'),
        status: 'baseline',
        now: new Date('2026-02-23T04:00:01.000Z'),
      });
      const scope = backgroundScope({ ...timed, backend: counter.backend });

      const health = await jobHealth(scope, JOBS);
      expect(health.jobs.map((job) => [job.name, job.lastRun?.scheduledFor ?? null])).toEqual([
        ['nightly', '2026-03-02T03:00:00.000Z'],
        ['on-create', null],
        ['never-ran', '2026-02-23T04:00:00.000Z'],
      ]);
      expect(counter.calls()).toEqual(['tables.list(job_failures)', 'tables.list(job_runs)']);

      // Two nightly slots later with no row, the job is behind: looked up on its own.
      clock.at = new Date('2026-03-04T05:00:00.000Z');
      counter.reset();
      const behind = await jobHealth(scope, JOBS);
      expect(behind.jobs[0]?.lastRun?.scheduledFor).toBe('2026-03-02T03:00:00.000Z');
      expect(counter.calls()).toEqual([
        'tables.list(job_failures)',
        'tables.list(job_runs)',
        'tables.list(job_runs)',
      ]);
    } finally {
      await timed.cleanup();
    }
  });
});
