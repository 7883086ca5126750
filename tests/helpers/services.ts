/**
 * Real app services on a throw-away data directory: the embedded backend, real
 * configuration, nothing mocked. Each call gets its own directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthUser, Role } from '../../server/backend/port';
import { createEmbeddedBackend, type EmbeddedBackend } from '../../server/backend/embedded/index';
import { loadEnv } from '../../server/env';
import { createAccount } from '../../server/services/identity/accounts';
import { outboxOnlyMailer } from '../../server/services/mail/mailer';
import { createContext, type Context } from '../../server/trpc/context';
import {
  actingAs,
  visitorScope,
  type AppServices,
  type RequestFacts,
  type RequestScope,
  type SignedInScope,
} from '../../server/services/scope';

export interface TestServices extends AppServices {
  backend: EmbeddedBackend;
  dataDir: string;
  cleanup(): Promise<void>;
}

export interface TestServicesOptions {
  /** One clock for the backend (sessions, row timestamps) and the services (windows, expiries). */
  now?: () => Date;
  /** Extra environment, e.g. `AURORA_PUBLIC_URL`. */
  env?: Record<string, string>;
}

export async function createTestServices(options: TestServicesOptions = {}): Promise<TestServices> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aurora-test-'));
  const env = loadEnv({ AURORA_DATA_DIR: dataDir, NODE_ENV: 'test', AURORA_DEMO: '0', ...options.env });
  const now = options.now ?? (() => new Date());
  const backend = await createEmbeddedBackend({ dataDir, now });
  return {
    env,
    backend,
    startedAt: new Date(),
    now,
    mailer: outboxOnlyMailer,
    dataDir,
    async cleanup() {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A request from a script or a test: no origin, no credentials. */
export const browserFacts: RequestFacts = {
  clientIp: '127.0.0.1',
  userAgent: 'Aurora tests',
  origin: null,
  sessionSecret: null,
  knownDevice: null,
  bearerToken: null,
};

/** What a browser on Aurora's own pages sends: the public origin, plus any overrides. */
export function sameSiteFacts(services: AppServices, overrides: Partial<RequestFacts> = {}): RequestFacts {
  return {
    ...browserFacts,
    origin: services.env.publicUrl.origin,
    ...overrides,
  };
}

/**
 * `user` calling a service directly (fixtures, service tests), as from a browser on
 * Aurora's own pages; `request` overrides facts of the request.
 */
export function scopeFor(
  services: AppServices,
  user: AuthUser,
  request: Partial<RequestFacts> = {},
): SignedInScope & RequestScope {
  return actingAs(visitorScope(services, sameSiteFacts(services, request)), user);
}

/** The same, with the clock stopped at `at` (histories written as they would have happened). */
export function scopeAt(services: AppServices, user: AuthUser, at: Date): SignedInScope & RequestScope {
  return { ...scopeFor(services, user), now: () => at };
}

let counter = 0;
export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates an account (auth user and profile, as registration does) with `role`. */
export async function createTestUser(
  services: AppServices,
  role: Role,
  overrides: { email?: string; name?: string } = {},
): Promise<AuthUser> {
  counter += 1;
  const email = overrides.email ?? `${role}-${counter}-${Date.now()}@example.test`;
  const name = overrides.name ?? `Test ${role} ${counter}`;
  const { user } = await createAccount(
    services.backend,
    { email, password: TEST_PASSWORD, name, role },
    services.now(),
  );
  return user;
}

/** A same-site browser context signed in as `user`. */
export async function contextFor(services: AppServices, user: AuthUser): Promise<Context> {
  const session = await services.backend.sessions.create({ email: user.email, password: TEST_PASSWORD });
  return createContext(services, sameSiteFacts(services, { sessionSecret: session.secret }));
}

/** Creates a user with `role`, signs them in and returns a same-site context carrying their session. */
export async function contextAs(services: AppServices, role: Role | 'anonymous'): Promise<Context> {
  if (role === 'anonymous') return createContext(services, sameSiteFacts(services));
  return contextFor(services, await createTestUser(services, role));
}
