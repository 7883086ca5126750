import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestServices, type TestServices } from '../../tests/helpers/services';
import { courseRow } from '../backend/embedded/test-support';
import { InvalidJobError } from './event-patterns';
import type { EventJob, Job, ScheduledJob } from './job';
import { createJobRunner, exponentialBackoff } from './runner';
import { recordingLogger, testJobContext } from './testing';
import { COURSES, JOB_FAILURES } from '../services/tables';

const rowPayload = z.object({ $id: z.string(), title: z.string() }).loose();

/** A scheduled job that does nothing: every event job names one as its catch-up. */
const catchUp: ScheduledJob<Record<string, never>> = {
  name: 'test-catch-up',
  description: 'test catch-up',
  schedule: '0 3 * * *',
  payload: z.object({}).strict(),
  handle: async () => undefined,
};

function eventJob(
  name: string,
  events: string[],
  handle: EventJob<z.infer<typeof rowPayload>>['handle'],
  payload: z.ZodType<z.infer<typeof rowPayload>> = rowPayload,
): EventJob<z.infer<typeof rowPayload>> {
  return { name, description: name, events, catchUp: catchUp.name, payload, handle };
}

describe('job runner over the embedded outbox', () => {
  let services: TestServices;

  beforeEach(async () => {
    services = await createTestServices();
  });
  afterEach(() => services.cleanup());

  const failures = async () =>
    (await services.backend.tables.list({ ...JOB_FAILURES, queries: [Query.orderAsc('createdAt')] })).rows;

  it('delivers events to matching jobs, retrying a failing one until it succeeds', async () => {
    const published: string[] = [];
    let calls = 0;
    const flaky = eventJob(
      'course-created',
      ['databases.aurora_main.tables.courses.rows.*.create'],
      async (row) => {
        calls += 1;
        if (calls <= 2) throw new Error(`transient failure ${calls}`);
        published.push(row.$id);
      },
    );
    const welcomed: string[] = [];
    const welcome: EventJob<{ email: string }> = {
      name: 'welcome',
      description: 'welcome',
      events: ['users.*.create'],
      catchUp: catchUp.name,
      payload: z.object({ email: z.string() }).loose(),
      handle: async (user, _context, run) => {
        expect(run).toMatchObject({ trigger: 'event', event: expect.stringMatching(/^users\..+\.create$/) });
        welcomed.push(user.email);
      },
    };
    const runner = createJobRunner({
      jobs: [flaky, welcome as Job, catchUp],
      outbox: services.backend.outbox,
      context: testJobContext(services),
      retryDelayMs: () => 0,
    });

    await services.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    await services.backend.users.create({ email: 'new@example.com', password: 'password123', name: 'New' });
    // Nobody listens for file events: they are completed, not kept.
    await services.backend.storage.put({
      bucketId: 'thumbnails',
      name: 'a.png',
      mimeType: 'image/png',
      data: Buffer.from('png'),
    });

    const result = await runner.drain();
    expect(result).toEqual({ completed: 3, failed: 2 });
    expect(calls).toBe(3);
    expect(published).toEqual(['c1']);
    expect(welcomed).toEqual(['new@example.com']);
    expect(await services.backend.outbox.pending()).toEqual({ waiting: 0, dead: 0 });
    expect(await failures()).toEqual([]);
  });

  it('backs off before retrying', async () => {
    const failing = eventJob('failing', ['databases.aurora_main.tables.courses'], async () => {
      throw new Error('down');
    });
    const runner = createJobRunner({
      jobs: [failing, catchUp],
      outbox: services.backend.outbox,
      context: testJobContext(services),
    });
    await services.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    expect(await runner.drain()).toEqual({ completed: 0, failed: 1 });
    // The retry is a second away: nothing is due now.
    expect(await runner.drain()).toEqual({ completed: 0, failed: 0 });
    expect(await services.backend.outbox.pending()).toEqual({ waiting: 1, dead: 0 });
  });

  it('dead-letters an event after maxAttempts and records the failure for admins', async () => {
    const logger = recordingLogger();
    const failing = eventJob('failing', ['databases.*.tables.courses'], async () => {
      throw new Error('permanent');
    });
    const runner = createJobRunner({
      jobs: [failing, catchUp],
      outbox: services.backend.outbox,
      context: testJobContext(services, { logger }),
      maxAttempts: 3,
      retryDelayMs: () => 0,
    });
    await services.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    expect(await runner.drain()).toEqual({ completed: 0, failed: 3 });
    expect(await services.backend.outbox.pending()).toEqual({ waiting: 0, dead: 1 });
    expect(logger.lines.at(-1)?.message).toBe('event dead-lettered');
    const [failure, ...rest] = await failures();
    expect(rest).toEqual([]);
    expect(failure).toMatchObject({
      jobName: 'failing',
      event: 'databases.aurora_main.tables.courses.rows.c1.create',
      kind: 'handler_failed',
      error: 'failed 3 times; last: Error: permanent',
    });
    expect(String(failure?.payloadExcerpt)).toContain('"$id":"c1"');
  });

  it('dead-letters a payload that fails its schema at once, with a clear log line, and runs the job no further', async () => {
    const logger = recordingLogger();
    let handled = 0;
    const strict = eventJob(
      'needs-price',
      ['databases.aurora_main.tables.courses.rows.*.create'],
      async () => void (handled += 1),
      z.object({ $id: z.string(), title: z.string(), price: z.number().min(1) }),
    );
    const runner = createJobRunner({
      jobs: [strict, catchUp],
      outbox: services.backend.outbox,
      context: testJobContext(services, { logger }),
      retryDelayMs: () => 0,
    });
    await services.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow({ price: 0 }) });

    expect(await runner.drain()).toEqual({ completed: 0, failed: 1 });
    // Not retried: dead at once.
    expect(await runner.drain()).toEqual({ completed: 0, failed: 0 });
    expect(await services.backend.outbox.pending()).toEqual({ waiting: 0, dead: 1 });
    expect(handled).toBe(0);
    const rejected = logger.lines.find((line) => line.message.startsWith('job payload rejected'));
    expect(rejected).toMatchObject({
      level: 'error',
      details: {
        job: 'needs-price',
        event: 'databases.aurora_main.tables.courses.rows.c1.create',
        issues: [{ path: 'price', message: expect.stringContaining('>=1') }],
      },
    });
    const [failure, ...rest] = await failures();
    expect(rest).toEqual([]);
    expect(failure).toMatchObject({ jobName: 'needs-price', kind: 'invalid_payload' });
    expect(String(failure?.error)).toMatch(/^payload does not match the job's schema: price: /);
  });

  it('refuses, at creation, a job list with a pattern Appwrite would not accept', () => {
    const bad = eventJob('bad-pattern', ['databases.aurora_main.tables'], async () => undefined);
    expect(() =>
      createJobRunner({
        jobs: [bad, catchUp],
        outbox: services.backend.outbox,
        context: testJobContext(services),
      }),
    ).toThrow(InvalidJobError);
    expect(() =>
      createJobRunner({
        jobs: [bad, catchUp],
        outbox: services.backend.outbox,
        context: testJobContext(services),
      }),
    ).toThrow('job bad-pattern: "databases.aurora_main.tables": a pattern cannot end with "tables"');
  });

  it('refuses a pattern that would fire on its own failure records', () => {
    for (const pattern of [
      'databases.aurora_main',
      'databases.*.tables.*',
      'databases.*.tables.job_failures.rows.*.create',
    ]) {
      const broad = eventJob('broad', [pattern], async () => undefined);
      expect(() =>
        createJobRunner({ jobs: [broad, catchUp], outbox: null, context: testJobContext(services) }),
      ).toThrow(
        `job broad: "${pattern}" also matches the runner's own tables (job_runs, job_failures); name the table`,
      );
    }
  });

  it('polls in the background between start and stop', async () => {
    const seen: string[] = [];
    const runner = createJobRunner({
      jobs: [
        eventJob('all', ['databases.aurora_main.tables.courses'], async (row) => void seen.push(row.$id)),
        catchUp,
      ],
      outbox: services.backend.outbox,
      context: testJobContext(services),
      pollMs: 10,
    });
    await runner.start();
    await services.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    for (let i = 0; i < 200 && seen.length === 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await runner.stop();
    expect(seen).toEqual(['c1']);
    expect(await services.backend.outbox.pending()).toEqual({ waiting: 0, dead: 0 });
  });
});

describe('exponentialBackoff', () => {
  it('doubles from a second and caps at an hour', () => {
    expect([1, 2, 3, 4].map(exponentialBackoff)).toEqual([1000, 2000, 4000, 8000]);
    expect(exponentialBackoff(40)).toBe(60 * 60 * 1000);
  });
});
