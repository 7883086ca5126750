/**
 * What the contract suite cannot see of the embedded teams: the outbox events, named as
 * Appwrite names them and written in the same transaction as the change, and a file
 * opened again keeping its teams.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createEmbeddedBackend } from './index';
import { DATABASE_FILE } from './store';
import { openTempBackend, type TempBackend } from './test-support';

describe('embedded teams', () => {
  let temp: TempBackend;

  beforeEach(async () => {
    temp = await openTempBackend();
  });
  afterEach(async () => {
    await temp.dispose();
  });

  async function eventNames(): Promise<string[]> {
    const claimed = await temp.backend.outbox.claim({ limit: 100, leaseMs: 60_000 });
    return claimed.map((event) => event.name);
  }

  it("records Appwrite's team and membership events", async () => {
    const { backend } = temp;
    const user = await backend.users.create({
      userId: 'u1',
      email: 'u1@aurora.test',
      password: 'a-long-password',
      name: 'U',
    });
    await eventNames();
    const team = await backend.teams.create({ teamId: 't1', name: 'CS', description: '', permissions: [] });
    await backend.teams.update(team.id, { name: 'Computer Science' });
    await backend.teams.update(team.id, { name: 'Computer Science' });
    await backend.teams.update(team.id, {});
    await backend.teams.update(team.id, { permissions: ['courses.modify'] });
    const membership = await backend.teams.addMember({ teamId: 't1', userId: user.id, role: 'member' });
    await backend.teams.setMemberRole({ teamId: 't1', userId: user.id, role: 'lead' });
    await backend.teams.removeMember({ teamId: 't1', userId: user.id });
    await backend.teams.delete('t1');

    const m = membership.id;
    expect(await eventNames()).toEqual([
      'teams.t1.create',
      'teams.t1.update',
      'teams.t1.update.prefs',
      `teams.t1.memberships.${m}.create`,
      `teams.t1.memberships.${m}.update`,
      `teams.t1.memberships.${m}.delete`,
      'teams.t1.delete',
    ]);
  });

  it('writes no event for a refused change', async () => {
    const { backend } = temp;
    await backend.teams.create({ teamId: 't1', name: 'CS', description: '', permissions: [] });
    await eventNames();
    await expect(
      backend.teams.create({ teamId: 't2', name: 'cs', description: '', permissions: [] }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    await expect(
      backend.teams.addMember({ teamId: 't1', userId: 'ghost', role: 'member' }),
    ).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect(await eventNames()).toEqual([]);
  });

  it('gives the teams of a file made before review (layout 2) the column, none of them reviewed', async () => {
    await temp.backend.teams.create({ teamId: 't1', name: 'CS', description: '', permissions: [] });
    await temp.backend.close();
    const raw = new Database(join(temp.dataDir, DATABASE_FILE));
    raw.exec('ALTER TABLE "_teams" DROP COLUMN "requires_review"');
    raw.pragma('user_version = 2');
    raw.close();

    const reopened = createEmbeddedBackend({ dataDir: temp.dataDir });
    try {
      expect((await reopened.teams.get('t1')).requiresReview).toBe(false);
      expect((await reopened.teams.update('t1', { requiresReview: true })).requiresReview).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('keeps teams and memberships when the file is opened again', async () => {
    const user = await temp.backend.users.create({
      email: 'u@aurora.test',
      password: 'a-long-password',
      name: 'U',
    });
    await temp.backend.teams.create({
      teamId: 't1',
      name: 'CS',
      description: 'd',
      permissions: ['students.view'],
    });
    await temp.backend.teams.addMember({ teamId: 't1', userId: user.id, role: 'lead' });
    await temp.backend.close();

    const reopened = createEmbeddedBackend({ dataDir: temp.dataDir });
    try {
      expect(await reopened.teams.get('t1')).toMatchObject({ name: 'CS', permissions: ['students.view'] });
      expect((await reopened.teams.teamsOf(user.id)).map((each) => each.role)).toEqual(['lead']);
    } finally {
      await reopened.close();
    }
  });
});
