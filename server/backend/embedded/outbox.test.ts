import Database from 'better-sqlite3';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBackendError } from '../errors';
import type { OutboxEntry } from '../events';
import { DATABASE_FILE } from './store';
import { COURSES, courseRow, openTempBackend, type TempBackend } from './test-support';

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('outbox', () => {
  let temp: TempBackend;
  let clock = new Date('2025-01-01T00:00:00.000Z');

  beforeEach(async () => {
    clock = new Date('2025-01-01T00:00:00.000Z');
    temp = await openTempBackend({ now: () => clock });
  });
  afterEach(() => temp.dispose());

  async function claimAll(): Promise<OutboxEntry[]> {
    return temp.backend.outbox.claim({ limit: 100, leaseMs: 60_000 });
  }

  it('records an Appwrite-named event for every write', async () => {
    const { tables, storage, users } = temp.backend;
    await tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    await tables.update({ ...COURSES, rowId: 'c1', data: { title: 'Renamed' } });
    await tables.delete({ ...COURSES, rowId: 'c1' });
    await storage.put({
      bucketId: 'thumbnails',
      fileId: 'f1',
      name: 'a.png',
      mimeType: 'image/png',
      data: Buffer.from('x'),
    });
    await storage.delete({ bucketId: 'thumbnails', fileId: 'f1' });
    const user = await users.create({
      userId: 'u1',
      email: 'u1@example.com',
      password: 'password123',
      name: 'U',
    });
    await users.setRole(user.id, 'admin');
    await users.delete(user.id);

    const events = await claimAll();
    expect(events.map((event) => event.name)).toEqual([
      'databases.aurora_main.tables.courses.rows.c1.create',
      'databases.aurora_main.tables.courses.rows.c1.update',
      'databases.aurora_main.tables.courses.rows.c1.delete',
      'buckets.thumbnails.files.f1.create',
      'buckets.thumbnails.files.f1.delete',
      'users.u1.create',
      'users.u1.update.labels',
      'users.u1.delete',
    ]);
    expect(events[1]?.payload).toMatchObject({ $id: 'c1', title: 'Renamed' });
    expect(events[2]?.payload).toMatchObject({ $id: 'c1', title: 'Renamed' });
    expect(events[5]?.payload).toEqual(user);
    expect(JSON.stringify(events)).not.toContain('password123');
    expect(events.every((event) => event.attempts === 0 && event.createdAt === clock.toISOString())).toBe(
      true,
    );
  });

  it('records nothing for a write that fails', async () => {
    await temp.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    await claimAll().then((events) =>
      Promise.all(events.map((event) => temp.backend.outbox.complete(event.id))),
    );

    await errorOf(temp.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() }));
    await errorOf(temp.backend.tables.create({ ...COURSES, rowId: 'c2', data: courseRow({ price: -5 }) }));
    await errorOf(temp.backend.tables.update({ ...COURSES, rowId: 'missing', data: { title: 'x' } }));
    expect(await temp.backend.outbox.pending()).toEqual({ waiting: 0, dead: 0 });
  });

  it('writes the row and its event in one transaction: no event, no row', async () => {
    // A second connection makes every outbox insert fail, as a crash mid-write would.
    const db = new Database(join(temp.dataDir, DATABASE_FILE));
    db.exec(
      `CREATE TRIGGER "fail_outbox" BEFORE INSERT ON "_outbox" BEGIN SELECT RAISE(ABORT, 'outbox down'); END`,
    );
    db.close();

    const error = await errorOf(
      temp.backend.tables.create({ ...COURSES, rowId: 'orphan', data: courseRow() }),
    );
    expect(isBackendError(error, 'unavailable')).toBe(true);
    const file = await errorOf(
      temp.backend.storage.put({
        bucketId: 'thumbnails',
        fileId: 'f',
        name: 'a.png',
        mimeType: 'image/png',
        data: Buffer.from('x'),
      }),
    );
    expect(isBackendError(file)).toBe(true);

    expect((await temp.backend.tables.list(COURSES)).total).toBe(0);
    expect((await temp.backend.storage.list({ bucketId: 'thumbnails' })).total).toBe(0);
    expect(await readdir(join(temp.dataDir, 'buckets', 'thumbnails'))).toEqual([]);
  });

  it('hides claimed events for the lease, then hands them out again', async () => {
    await temp.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    const [first] = await temp.backend.outbox.claim({ limit: 10, leaseMs: 1000 });
    expect(first?.name).toContain('.c1.create');
    expect(await temp.backend.outbox.claim({ limit: 10, leaseMs: 1000 })).toEqual([]);
    clock = new Date(clock.getTime() + 1001);
    expect((await temp.backend.outbox.claim({ limit: 10, leaseMs: 1000 })).map((entry) => entry.id)).toEqual([
      first?.id,
    ]);
  });

  it('completes, retries and dead-letters', async () => {
    await temp.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow() });
    await temp.backend.tables.create({ ...COURSES, rowId: 'c2', data: courseRow() });
    const [one, two] = await claimAll();
    if (!one || !two) throw new Error('expected two events');

    await temp.backend.outbox.complete(one.id);
    await temp.backend.outbox.fail(two.id, {
      error: 'boom',
      retryAt: new Date(clock.getTime() + 5000),
      deadLetter: false,
    });
    expect(await temp.backend.outbox.pending()).toEqual({ waiting: 1, dead: 0 });
    expect(await claimAll()).toEqual([]);

    clock = new Date(clock.getTime() + 5000);
    const [retried] = await claimAll();
    expect(retried).toMatchObject({ id: two.id, attempts: 1 });

    await temp.backend.outbox.fail(two.id, { error: 'boom again', retryAt: clock, deadLetter: true });
    expect(await temp.backend.outbox.pending()).toEqual({ waiting: 0, dead: 1 });
    clock = new Date(clock.getTime() + 10 ** 9);
    expect(await claimAll()).toEqual([]);
  });

  it('refuses nonsense claims', async () => {
    expect(
      isBackendError(await errorOf(temp.backend.outbox.claim({ limit: 0, leaseMs: 10 })), 'invalid'),
    ).toBe(true);
    expect(
      isBackendError(await errorOf(temp.backend.outbox.claim({ limit: 1, leaseMs: -1 })), 'invalid'),
    ).toBe(true);
  });
});
