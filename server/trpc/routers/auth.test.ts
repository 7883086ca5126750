import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { avatarUpload, samples } from '../../../tests/fixtures/images';
import { invalidField, sessionSetBy, writesSoFar } from '../../../tests/helpers/identity';
import {
  contextFor,
  createTestServices,
  createTestUser,
  sameSiteFacts,
  type TestServices,
} from '../../../tests/helpers/services';
import { createContext } from '../context';
import { createCaller } from '../root';
import { PROFILES, USER_ACTIVITY } from '../../services/tables';
import { ORG_ROLE_PERMISSIONS } from '../../../shared/permissions';

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => {
  await services.cleanup();
});

async function visitor(overrides: Parameters<typeof sameSiteFacts>[1] = {}) {
  const ctx = await createContext(services, sameSiteFacts(services, overrides));
  return { ctx, caller: createCaller(ctx) };
}

let emails = 0;
const freshEmail = () => `person-${++emails}@example.test`;

describe('auth.register', () => {
  it('creates the account and its profile, signs in and answers the viewer', async () => {
    const { ctx, caller } = await visitor();
    const viewer = await caller.auth.register({
      email: '  Ada.Lovelace@Example.TEST ',
      password: 'analytical engine',
      name: '  Ada Lovelace ',
    });

    expect(viewer).toEqual({
      id: expect.any(String),
      email: 'ada.lovelace@example.test',
      name: 'Ada Lovelace',
      role: 'regular',
      orgRole: null,
      permissions: [],
      bio: '',
      avatarUrl: null,
    });
    const profile = await services.backend.tables.get({ ...PROFILES, rowId: viewer.id });
    expect(profile).toMatchObject({
      email: 'ada.lovelace@example.test',
      name: 'Ada Lovelace',
      role: 'regular',
    });
    const secret = sessionSetBy(ctx.responseHeaders);
    expect(secret).not.toBeNull();
    const resolved = await services.backend.sessions.resolve(secret ?? '');
    expect(resolved?.user.id).toBe(viewer.id);
  });

  it.each([
    ['a malformed email', { email: 'not-an-email', password: 'long enough', name: 'Ana' }, 'email'],
    [
      'an overlong email',
      { email: `${'a'.repeat(316)}@x.io`, password: 'long enough', name: 'Ana' },
      'email',
    ],
    ['a short password', { email: 'short@example.test', password: 'seven77', name: 'Ana' }, 'password'],
    ['a long password', { email: 'long@example.test', password: 'p'.repeat(257), name: 'Ana' }, 'password'],
    ['an empty name', { email: 'empty@example.test', password: 'long enough', name: '   ' }, 'name'],
    [
      'an overlong name',
      { email: 'name@example.test', password: 'long enough', name: 'n'.repeat(129) },
      'name',
    ],
  ])('refuses %s with BAD_REQUEST and writes nothing', async (_label, input, field) => {
    const before = await writesSoFar(services);
    const { ctx, caller } = await visitor();
    await expect(caller.auth.register(input)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await invalidField(caller.auth.register(input))).toBe(field);
    expect(await writesSoFar(services)).toEqual(before);
    expect(ctx.responseHeaders.getSetCookie()).toEqual([]);
  });

  it('refuses a taken email, in any case, with CONFLICT and writes nothing but its count', async () => {
    const email = freshEmail();
    await (await visitor()).caller.auth.register({ email, password: 'long enough', name: 'First' });
    const before = await writesSoFar(services);
    const { ctx, caller } = await visitor();

    await expect(
      caller.auth.register({ email: email.toUpperCase(), password: 'another one', name: 'Second' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'An account with this email already exists.' });
    // The one write is the address's registration counter (decision 0015): probing counts.
    expect(await writesSoFar(services)).toEqual({ ...before, events: before.events + 1 });
    expect(ctx.responseHeaders.getSetCookie()).toEqual([]);
  });
});

describe('auth.login', () => {
  it('signs in, sets the cookie and records a login activity row', async () => {
    const user = await createTestUser(services, 'instructor');
    const { ctx, caller } = await visitor({ clientIp: '198.51.100.20', userAgent: 'Firefox/140' });
    const viewer = await caller.auth.login({
      email: user.email.toUpperCase(),
      password: 'correct horse battery staple',
    });

    expect(viewer).toMatchObject({ id: user.id, role: 'instructor' });
    expect(sessionSetBy(ctx.responseHeaders)).not.toBeNull();
    const { rows } = await services.backend.tables.list({
      ...USER_ACTIVITY,
      queries: [Query.equal('userId', user.id)],
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'login', timestamp: expect.any(String) });
    expect(JSON.parse(String(rows[0]?.metadata))).toEqual({ ip: '198.51.100.20', userAgent: 'Firefox/140' });
  });

  it('answers an unknown email and a wrong password with the same words', async () => {
    const user = await createTestUser(services, 'regular');
    const { caller } = await visitor({ clientIp: '198.51.100.21' });
    const wrongPassword = caller.auth.login({ email: user.email, password: 'not the password' });
    const unknownEmail = caller.auth.login({ email: 'nobody@example.test', password: 'not the password' });

    // Both are awaited together: awaiting one at a time left the other's rejection unhandled if it came first.
    await Promise.all(
      [wrongPassword, unknownEmail].map((attempt) =>
        expect(attempt).rejects.toMatchObject({
          code: 'UNAUTHORIZED',
          message: 'Email or password is incorrect.',
        }),
      ),
    );
  });

  it('replaces the session the browser already had', async () => {
    const user = await createTestUser(services, 'regular');
    const old = await contextFor(services, user);
    const oldSecret = old.request.sessionSecret ?? '';
    const caller = createCaller(old);
    await caller.auth.login({ email: user.email, password: 'correct horse battery staple' });

    expect(await services.backend.sessions.resolve(oldSecret)).toBeNull();
    expect(sessionSetBy(old.responseHeaders)).not.toBe(oldSecret);
  });
});

describe('auth.logout', () => {
  it('ends the session and clears the cookie', async () => {
    const ctx = await contextFor(services, await createTestUser(services, 'regular'));
    const secret = ctx.request.sessionSecret ?? '';
    await expect(createCaller(ctx).auth.logout()).resolves.toEqual({ ok: true });

    expect(await services.backend.sessions.resolve(secret)).toBeNull();
    expect(ctx.responseHeaders.getSetCookie().at(-1)).toMatch(/^aurora_session=; .*Max-Age=0/);
  });

  it('ends every session of the user with `everywhere`', async () => {
    const user = await createTestUser(services, 'regular');
    const phone = await contextFor(services, user);
    const laptop = await contextFor(services, user);
    await createCaller(laptop).auth.logout({ everywhere: true });

    expect(await services.backend.sessions.resolve(phone.request.sessionSecret ?? '')).toBeNull();
    expect(await createCaller(await createContext(services, phone.request)).auth.me()).toBeNull();
  });

  it('is fine for a visitor', async () => {
    await expect((await visitor()).caller.auth.logout()).resolves.toEqual({ ok: true });
  });
});

describe('auth.permissions', () => {
  it('lists what the viewer holds across the organization, sorted; nothing for a visitor', async () => {
    expect(await (await visitor()).caller.auth.permissions()).toEqual([]);
    const as = async (role: 'regular' | 'instructor' | 'admin') =>
      createCaller(await contextFor(services, await createTestUser(services, role))).auth.permissions();
    expect(await as('regular')).toEqual([]);
    expect(await as('instructor')).toEqual(['courses.create']);
    const admin = await as('admin');
    expect(admin).toEqual([...admin].sort());
    expect(admin).toEqual(expect.arrayContaining(['users.manage', 'courses.modify', 'roles.assign']));
    expect(admin).not.toContain('settings.manage');
  });

  it('follows a role change on the next request', async () => {
    const user = await createTestUser(services, 'regular');
    await services.backend.users.setRole(user.id, 'instructor');
    expect(await createCaller(await contextFor(services, user)).auth.permissions()).toEqual([
      'courses.create',
    ]);
  });
});

describe('auth.me', () => {
  it('is null for a visitor and the full viewer when signed in', async () => {
    expect(await (await visitor()).caller.auth.me()).toBeNull();
    const user = await createTestUser(services, 'admin', { name: 'Alex Admin' });
    expect(await createCaller(await contextFor(services, user)).auth.me()).toEqual({
      id: user.id,
      email: user.email,
      name: 'Alex Admin',
      role: 'admin',
      orgRole: null,
      permissions: [...ORG_ROLE_PERMISSIONS.admin],
      bio: '',
      avatarUrl: null,
    });
  });

  it('clears a cookie whose session no longer exists', async () => {
    const { ctx, caller } = await visitor({ sessionSecret: 'long-gone' });
    expect(await caller.auth.me()).toBeNull();
    expect(ctx.responseHeaders.getSetCookie()).toEqual([expect.stringMatching(/^aurora_session=; /)]);
  });
});

describe('auth.updateProfile', () => {
  it('changes name and bio, in the profile and the auth user', async () => {
    const user = await createTestUser(services, 'regular');
    const caller = createCaller(await contextFor(services, user));
    const viewer = await caller.auth.updateProfile({ name: ' Grace Hopper ', bio: 'Compilers.' });

    expect(viewer).toMatchObject({ name: 'Grace Hopper', bio: 'Compilers.' });
    expect((await services.backend.users.get(user.id)).name).toBe('Grace Hopper');
    expect(await caller.auth.me()).toMatchObject({ name: 'Grace Hopper', bio: 'Compilers.' });
  });

  it('stores an avatar by what its bytes are, replaces the old one and removes it on null', async () => {
    const user = await createTestUser(services, 'regular');
    const caller = createCaller(await contextFor(services, user));

    // Claimed to be a PNG; the bytes say JPEG, and the bytes win.
    const first = await caller.auth.updateProfile({
      avatar: avatarUpload(samples.jpeg, 'me.png', 'image/png'),
    });
    const firstId = first.avatarUrl?.replace('/avatars/', '') ?? '';
    expect(first.avatarUrl).toMatch(/^\/avatars\/[a-zA-Z0-9]+$/);
    const stored = await services.backend.storage.getMetadata({ bucketId: 'user-uploads', fileId: firstId });
    expect(stored).toMatchObject({ mimeType: 'image/jpeg', name: 'avatar.jpg' });

    const second = await caller.auth.updateProfile({ avatar: avatarUpload(samples.png) });
    expect(second.avatarUrl).not.toBe(first.avatarUrl);
    await expect(
      services.backend.storage.getMetadata({ bucketId: 'user-uploads', fileId: firstId }),
    ).rejects.toMatchObject({ kind: 'not_found' });

    const removed = await caller.auth.updateProfile({ avatar: null });
    expect(removed.avatarUrl).toBeNull();
    const files = await services.backend.storage.list({ bucketId: 'user-uploads' });
    expect(files.files.map((file) => file.id)).not.toContain(second.avatarUrl?.replace('/avatars/', ''));
  });

  it.each([
    ['a PDF', avatarUpload(samples.pdf, 'cv.pdf', 'application/pdf'), 'PNG, JPEG, GIF or WebP'],
    ['a script renamed .png', avatarUpload(samples.script, 'me.png', 'image/png'), 'PNG, JPEG, GIF or WebP'],
    ['an SVG', avatarUpload(samples.svg, 'me.svg', 'image/svg+xml'), 'PNG, JPEG, GIF or WebP'],
    [
      'an image over 2 MiB',
      avatarUpload(Buffer.concat([samples.png, Buffer.alloc(2 * 1024 * 1024)])),
      'at most 2 MiB',
    ],
    ['broken base64', { fileName: 'me.png', mimeType: 'image/png', base64: 'iVBOR***' }, 'base64'],
  ])('refuses %s and writes nothing', async (_label, avatar, message) => {
    const user = await createTestUser(services, 'regular');
    const caller = createCaller(await contextFor(services, user));
    await caller.auth.updateProfile({ bio: 'Before' });
    const before = await writesSoFar(services);

    const refused = caller.auth.updateProfile({ bio: 'After', avatar });
    await expect(refused).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.auth.updateProfile({ bio: 'After', avatar })).rejects.toThrow(message);
    expect(await writesSoFar(services)).toEqual(before);
    expect(await caller.auth.me()).toMatchObject({ bio: 'Before', avatarUrl: null });
  });

  it('refuses an overlong name or bio and writes nothing', async () => {
    const user = await createTestUser(services, 'regular');
    const caller = createCaller(await contextFor(services, user));
    const before = await writesSoFar(services);
    await expect(caller.auth.updateProfile({ name: 'n'.repeat(129) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller.auth.updateProfile({ bio: 'b'.repeat(2001) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await writesSoFar(services)).toEqual(before);
  });
});
