import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COURSES, courseRow, openTempBackend, type TempBackend } from '../backend/embedded/test-support';
import type { BackendEvent } from '../backend/events';
import { createJobRunner, exponentialBackoff, type JobHandler, type JobLogger } from './runner';

const quiet: JobLogger = { info: () => undefined, error: () => undefined };

describe('job runner over the embedded outbox', () => {
  let temp: TempBackend;

  beforeEach(async () => {
    temp = await openTempBackend();
  });
  afterEach(() => temp.dispose());

  it('delivers events to matching handlers, retrying a failing one until it succeeds', async () => {
    const published: string[] = [];
    let calls = 0;
    const flaky: JobHandler = {
      name: 'course-created',
      events: ['databases.aurora_main.tables.courses.rows.*.create'],
      async handle(event) {
        calls += 1;
        if (calls <= 2) throw new Error(`transient failure ${calls}`);
        published.push(String(event.payload.$id));
      },
    };
    const welcomed: string[] = [];
    const welcome: JobHandler = {
      name: 'welcome',
      events: ['users.*.create'],
      async handle(event) {
        welcomed.push(String(event.payload.email));
      },
    };
    const runner = createJobRunner({
      outbox: temp.backend.outbox,
      handlers: [flaky, welcome],
      logger: quiet,
      retryDelayMs: () => 0,
    });

    await temp.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    await temp.backend.users.create({ email: 'new@example.com', password: 'password123', name: 'New' });
    // Nobody listens for file events: they are completed, not kept.
    await temp.backend.storage.put({
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
    expect(await temp.backend.outbox.pending()).toEqual({ waiting: 0, dead: 0 });
  });

  it('backs off before retrying', async () => {
    const failing: JobHandler = {
      name: 'failing',
      events: ['databases'],
      handle: async () => {
        throw new Error('down');
      },
    };
    const runner = createJobRunner({ outbox: temp.backend.outbox, handlers: [failing], logger: quiet });
    await temp.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    expect(await runner.drain()).toEqual({ completed: 0, failed: 1 });
    // The retry is a second away: nothing is due now.
    expect(await runner.drain()).toEqual({ completed: 0, failed: 0 });
    expect(await temp.backend.outbox.pending()).toEqual({ waiting: 1, dead: 0 });
  });

  it('dead-letters an event after maxAttempts', async () => {
    const errors: string[] = [];
    const failing: JobHandler = {
      name: 'failing',
      events: ['databases.*.tables.courses'],
      handle: async () => {
        throw new Error('permanent');
      },
    };
    const runner = createJobRunner({
      outbox: temp.backend.outbox,
      handlers: [failing],
      logger: { info: () => undefined, error: (message) => errors.push(message) },
      maxAttempts: 3,
      retryDelayMs: () => 0,
    });
    await temp.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    expect(await runner.drain()).toEqual({ completed: 0, failed: 3 });
    expect(await temp.backend.outbox.pending()).toEqual({ waiting: 0, dead: 1 });
    expect(errors.at(-1)).toBe('event dead-lettered');
  });

  it('polls in the background between start and stop', async () => {
    const seen: BackendEvent[] = [];
    const runner = createJobRunner({
      outbox: temp.backend.outbox,
      handlers: [{ name: 'all', events: ['databases'], handle: async (event) => void seen.push(event) }],
      logger: quiet,
      pollMs: 10,
    });
    runner.start();
    await temp.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    for (let i = 0; i < 200 && seen.length === 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await runner.stop();
    expect(seen.map((event) => event.name)).toEqual(['databases.aurora_main.tables.courses.rows.c1.create']);
    expect(await temp.backend.outbox.pending()).toEqual({ waiting: 0, dead: 0 });
  });
});

describe('exponentialBackoff', () => {
  it('doubles from a second and caps at an hour', () => {
    expect([1, 2, 3, 4].map(exponentialBackoff)).toEqual([1000, 2000, 4000, 8000]);
    expect(exponentialBackoff(40)).toBe(60 * 60 * 1000);
  });
});
