/**
 * Who may call what: every `auth`, `users`, `mail`, `jobs` and `settings` procedure as a visitor, a learner, an
 * instructor, an admin and an Organization Owner (an admin who is also the owner). Each call gets valid input prepared for it, so a refusal can
 * only come from authorization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome } from '../../../tests/helpers/identity';
import { queueTestMail } from '../../../tests/helpers/mail';
import { giveOrgRole } from '../../../tests/helpers/org-roles';
import {
  scopeFor,
  contextAs,
  contextFor,
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '../../../tests/helpers/services';

import { createApiToken } from '../../services/identity/api-tokens';
import { inviteUser } from '../../services/identity/invitations';
import { backgroundScope } from '../../services/scope';
import type { Context } from '../context';
import { appRouter, createCaller, type Caller } from '../root';

type Who = 'anonymous' | 'regular' | 'instructor' | 'admin' | 'owner';
type Call = (caller: Caller, ctx: Context) => Promise<unknown>;

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
  // So deleting or demoting never meets the last-admin rule here.
  await createTestUser(services, 'admin');
});
afterAll(async () => {
  await services.cleanup();
});

let n = 0;
const someoneElse = async () => (await createTestUser(services, 'regular')).id;

const PROCEDURES: [string, Call][] = [
  [
    'auth.register',
    (caller) =>
      caller.auth.register({ email: `new-${++n}@example.test`, password: 'long enough', name: 'New' }),
  ],
  [
    'auth.login',
    async (caller) => {
      const user = await createTestUser(services, 'regular');
      return caller.auth.login({ email: user.email, password: TEST_PASSWORD });
    },
  ],
  ['auth.logout', (caller) => caller.auth.logout()],
  ['auth.me', (caller) => caller.auth.me()],
  ['auth.permissions', (caller) => caller.auth.permissions()],
  [
    'auth.resetPassword',
    async (caller) => {
      const invitation = await inviteUser(backgroundScope(services), {
        name: 'Invited',
        email: `invited-${++n}@example.test`,
        role: 'regular',
      });
      const token = new URL(invitation.link).searchParams.get('token') ?? '';
      return caller.auth.resetPassword({ token, password: 'a new password' });
    },
  ],
  // Each call is a fresh account (contextOf), so changing its password leaves nothing behind.
  [
    'auth.changePassword',
    (caller) =>
      caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'a changed password' }),
  ],
  [
    'auth.requestPasswordReset',
    (caller) => caller.auth.requestPasswordReset({ email: `forgot-${++n}@example.test` }),
  ],
  ['auth.updateProfile', (caller) => caller.auth.updateProfile({ bio: 'Hello' })],
  ['auth.createApiToken', (caller) => caller.auth.createApiToken({ name: 'script' })],
  ['auth.listApiTokens', (caller) => caller.auth.listApiTokens()],
  [
    'auth.revokeApiToken',
    async (caller, ctx) => {
      const owner = ctx.user?.id ?? (await someoneElse());
      const token = await createApiToken(scopeFor(services, await services.backend.users.get(owner)), {
        name: 'mine',
      });
      return caller.auth.revokeApiToken({ tokenId: token.id });
    },
  ],
  ['users.list', (caller) => caller.users.list()],
  [
    'users.setRole',
    async (caller) => caller.users.setRole({ userId: await someoneElse(), role: 'instructor' }),
  ],
  [
    'users.setOrgRole',
    async (caller) => caller.users.setOrgRole({ userId: await someoneElse(), orgRole: 'viewer' }),
  ],
  ['users.delete', async (caller) => caller.users.delete({ userId: await someoneElse() })],
  [
    'users.invite',
    (caller) =>
      caller.users.invite({ name: 'Newcomer', email: `newcomer-${++n}@example.test`, role: 'regular' }),
  ],
  ['mail.list', (caller) => caller.mail.list()],
  ['mail.get', async (caller) => caller.mail.get({ messageId: await queueTestMail(services) })],
  ['jobs.status', (caller) => caller.jobs.status()],
  ['settings.get', (caller) => caller.settings.get()],
  // Off, as it was: the answer can only be authorization, and later cases see the default.
  ['settings.update', (caller) => caller.settings.update({ reviewBeforePublishing: false })],
];

const ANYONE = { anonymous: 'ok', regular: 'ok', instructor: 'ok', admin: 'ok', owner: 'ok' };
const SIGNED_IN = { anonymous: 'UNAUTHORIZED', regular: 'ok', instructor: 'ok', admin: 'ok', owner: 'ok' };
const ADMIN = {
  anonymous: 'UNAUTHORIZED',
  regular: 'FORBIDDEN',
  instructor: 'FORBIDDEN',
  admin: 'ok',
  owner: 'ok',
};

const EXPECTED: Record<string, Record<Who, string>> = {
  'auth.register': ANYONE,
  'auth.login': ANYONE,
  'auth.logout': ANYONE,
  'auth.me': ANYONE,
  'auth.permissions': ANYONE,
  // A one-time link is the credential: anyone holding it may use it.
  'auth.resetPassword': ANYONE,
  'auth.changePassword': SIGNED_IN,
  'auth.requestPasswordReset': ANYONE,
  'auth.updateProfile': SIGNED_IN,
  'auth.createApiToken': SIGNED_IN,
  'auth.listApiTokens': SIGNED_IN,
  'auth.revokeApiToken': SIGNED_IN,
  'users.list': ADMIN,
  'users.setRole': ADMIN,
  // Signed in, then the service: roles.assign and every permission of the role given.
  'users.setOrgRole': ADMIN,
  'users.delete': ADMIN,
  'users.invite': ADMIN,
  'mail.list': ADMIN,
  'mail.get': ADMIN,
  'jobs.status': ADMIN,
  // settings.manage: the Owner's alone (decision 0039), not an Organization Admin's.
  'settings.get': { ...ADMIN, admin: 'FORBIDDEN' },
  'settings.update': { ...ADMIN, admin: 'FORBIDDEN' },
};

const WHO: Who[] = ['anonymous', 'regular', 'instructor', 'admin', 'owner'];

async function contextOf(who: Who): Promise<Context> {
  if (who !== 'owner') return contextAs(services, who);
  return contextFor(services, await giveOrgRole(services, await createTestUser(services, 'admin'), 'owner'));
}

describe('authorization matrix', () => {
  it('covers every auth, users, mail, jobs and settings procedure', () => {
    const paths = Object.keys(appRouter._def.procedures).filter((path) =>
      /^(auth|users|mail|jobs|settings)\./.test(path),
    );
    expect(PROCEDURES.map(([name]) => name).sort()).toEqual(paths.sort());
  });

  it.each(PROCEDURES.flatMap(([name, call]) => WHO.map((who) => [name, who, call] as const)))(
    '%s as %s',
    async (name, who, call) => {
      const ctx = await contextOf(who);
      expect(await outcome(call(createCaller(ctx), ctx))).toBe(EXPECTED[name]?.[who]);
    },
  );
});
