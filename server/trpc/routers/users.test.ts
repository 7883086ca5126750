import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { courseRow } from '../../backend/embedded/test-support';
import { avatarUpload, samples } from '../../../tests/fixtures/images';
import { outcome, writesSoFar } from '../../../tests/helpers/identity';
import {
  scopeFor,
  contextFor,
  browserFacts,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import { createApiToken } from '../../services/identity/api-tokens';
import { createContext } from '../context';
import { createCaller, type Caller } from '../root';
import { COURSES, PROFILES } from '../../services/tables';

let services: TestServices;
let admin: AuthUser;
let asAdmin: Caller;

beforeEach(async () => {
  services = await createTestServices();
  admin = await createTestUser(services, 'admin', { name: 'Alex Admin', email: 'alex@aurora.test' });
  asAdmin = createCaller(await contextFor(services, admin));
});
afterEach(async () => {
  await services.cleanup();
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

describe('users.list', () => {
  beforeEach(async () => {
    // Created a moment apart, so "newest first" has one answer.
    for (const [name, email, role] of [
      ['Ada Lovelace', 'ada@aurora.test', 'regular'],
      ['Grace Hopper', 'grace@navy.example', 'regular'],
      ['Maya Rivera', 'maya@aurora.test', 'instructor'],
      ['Adam Smith', 'adam@economics.example', 'instructor'],
    ] as const) {
      await tick();
      await createTestUser(services, role, { name, email });
    }
  });

  it('lists everyone newest first with the public fields', async () => {
    const page = await asAdmin.users.list();
    expect(page.total).toBe(5);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((item) => item.name)).toEqual([
      'Adam Smith',
      'Maya Rivera',
      'Grace Hopper',
      'Ada Lovelace',
      'Alex Admin',
    ]);
    expect(page.items[0]).toEqual({
      id: expect.any(String),
      email: 'adam@economics.example',
      name: 'Adam Smith',
      role: 'instructor',
      orgRole: null,
      avatarUrl: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('searches names and emails by word prefix, in any case', async () => {
    const names = async (search: string) =>
      (await asAdmin.users.list({ search })).items.map((item) => item.name).sort();
    expect(await names('ada')).toEqual(['Ada Lovelace', 'Adam Smith']);
    expect(await names('LOVE')).toEqual(['Ada Lovelace']);
    expect(await names('navy')).toEqual(['Grace Hopper']);
    expect(await names('aurora')).toEqual(['Ada Lovelace', 'Alex Admin', 'Maya Rivera']);
    expect(await names('nobody')).toEqual([]);
  });

  it('filters by role, alone or with a search', async () => {
    const page = await asAdmin.users.list({ role: 'instructor' });
    expect(page.total).toBe(2);
    expect(page.items.map((item) => item.name)).toEqual(['Adam Smith', 'Maya Rivera']);
    const both = await asAdmin.users.list({ role: 'instructor', search: 'ada' });
    expect(both.items.map((item) => item.name)).toEqual(['Adam Smith']);
  });

  it('pages with a cursor, never repeating or skipping anyone', async () => {
    const first = await asAdmin.users.list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(5);
    const second = await asAdmin.users.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await asAdmin.users.list({ limit: 2, cursor: second.nextCursor ?? undefined });
    expect(third.nextCursor).toBeNull();
    const all = [...first.items, ...second.items, ...third.items].map((item) => item.name);
    expect(all).toEqual(['Adam Smith', 'Maya Rivera', 'Grace Hopper', 'Ada Lovelace', 'Alex Admin']);
  });

  it('refuses a limit outside 1–100 and an unknown role', async () => {
    expect(await outcome(asAdmin.users.list({ limit: 0 }))).toBe('BAD_REQUEST');
    expect(await outcome(asAdmin.users.list({ limit: 101 }))).toBe('BAD_REQUEST');
    // @ts-expect-error: not a role
    expect(await outcome(asAdmin.users.list({ role: 'owner' }))).toBe('BAD_REQUEST');
  });
});

describe('users.setRole', () => {
  it('changes the role the user is authorized with and the listed one', async () => {
    const learner = await createTestUser(services, 'regular');
    const learnerCtx = await contextFor(services, learner);
    const item = await asAdmin.users.setRole({ userId: learner.id, role: 'instructor' });

    expect(item).toMatchObject({ id: learner.id, role: 'instructor' });
    expect((await services.backend.users.get(learner.id)).role).toBe('instructor');
    expect(await services.backend.tables.get({ ...PROFILES, rowId: learner.id })).toMatchObject({
      role: 'instructor',
    });
    // The learner's existing session sees the new role on the next request.
    const next = await createContext(services, learnerCtx.request);
    expect(await createCaller(next).auth.me()).toMatchObject({ role: 'instructor' });
  });

  it('refuses an unknown role and an unknown user, changing nothing', async () => {
    const learner = await createTestUser(services, 'regular');
    const before = await writesSoFar(services);
    // @ts-expect-error: not a role
    expect(await outcome(asAdmin.users.setRole({ userId: learner.id, role: 'owner' }))).toBe('BAD_REQUEST');
    await expect(asAdmin.users.setRole({ userId: 'no-such-user', role: 'admin' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await writesSoFar(services)).toEqual(before);
    expect((await services.backend.users.get(learner.id)).role).toBe('regular');
  });

  it('never demotes the last admin, not even by themselves', async () => {
    const before = await writesSoFar(services);
    await expect(asAdmin.users.setRole({ userId: admin.id, role: 'regular' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Alex Admin is the last admin'),
    });
    expect(await writesSoFar(services)).toEqual(before);
    expect((await services.backend.users.get(admin.id)).role).toBe('admin');
  });

  it('lets an admin step down once there is another', async () => {
    const second = await createTestUser(services, 'admin');
    await expect(asAdmin.users.setRole({ userId: admin.id, role: 'instructor' })).resolves.toMatchObject({
      role: 'instructor',
    });
    await expect(
      createCaller(await contextFor(services, second)).users.setRole({ userId: second.id, role: 'regular' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps one admin when two demote each other at the same moment', async () => {
    const second = await createTestUser(services, 'admin');
    const asSecond = createCaller(await contextFor(services, second));
    const results = await Promise.all([
      outcome(asAdmin.users.setRole({ userId: second.id, role: 'regular' })),
      outcome(asSecond.users.setRole({ userId: admin.id, role: 'regular' })),
    ]);
    expect(results).toContain('CONFLICT');
    const admins = await services.backend.tables.list({
      ...PROFILES,
      queries: [Query.equal('role', 'admin')],
    });
    expect(admins.total).toBeGreaterThanOrEqual(1);
  });
});

describe('users.delete', () => {
  it('ends the user’s sessions at once and removes everything personal', async () => {
    const learner = await createTestUser(services, 'regular');
    const learnerCtx = await contextFor(services, learner);
    const secret = learnerCtx.request.sessionSecret ?? '';
    await createCaller(learnerCtx).auth.updateProfile({ avatar: avatarUpload(samples.png) });
    await createApiToken(scopeFor(services, learner), { name: 'script' });
    const now = new Date().toISOString();
    for (const [tableId, data] of [
      ['enrollments', { userId: learner.id, courseId: 'c1', enrolledAt: now }],
      ['video_progress', { userId: learner.id, lessonId: 'l1', updatedAt: now }],
      [
        'video_access_tokens',
        { userId: learner.id, lessonId: 'l1', accessToken: 'a'.repeat(64), expiresAt: now },
      ],
    ] as const) {
      await services.backend.tables.create({ databaseId: 'aurora_main', tableId, data });
    }
    expect((await services.backend.sessions.resolve(secret))?.user.id).toBe(learner.id);

    await expect(asAdmin.users.delete({ userId: learner.id })).resolves.toEqual({ ok: true });

    expect(await services.backend.sessions.resolve(secret)).toBeNull();
    await expect(services.backend.users.get(learner.id)).rejects.toMatchObject({ kind: 'not_found' });
    for (const tableId of ['users', 'api_tokens', 'enrollments', 'video_progress', 'video_access_tokens']) {
      const field = tableId === 'users' ? '$id' : 'userId';
      const { total } = await services.backend.tables.list({
        databaseId: 'aurora_main',
        tableId,
        queries: [Query.equal(field, learner.id)],
      });
      expect(total, tableId).toBe(0);
    }
    expect((await services.backend.storage.list({ bucketId: 'user-uploads' })).total).toBe(0);
  });

  it('hands the user’s courses to the deleting admin, published or not', async () => {
    const teacher = await createTestUser(services, 'instructor');
    const published = await services.backend.tables.create({
      ...COURSES,
      data: courseRow({ instructor: teacher.id, title: 'Published', isPublished: true }),
    });
    const draft = await services.backend.tables.create({
      ...COURSES,
      data: courseRow({ instructor: teacher.id, title: 'Draft' }),
    });

    await asAdmin.users.delete({ userId: teacher.id });

    expect(await services.backend.tables.get({ ...COURSES, rowId: published.$id })).toMatchObject({
      instructor: admin.id,
      isPublished: true,
    });
    expect(await services.backend.tables.get({ ...COURSES, rowId: draft.$id })).toMatchObject({
      instructor: admin.id,
      isPublished: false,
    });
  });

  it('lets an admin delete themselves when another admin remains, who gets their courses', async () => {
    const second = await createTestUser(services, 'admin');
    const course = await services.backend.tables.create({
      ...COURSES,
      data: courseRow({ instructor: second.id }),
    });
    await createCaller(await contextFor(services, second)).users.delete({ userId: second.id });

    expect(await services.backend.tables.get({ ...COURSES, rowId: course.$id })).toMatchObject({
      instructor: admin.id,
    });
  });

  it('never deletes the last admin', async () => {
    const before = await writesSoFar(services);
    await expect(asAdmin.users.delete({ userId: admin.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('is the last admin'),
    });
    expect(await writesSoFar(services)).toEqual(before);
  });

  it('answers NOT_FOUND for someone who does not exist', async () => {
    expect(await outcome(asAdmin.users.delete({ userId: 'no-such-user' }))).toBe('NOT_FOUND');
  });

  it('stops the user’s API tokens from working', async () => {
    const learner = await createTestUser(services, 'regular');
    const { token } = await createApiToken(scopeFor(services, learner), { name: 'script' });
    await asAdmin.users.delete({ userId: learner.id });
    const ctx = await createContext(services, { ...browserFacts, bearerToken: token });
    expect(ctx.user).toBeNull();
    expect(await outcome(createCaller(ctx).auth.me())).toBe('UNAUTHORIZED');
  });
});
