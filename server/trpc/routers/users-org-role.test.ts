/** users.setOrgRole (decision 0039): who may give which organization role, the last owner, the audit row. */
import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outcome, writesSoFar } from '../../../tests/helpers/identity';
import { createOwner, giveOrgRole } from '../../../tests/helpers/org-roles';
import {
  contextAs,
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import type { OrgRole } from '../../../shared/permissions';
import { createContext } from '../context';
import { createCaller, type Caller } from '../root';
import { PROFILES, SECURITY_LOGS } from '../../services/tables';

let services: TestServices;
let owner: AuthUser;
let asOwner: Caller;

beforeEach(async () => {
  services = await createTestServices();
  owner = await createOwner(services, { name: 'Olive Owner', email: 'olive@aurora.test' });
  asOwner = createCaller(await contextFor(services, owner));
});
afterEach(async () => {
  await services.cleanup();
});

async function callerWith(orgRole: OrgRole | null, role: 'regular' | 'instructor' | 'admin' = 'regular') {
  const user = await giveOrgRole(services, await createTestUser(services, role), orgRole);
  return { user, caller: createCaller(await contextFor(services, user)) };
}

async function orgRoleOf(userId: string) {
  const profile = await services.backend.tables.get({ ...PROFILES, rowId: userId });
  return { auth: (await services.backend.users.get(userId)).orgRole, profile: profile.orgRole };
}

describe('users.setOrgRole', () => {
  it('gives and clears an organization role, in the auth user, the profile, the list and the security log', async () => {
    const learner = await createTestUser(services, 'regular');
    const learnerCtx = await contextFor(services, learner);

    const item = await asOwner.users.setOrgRole({ userId: learner.id, orgRole: 'viewer' });

    expect(item).toMatchObject({ id: learner.id, role: 'regular', orgRole: 'viewer' });
    expect(await orgRoleOf(learner.id)).toEqual({ auth: 'viewer', profile: 'viewer' });
    const listed = await asOwner.users.list();
    expect(listed.items.find((each) => each.id === learner.id)?.orgRole).toBe('viewer');
    expect(listed.items.find((each) => each.id === owner.id)?.orgRole).toBe('owner');
    // Their existing session carries the new role on its next request.
    const next = await createContext(services, learnerCtx.request);
    expect(next.user?.orgRole).toBe('viewer');

    await expect(asOwner.users.setOrgRole({ userId: learner.id, orgRole: null })).resolves.toMatchObject({
      orgRole: null,
    });
    expect(await orgRoleOf(learner.id)).toEqual({ auth: null, profile: null });

    const { rows } = await services.backend.tables.list({
      ...SECURITY_LOGS,
      queries: [Query.equal('action', 'org_role_changed')],
    });
    expect(rows.map((row) => [row.userId, row.reason]).sort()).toEqual([
      [owner.id, `user ${learner.id} given Viewer (was no organization role)`],
      [owner.id, `user ${learner.id} given no organization role (was Viewer)`],
    ]);
  });

  it('lets an admin give the roles whose permissions they hold, but never make or unmake an owner', async () => {
    const { caller: asAdmin } = await callerWith(null, 'admin');
    const learner = await createTestUser(services, 'regular');
    for (const orgRole of ['admin', 'team_lead', 'content_creator', 'moderator', 'viewer'] as const) {
      await expect(asAdmin.users.setOrgRole({ userId: learner.id, orgRole })).resolves.toMatchObject({
        orgRole,
      });
    }
    const second = await giveOrgRole(services, await createTestUser(services, 'admin'), 'owner');
    const before = await writesSoFar(services);
    await expect(asAdmin.users.setOrgRole({ userId: learner.id, orgRole: 'owner' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('Organization Owner'),
    });
    await expect(asAdmin.users.setOrgRole({ userId: second.id, orgRole: 'viewer' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await writesSoFar(services)).toEqual(before);
    expect(await orgRoleOf(second.id)).toEqual({ auth: 'owner', profile: 'owner' });
  });

  it('refuses everyone without roles.assign, writing nothing', async () => {
    const target = await createTestUser(services, 'regular');
    const callers = [
      await callerWith(null),
      await callerWith(null, 'instructor'),
      await callerWith('viewer'),
      await callerWith('moderator'),
      await callerWith('team_lead', 'instructor'),
      await callerWith('content_creator'),
    ];
    const before = await writesSoFar(services);
    for (const { caller } of callers) {
      expect(await outcome(caller.users.setOrgRole({ userId: target.id, orgRole: 'viewer' }))).toBe(
        'FORBIDDEN',
      );
    }
    expect(await writesSoFar(services)).toEqual(before);
    const asVisitor = createCaller(await contextAs(services, 'anonymous'));
    expect(await outcome(asVisitor.users.setOrgRole({ userId: target.id, orgRole: 'viewer' }))).toBe(
      'UNAUTHORIZED',
    );
  });

  it('refuses an unknown role and an unknown user, writing nothing', async () => {
    const learner = await createTestUser(services, 'regular');
    const before = await writesSoFar(services);
    expect(
      // @ts-expect-error: not an organization role
      await outcome(asOwner.users.setOrgRole({ userId: learner.id, orgRole: 'superuser' })),
    ).toBe('BAD_REQUEST');
    await expect(
      asOwner.users.setOrgRole({ userId: 'no-such-user', orgRole: 'viewer' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await writesSoFar(services)).toEqual(before);
    expect(await orgRoleOf(learner.id)).toEqual({ auth: null, profile: null });
  });

  it('never demotes the last owner, not even by themselves', async () => {
    const before = await writesSoFar(services);
    await expect(asOwner.users.setOrgRole({ userId: owner.id, orgRole: 'admin' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Olive Owner is the last Organization Owner'),
    });
    expect(await writesSoFar(services)).toEqual(before);
    expect(await orgRoleOf(owner.id)).toEqual({ auth: 'owner', profile: 'owner' });
  });

  it('lets an owner step down once there is another, and keeps one when two demote each other at once', async () => {
    const { user: second, caller: asSecond } = await callerWith('owner');
    await expect(asOwner.users.setOrgRole({ userId: owner.id, orgRole: 'admin' })).resolves.toMatchObject({
      orgRole: 'admin',
    });
    expect(await outcome(asSecond.users.setOrgRole({ userId: second.id, orgRole: null }))).toBe('CONFLICT');

    const { caller: asThird, user: third } = await callerWith('owner');
    const results = await Promise.all([
      outcome(asSecond.users.setOrgRole({ userId: third.id, orgRole: null })),
      outcome(asThird.users.setOrgRole({ userId: second.id, orgRole: null })),
    ]);
    expect(results).toContain('CONFLICT');
    const owners = await services.backend.tables.list({
      ...PROFILES,
      queries: [Query.equal('orgRole', 'owner')],
    });
    expect(owners.total).toBeGreaterThanOrEqual(1);
  });

  it('refuses to delete the last owner', async () => {
    const { caller: asAdmin } = await callerWith(null, 'admin');
    expect(await outcome(asAdmin.users.delete({ userId: owner.id }))).toBe('CONFLICT');
    expect((await services.backend.users.get(owner.id)).orgRole).toBe('owner');
  });
});
