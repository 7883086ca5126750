/**
 * Real app services on a throw-away data directory: the embedded backend, real
 * configuration, nothing mocked. Each call gets its own directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../server/backend/port';
import { createEmbeddedBackend } from '../../server/backend/embedded/index';
import { loadEnv } from '../../server/env';
import { createContext, type AppServices, type Context, type RequestFacts } from '../../server/trpc/context';

export interface TestServices extends AppServices {
  dataDir: string;
  cleanup(): Promise<void>;
}

export async function createTestServices(): Promise<TestServices> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aurora-test-'));
  const env = loadEnv({ AURORA_DATA_DIR: dataDir, NODE_ENV: 'test', AURORA_DEMO: '0' });
  const backend = await createEmbeddedBackend({ dataDir });
  return {
    env,
    backend,
    startedAt: new Date(),
    dataDir,
    async cleanup() {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const browserFacts: RequestFacts = {
  clientIp: '127.0.0.1',
  userAgent: 'Aurora tests',
  origin: null,
  sessionSecret: null,
  bearerToken: null,
};

let counter = 0;

/** Creates a user with `role`, signs them in and returns a context carrying their session. */
export async function contextAs(services: AppServices, role: Role | 'anonymous'): Promise<Context> {
  if (role === 'anonymous') return createContext(services, browserFacts);
  counter += 1;
  const email = `${role}-${counter}-${Date.now()}@example.test`;
  const password = 'correct horse battery staple';
  const user = await services.backend.users.create({ email, password, name: `Test ${role} ${counter}` });
  if (role !== 'regular') await services.backend.users.setRole(user.id, role);
  const session = await services.backend.sessions.create({ email, password });
  return createContext(services, { ...browserFacts, sessionSecret: session.secret });
}
