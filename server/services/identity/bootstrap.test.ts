import { afterEach, describe, expect, it } from 'vitest';
import { createTestServices, createTestUser, type TestServices } from '../../../tests/helpers/services';
import { backgroundScope } from '../scope';
import { bootstrapIdentity, DEMO_ACCOUNTS } from './bootstrap';
import { findProfile } from './profiles';

let services: TestServices;
afterEach(async () => {
  await services.cleanup();
});

const quiet = () => undefined;
const ADMIN_ENV = { AURORA_ADMIN_EMAIL: 'Boss@School.example', AURORA_ADMIN_PASSWORD: 'boss password' };

describe('the configured admin', () => {
  it('is created once as an admin who can sign in, and left alone after', async () => {
    services = await createTestServices({ env: ADMIN_ENV });
    const first = await bootstrapIdentity(backgroundScope(services), quiet);
    expect(first).toEqual({ admin: 'created', demoAccounts: 0, ownerMade: expect.any(String) });
    expect(await bootstrapIdentity(backgroundScope(services), quiet)).toEqual({
      admin: 'unchanged',
      demoAccounts: 0,
      ownerMade: null,
    });

    const session = await services.backend.sessions.create({
      email: 'boss@school.example',
      password: 'boss password',
    });
    const user = await services.backend.users.get(session.userId);
    expect(user).toMatchObject({ id: first.ownerMade, role: 'admin', orgRole: 'owner' });
    expect(await findProfile(services.backend, user.id)).toMatchObject({ role: 'admin', orgRole: 'owner' });
    expect((await services.backend.users.list()).total).toBe(1);
  });

  it('promotes an existing account without touching its password', async () => {
    services = await createTestServices({ env: ADMIN_ENV });
    const existing = await createTestUser(services, 'regular', { email: 'boss@school.example' });
    expect(await bootstrapIdentity(backgroundScope(services), quiet)).toMatchObject({ admin: 'promoted' });

    expect((await services.backend.users.get(existing.id)).role).toBe('admin');
    expect(await findProfile(services.backend, existing.id)).toMatchObject({ role: 'admin' });
    await expect(
      services.backend.sessions.create({ email: 'boss@school.example', password: 'boss password' }),
    ).rejects.toMatchObject({ kind: 'unauthorized' });
  });
});

describe('demo accounts', () => {
  it('fill a new data directory, say so in one line, and sign in with the README’s passwords', async () => {
    services = await createTestServices({ env: { AURORA_DEMO: '1' } });
    const lines: string[] = [];
    expect(await bootstrapIdentity(backgroundScope(services), (line) => lines.push(line))).toEqual({
      admin: null,
      demoAccounts: 4,
      ownerMade: expect.any(String),
    });
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('Alex Admin (admin@aurora.test) is now the Organization Owner.');
    expect(lines[0]).toContain('admin@aurora.test / aurora-admin');
    expect(lines[1]).toBe(
      'Demo content is ready: 3 published courses and 1 draft by Maya Rivera; Ada and Grace are part-way through them.',
    );

    for (const account of DEMO_ACCOUNTS) {
      const session = await services.backend.sessions.create({
        email: account.email,
        password: account.password,
      });
      expect(await services.backend.users.get(session.userId)).toMatchObject({
        role: account.role,
        orgRole: account.role === 'admin' ? 'owner' : null,
      });
    }
    expect(DEMO_ACCOUNTS.map((account) => [account.name, account.role])).toEqual([
      ['Alex Admin', 'admin'],
      ['Maya Rivera', 'instructor'],
      ['Ada Lovelace', 'regular'],
      ['Grace Hopper', 'regular'],
    ]);
  });

  it('are not created again, nor in a directory that already has people', async () => {
    services = await createTestServices({ env: { AURORA_DEMO: '1' } });
    await bootstrapIdentity(backgroundScope(services), quiet);
    expect(await bootstrapIdentity(backgroundScope(services), quiet)).toMatchObject({ demoAccounts: 0 });

    const used = await createTestServices({ env: { AURORA_DEMO: '1' } });
    await createTestUser(used, 'regular');
    expect(await bootstrapIdentity(backgroundScope(used), quiet)).toMatchObject({ demoAccounts: 0 });
    await used.cleanup();
  });

  it('still come with a configured admin on a new install', async () => {
    services = await createTestServices({ env: { AURORA_DEMO: '1', ...ADMIN_ENV } });
    const report = await bootstrapIdentity(backgroundScope(services), quiet);
    expect(report).toEqual({ admin: 'created', demoAccounts: 4, ownerMade: expect.any(String) });
    // The configured admin came first, so they are the owner, not the demo admin.
    const boss = await services.backend.users.findByEmail('boss@school.example');
    expect(boss).toMatchObject({ id: report.ownerMade, orgRole: 'owner' });
    expect((await services.backend.users.findByEmail('admin@aurora.test'))?.orgRole).toBeNull();
  });

  it('are never created in production or with AURORA_DEMO=0', async () => {
    services = await createTestServices({ env: { AURORA_DEMO: '1', NODE_ENV: 'production' } });
    expect(await bootstrapIdentity(backgroundScope(services), quiet)).toEqual({
      admin: null,
      demoAccounts: 0,
      ownerMade: null,
    });
    expect((await services.backend.users.list()).total).toBe(0);

    const switchedOff = await createTestServices({ env: { AURORA_DEMO: '0' } });
    expect(await bootstrapIdentity(backgroundScope(switchedOff), quiet)).toEqual({
      admin: null,
      demoAccounts: 0,
      ownerMade: null,
    });
    await switchedOff.cleanup();
  });
});

describe('the Organization Owner', () => {
  it('is the oldest admin of an install that has admins but no owner, and only while there is none', async () => {
    services = await createTestServices();
    await createTestUser(services, 'regular');
    const oldest = await createTestUser(services, 'admin');
    const younger = await createTestUser(services, 'admin');
    const lines: string[] = [];
    expect(await bootstrapIdentity(backgroundScope(services), (line) => lines.push(line))).toEqual({
      admin: null,
      demoAccounts: 0,
      ownerMade: oldest.id,
    });
    expect(lines).toEqual([`${oldest.name} (${oldest.email}) is now the Organization Owner.`]);
    expect((await services.backend.users.get(oldest.id)).orgRole).toBe('owner');
    expect(await findProfile(services.backend, oldest.id)).toMatchObject({ orgRole: 'owner' });
    expect((await services.backend.users.get(younger.id)).orgRole).toBeNull();

    expect(await bootstrapIdentity(backgroundScope(services), quiet)).toMatchObject({ ownerMade: null });
  });

  it('is nobody on an install without admins', async () => {
    services = await createTestServices();
    await createTestUser(services, 'instructor');
    expect(await bootstrapIdentity(backgroundScope(services), quiet)).toMatchObject({ ownerMade: null });
  });
});
