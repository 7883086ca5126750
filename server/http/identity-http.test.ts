/** Sessions, cookies and cross-site refusal over real HTTP, as browsers and scripts see them. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  getProcedure,
  postProcedure,
  readProcedure,
  startApi,
  type RunningApi,
} from '../../tests/helpers/http';
import {
  scopeFor,
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '../../tests/helpers/services';
import { createApiToken, listApiTokens } from '../services/identity/api-tokens';

let services: TestServices;
let api: RunningApi;

async function start(env: Record<string, string> = {}, now?: () => Date) {
  services = await createTestServices({ env, now });
  api = await startApi(services);
}

afterEach(async () => {
  await api.close();
  await services.cleanup();
});

const cookieOf = (response: Response) =>
  response.headers.getSetCookie().find((line) => line.startsWith('aurora_session='));
const secretOf = (cookie: string | undefined) =>
  decodeURIComponent(cookie?.split(';', 1)[0]?.split('=')[1] ?? '');

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/, 30 days, and not Secure on an http public URL', async () => {
    await start();
    const response = await postProcedure(
      api.base,
      'auth.register',
      { email: 'ada@example.test', password: 'long enough', name: 'Ada' },
      { origin: services.env.publicUrl.origin },
    );
    expect(response.status).toBe(200);
    const cookie = cookieOf(response) ?? '';
    const attributes = cookie.split('; ').slice(1);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Max-Age=2592000', 'Path=/', 'SameSite=Lax']);
    expect(secretOf(cookie)).toMatch(/.{32,}/);
  });

  it('is Secure when the public URL is https', async () => {
    await start({ AURORA_PUBLIC_URL: 'https://learn.example.org' });
    const user = await createTestUser(services, 'regular');
    const response = await postProcedure(
      api.base,
      'auth.login',
      { email: user.email, password: TEST_PASSWORD },
      { origin: 'https://learn.example.org' },
    );
    expect(response.status).toBe(200);
    expect(cookieOf(response)?.split('; ')).toContain('Secure');
  });

  it('signs the browser in, is renewed as the session slides, and is cleared on sign-out', async () => {
    let clock = new Date('2030-01-01T00:00:00.000Z');
    await start({}, () => clock);
    const origin = { origin: services.env.publicUrl.origin };
    const user = await createTestUser(services, 'regular');
    const login = await postProcedure(
      api.base,
      'auth.login',
      { email: user.email, password: TEST_PASSWORD },
      origin,
    );
    const cookie = `aurora_session=${encodeURIComponent(secretOf(cookieOf(login)))}`;

    clock = new Date('2030-01-03T00:00:00.000Z'); // two days on: the backend extends the session
    const me = await getProcedure(api.base, 'auth.me', { cookie });
    expect(await readProcedure(me)).toMatchObject({ id: user.id });
    expect(cookieOf(me)).toMatch(/Max-Age=2592000/);
    expect(secretOf(cookieOf(me))).toBe(secretOf(cookieOf(login)));

    const logout = await postProcedure(api.base, 'auth.logout', undefined, { cookie, ...origin });
    expect(await readProcedure(logout)).toEqual({ ok: true });
    expect(cookieOf(logout)).toMatch(/^aurora_session=; .*Max-Age=0/);
    expect(await readProcedure(await getProcedure(api.base, 'auth.me', { cookie }))).toBeNull();
  });
});

describe('cross-site requests', () => {
  async function signedIn() {
    const user = await createTestUser(services, 'regular');
    const session = await services.backend.sessions.create({ email: user.email, password: TEST_PASSWORD });
    return { user, cookie: `aurora_session=${encodeURIComponent(session.secret)}` };
  }

  it('refuses a mutation from another site, with a cookie or without', async () => {
    await start();
    const { user, cookie } = await signedIn();
    const evil = await postProcedure(
      api.base,
      'auth.updateProfile',
      { bio: 'pwned' },
      { cookie, origin: 'https://evil.example' },
    );
    expect(evil.status).toBe(403);
    expect(await readProcedure(evil)).toEqual({ code: 'FORBIDDEN', message: 'Cross-site request refused.' });

    const viaReferer = await postProcedure(
      api.base,
      'auth.login',
      { email: user.email, password: TEST_PASSWORD },
      { referer: 'https://evil.example/login-csrf' },
    );
    expect(viaReferer.status).toBe(403);
    expect(cookieOf(viaReferer)).toBeUndefined();
  });

  it('refuses a cookie-authenticated mutation that names no origin at all', async () => {
    await start();
    const { cookie } = await signedIn();
    const response = await postProcedure(api.base, 'auth.updateProfile', { bio: 'no origin' }, { cookie });
    expect(response.status).toBe(403);
  });

  it('accepts the public origin and the configured extra origins', async () => {
    await start({ AURORA_ALLOWED_ORIGINS: 'https://admin.example.org' });
    const { cookie } = await signedIn();
    for (const origin of [services.env.publicUrl.origin, 'https://admin.example.org']) {
      const response = await postProcedure(
        api.base,
        'auth.updateProfile',
        { bio: origin },
        { cookie, origin },
      );
      expect(response.status, origin).toBe(200);
    }
  });

  it('never trusts the Host header: the server’s own address, a rebinding name, another scheme', async () => {
    await start({ AURORA_PUBLIC_URL: 'http://learn.example.org' });
    const { user, cookie } = await signedIn();
    const attempts: Record<string, string>[] = [
      { origin: api.base },
      { origin: 'http://rebind.example', host: 'rebind.example' },
      { origin: 'https://learn.example.org', host: 'learn.example.org' },
    ];
    for (const headers of attempts) {
      const response = await postProcedure(
        api.base,
        'auth.createApiToken',
        { name: 'x' },
        { cookie, ...headers },
      );
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await listApiTokens(scopeFor(services, user), { limit: 10 })).items).toEqual([]);
  });

  it('accepts a script’s Bearer token without any origin', async () => {
    await start();
    const { user } = await signedIn();
    const { token } = await createApiToken(scopeFor(services, user), { name: 'script' });
    const response = await postProcedure(
      api.base,
      'auth.updateProfile',
      { bio: 'from a script' },
      { authorization: `Bearer ${token}` },
    );
    expect(response.status).toBe(200);
    expect(await readProcedure(response)).toMatchObject({ bio: 'from a script' });
  });

  it('leaves queries alone: reading is not forgery', async () => {
    await start();
    const { cookie } = await signedIn();
    const response = await getProcedure(api.base, 'auth.me', { cookie, origin: 'https://evil.example' });
    expect(response.status).toBe(200);
  });
});
