import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBackendError } from '../errors';
import { verifyPassword } from './passwords';
import { SESSION_LIFETIME_MS } from './sessions';
import { DATABASE_FILE } from './store';
import { openTempBackend, type TempBackend } from './test-support';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const PASSWORD = 'plain-text-password-42';

describe('users and sessions at rest', () => {
  let temp: TempBackend;
  let clock = new Date('2025-03-01T12:00:00.000Z');

  beforeEach(async () => {
    clock = new Date('2025-03-01T12:00:00.000Z');
    temp = await openTempBackend({ now: () => clock });
  });
  afterEach(() => temp.dispose());

  function openRaw(): Database.Database {
    return new Database(join(temp.dataDir, DATABASE_FILE), { readonly: true });
  }

  it('stores only salted scrypt hashes of passwords and SHA-256 of session secrets', async () => {
    const ann = await temp.backend.users.create({
      email: 'ann@example.com',
      password: PASSWORD,
      name: 'Ann',
    });
    await temp.backend.users.create({ email: 'bob@example.com', password: PASSWORD, name: 'Bob' });
    const session = await temp.backend.sessions.create({ email: 'ann@example.com', password: PASSWORD });

    const db = openRaw();
    try {
      const hashes = db
        .prepare<[], { password_hash: string }>('SELECT "password_hash" FROM "_auth_users" ORDER BY "seq"')
        .all()
        .map((row) => row.password_hash);
      expect(hashes).toHaveLength(2);
      for (const hash of hashes) {
        expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
        expect(hash).not.toContain(PASSWORD);
        expect(await verifyPassword(PASSWORD, hash)).toBe(true);
      }
      // Same password, different salts, different hashes.
      expect(hashes[0]).not.toBe(hashes[1]);

      const sessions = db.prepare('SELECT * FROM "_auth_sessions"').all();
      expect(sessions).toEqual([
        expect.objectContaining({
          secret_hash: createHash('sha256').update(session.secret).digest('hex'),
          user_id: ann.id,
        }),
      ]);
      expect(JSON.stringify(sessions)).not.toContain(session.secret);
    } finally {
      db.close();
    }

    await temp.backend.close();
    const bytes = Buffer.concat([
      await readFile(join(temp.dataDir, DATABASE_FILE)),
      await readFile(join(temp.dataDir, `${DATABASE_FILE}-wal`)).catch(() => Buffer.alloc(0)),
    ]);
    expect(bytes.includes(PASSWORD)).toBe(false);
    expect(bytes.includes(session.secret)).toBe(false);
  });

  it('slides the expiry at most once a day and forgets expired sessions', async () => {
    await temp.backend.users.create({
      userId: 'ann',
      email: 'ann@example.com',
      password: PASSWORD,
      name: 'Ann',
    });
    const start = clock.getTime();
    const session = await temp.backend.sessions.create({ email: 'ann@example.com', password: PASSWORD });
    expect(Date.parse(session.expiresAt)).toBe(start + SESSION_LIFETIME_MS);

    clock = new Date(start + 12 * HOUR);
    expect((await temp.backend.sessions.resolve(session.secret))?.expiresAt).toBe(session.expiresAt);

    clock = new Date(start + 2 * DAY);
    const extended = await temp.backend.sessions.resolve(session.secret);
    expect(Date.parse(extended?.expiresAt ?? '')).toBe(start + 2 * DAY + SESSION_LIFETIME_MS);

    clock = new Date(start + 2 * DAY + SESSION_LIFETIME_MS + 1);
    expect(await temp.backend.sessions.resolve(session.secret)).toBeNull();
    const db = openRaw();
    try {
      expect(db.prepare('SELECT count(*) AS n FROM "_auth_sessions"').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('deletes sessions with their user', async () => {
    const user = await temp.backend.users.create({
      email: 'ann@example.com',
      password: PASSWORD,
      name: 'Ann',
    });
    await temp.backend.sessions.create({ email: 'ann@example.com', password: PASSWORD });
    await temp.backend.sessions.create({ email: 'ann@example.com', password: PASSWORD });
    await temp.backend.users.delete(user.id);
    const db = openRaw();
    try {
      expect(db.prepare('SELECT count(*) AS n FROM "_auth_sessions"').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('treats an unknown email like a wrong password', async () => {
    await temp.backend.users.create({ email: 'ann@example.com', password: PASSWORD, name: 'Ann' });
    const unknown = await temp.backend.sessions
      .create({ email: 'nobody@example.com', password: PASSWORD })
      .catch((error: unknown) => error);
    const wrong = await temp.backend.sessions
      .create({ email: 'ann@example.com', password: 'not the password' })
      .catch((error: unknown) => error);
    expect(isBackendError(unknown, 'unauthorized')).toBe(true);
    expect(isBackendError(wrong, 'unauthorized')).toBe(true);
    expect(String(unknown)).toBe(String(wrong));
  });

  it('searches names case-insensitively beyond ASCII and treats % literally', async () => {
    await temp.backend.users.create({
      email: 'eva@example.com',
      password: PASSWORD,
      name: 'ÉVA Łukasiewicz',
    });
    await temp.backend.users.create({ email: 'pct@example.com', password: PASSWORD, name: 'Mr 100%' });
    expect((await temp.backend.users.list({ search: 'éva łuk' })).users.map((user) => user.email)).toEqual([
      'eva@example.com',
    ]);
    expect((await temp.backend.users.list({ search: '%' })).users.map((user) => user.email)).toEqual([
      'pct@example.com',
    ]);
    expect((await temp.backend.users.list({ search: 'EXAMPLE.COM' })).total).toBe(2);
  });
});
