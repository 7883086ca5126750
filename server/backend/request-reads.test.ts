import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countingBackend, type CountingBackend } from '../../tests/helpers/counting-backend';
import { COURSES, courseRow, openTempBackend, type TempBackend } from './embedded/test-support';
import { rememberingReads } from './request-reads';

describe('a request’s remembered reads', () => {
  let temp: TempBackend;
  let counter: CountingBackend;

  beforeEach(async () => {
    temp = await openTempBackend();
    counter = countingBackend(temp.backend);
    await temp.backend.tables.create({ ...COURSES, rowId: 'c1', data: courseRow({ title: 'First' }) });
  });
  afterEach(async () => {
    await temp.dispose();
  });

  it('reads a row and a list once, however often they are asked for', async () => {
    const backend = rememberingReads(counter.backend);
    const queries = [Query.equal('title', 'First')];
    const [a, b] = await Promise.all([
      backend.tables.get({ ...COURSES, rowId: 'c1' }),
      backend.tables.get({ ...COURSES, rowId: 'c1' }),
    ]);
    await backend.tables.list({ ...COURSES, queries });
    await backend.tables.list({ ...COURSES, queries });
    expect(a.title).toBe('First');
    expect(b).toEqual(a);
    expect(counter.calls()).toEqual(['tables.get(courses)', 'tables.list(courses)']);
  });

  it('keeps lists with other queries or without a total apart', async () => {
    const backend = rememberingReads(counter.backend);
    await backend.tables.list({ ...COURSES, queries: [Query.limit(1)] });
    await backend.tables.list({ ...COURSES, queries: [Query.limit(2)] });
    const uncounted = await backend.tables.list({ ...COURSES, queries: [Query.limit(1)], total: false });
    expect(uncounted.total).toBe(0);
    expect(counter.calls()).toHaveLength(3);
  });

  it('forgets everything on a write, so the request reads its own writes', async () => {
    const backend = rememberingReads(counter.backend);
    await backend.tables.get({ ...COURSES, rowId: 'c1' });
    await backend.tables.update({ ...COURSES, rowId: 'c1', data: { title: 'Renamed' } });
    expect((await backend.tables.get({ ...COURSES, rowId: 'c1' })).title).toBe('Renamed');
    await backend.users.create({ email: 'new@aurora.test', password: 'a-long-password', name: 'New' });
    await backend.tables.get({ ...COURSES, rowId: 'c1' });
    expect(counter.calls().filter((call) => call === 'tables.get(courses)')).toHaveLength(3);
  });

  it('gives each caller its own copy of a row', async () => {
    const backend = rememberingReads(counter.backend);
    const first = await backend.tables.get({ ...COURSES, rowId: 'c1' });
    first.title = 'changed by one caller';
    expect((await backend.tables.get({ ...COURSES, rowId: 'c1' })).title).toBe('First');
  });

  it("remembers team reads until a write: a membership removed shows on the request's next read", async () => {
    const user = await temp.backend.users.create({
      email: 'lead@aurora.test',
      password: 'a-long-password',
      name: 'L',
    });
    const team = await temp.backend.teams.create({
      name: 'CS',
      description: '',
      permissions: ['courses.modify'],
    });
    await temp.backend.teams.addMember({ teamId: team.id, userId: user.id, role: 'lead' });
    const backend = rememberingReads(counter.backend);
    counter.reset();
    const [mine] = await backend.teams.teamsOf(user.id);
    if (mine) mine.role = 'member';
    expect((await backend.teams.teamsOf(user.id))[0]?.role).toBe('lead');
    await backend.teams.get(team.id);
    await backend.teams.get(team.id);
    expect(counter.calls()).toEqual(['teams.teamsOf', 'teams.get']);
    await backend.teams.removeMember({ teamId: team.id, userId: user.id });
    expect(await backend.teams.teamsOf(user.id)).toEqual([]);
    expect(counter.calls()).toEqual(['teams.teamsOf', 'teams.get', 'teams.removeMember', 'teams.teamsOf']);
  });
});
