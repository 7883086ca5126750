/** The known-device cookie (decision 0016) as browsers receive it over real HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { postProcedure, startApi, type RunningApi } from '../../tests/helpers/http';
import {
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '../../tests/helpers/services';
import { verifyKnownDevice } from '../services/identity/known-device';

let services: TestServices;
let api: RunningApi;

afterEach(async () => {
  await api.close();
  await services.cleanup();
});

const deviceCookieOf = (response: Response) =>
  response.headers.getSetCookie().find((line) => line.startsWith('aurora_device=')) ?? '';

describe('the known-device cookie', () => {
  it('comes with a successful sign-in: HttpOnly, SameSite=Lax, Path=/, a year, naming the account', async () => {
    services = await createTestServices();
    api = await startApi(services);
    const user = await createTestUser(services, 'regular');
    const origin = { origin: services.env.publicUrl.origin };

    const failed = await postProcedure(
      api.base,
      'auth.login',
      { email: user.email, password: 'wrong one' },
      origin,
    );
    expect(failed.status).toBe(401);
    expect(deviceCookieOf(failed)).toBe('');

    const response = await postProcedure(
      api.base,
      'auth.login',
      { email: user.email, password: TEST_PASSWORD },
      origin,
    );
    expect(response.status).toBe(200);
    const [pair = '', ...attributes] = deviceCookieOf(response).split('; ');
    expect(attributes.sort()).toEqual(['HttpOnly', 'Max-Age=31536000', 'Path=/', 'SameSite=Lax']);
    const value = decodeURIComponent(pair.slice('aurora_device='.length));
    expect(verifyKnownDevice(services.env.sessionSecret, value)).toMatchObject({ userId: user.id });
  });

  it('comes with a registration, and is Secure when the public URL is https', async () => {
    services = await createTestServices({ env: { AURORA_PUBLIC_URL: 'https://learn.example.org' } });
    api = await startApi(services);
    const response = await postProcedure(
      api.base,
      'auth.register',
      { email: 'new@example.test', password: 'long enough', name: 'New' },
      { origin: 'https://learn.example.org' },
    );
    expect(response.status).toBe(200);
    expect(deviceCookieOf(response).split('; ')).toContain('Secure');
  });

  it('lets the browser that signed in before through a lock that strangers put on the email', async () => {
    services = await createTestServices();
    api = await startApi(services);
    const user = await createTestUser(services, 'regular');
    const origin = { origin: services.env.publicUrl.origin };
    const login = (password: string, headers: Record<string, string> = {}) =>
      postProcedure(api.base, 'auth.login', { email: user.email, password }, { ...origin, ...headers });

    const first = await login(TEST_PASSWORD);
    const device = deviceCookieOf(first).split(';', 1)[0] ?? '';
    expect(device).toMatch(/^aurora_device=/);

    // Someone else guesses until the email is locked.
    for (let attempt = 0; attempt < 10; attempt++) expect((await login('a wrong guess')).status).toBe(401);
    const stranger = await login(TEST_PASSWORD);
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get('retry-after'))).toBeGreaterThan(0);

    // The owner's browser carries its cookie back, and gets in with the right password.
    const owner = await login(TEST_PASSWORD, { cookie: device });
    expect(owner.status).toBe(200);
    // A forged cookie is no help.
    const forged = await login(TEST_PASSWORD, { cookie: `${device.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(429);
  });
});
