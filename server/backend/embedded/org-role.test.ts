/**
 * The organization role at rest (decision 0039): a column of `_auth_users`, added to
 * files made before it existed, written with the event Appwrite's labels update has.
 */
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../../shared/permissions';
import { createEmbeddedBackend } from './index';
import { DATABASE_FILE } from './store';
import { openTempBackend, type TempBackend } from './test-support';

const PASSWORD = 'password1234';

describe('organization roles on the embedded adapter', () => {
  let temp: TempBackend;

  beforeEach(async () => {
    temp = await openTempBackend();
  });
  afterEach(() => temp.dispose());

  const createUser = () =>
    temp.backend.users.create({ userId: 'u1', email: 'u1@example.com', password: PASSWORD, name: 'U' });

  function outboxNames(): string[] {
    const db = new Database(join(temp.dataDir, DATABASE_FILE), { readonly: true });
    try {
      return db
        .prepare<[], { name: string }>('SELECT "name" FROM "_outbox" ORDER BY "seq"')
        .all()
        .map((row) => row.name);
    } finally {
      db.close();
    }
  }

  it("records the role change as Appwrite's labels update", async () => {
    const user = await createUser();
    await temp.backend.users.setOrgRole(user.id, 'team_lead');
    expect(outboxNames()).toEqual(['users.u1.create', 'users.u1.update.labels']);
  });

  it('refuses a role outside the catalogue and writes nothing', async () => {
    const user = await createUser();
    const before = outboxNames();
    const unknown: string = 'superuser';
    await expect(temp.backend.users.setOrgRole(user.id, unknown as OrgRole)).rejects.toMatchObject({
      kind: 'invalid',
    });
    expect(outboxNames()).toEqual(before);
    expect((await temp.backend.users.get(user.id)).orgRole).toBeNull();
  });
});

describe('a data directory made before organization roles', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'aurora-org-role-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('gains the column at start, its people keeping their base role and holding no organization role', async () => {
    const first = createEmbeddedBackend({ dataDir });
    const user = await first.users.create({ email: 'old@example.com', password: PASSWORD, name: 'Old' });
    await first.users.setRole(user.id, 'admin');
    await first.close();
    // Back to layout 1: the table as it was, without the column.
    const raw = new Database(join(dataDir, DATABASE_FILE));
    raw.exec('ALTER TABLE "_auth_users" DROP COLUMN "org_role"');
    raw.pragma('user_version = 1');
    raw.close();

    const reopened = createEmbeddedBackend({ dataDir });
    try {
      expect(await reopened.users.get(user.id)).toMatchObject({ role: 'admin', orgRole: null });
      expect((await reopened.users.setOrgRole(user.id, 'owner')).orgRole).toBe('owner');
      expect((await reopened.users.get(user.id)).orgRole).toBe('owner');
    } finally {
      await reopened.close();
    }
    const check = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(3);
    } finally {
      check.close();
    }
  });
});
