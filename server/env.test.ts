import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aurora-env-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadEnv in embedded mode', () => {
  it('needs no configuration and generates secrets once, readable by the owner only', () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const env = loadEnv({ AURORA_DATA_DIR: dataDir });

    expect(env.backend).toBe('embedded');
    expect(env.host).toBe('127.0.0.1');
    expect(env.port).toBe(3000);
    expect(env.publicUrl.href).toBe('http://localhost:3000/');
    expect(env.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(env.videoEncryptionKeys).toHaveLength(1);
    expect(env.videoEncryptionKeys[0]?.key).toHaveLength(32);
    expect(env.demoContent).toBe(true);

    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadEnv({ AURORA_DATA_DIR: dataDir });
    expect(again.sessionSecret).toBe(env.sessionSecret);
    expect(again.videoAccessSecret).toBe(env.videoAccessSecret);
    expect(again.videoEncryptionKeys[0]?.key.equals(env.videoEncryptionKeys[0]?.key ?? Buffer.alloc(0))).toBe(
      true,
    );
  });

  it('prefers given secrets and does not write them to disk', () => {
    const dataDir = tempDir();
    const given = 's'.repeat(40);
    const env = loadEnv({ AURORA_DATA_DIR: dataDir, SESSION_SECRET: given });
    expect(env.sessionSecret).toBe(given);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(given);
  });

  it('reads HOST, PORT, the public URL and trusted proxies', () => {
    const env = loadEnv({
      AURORA_DATA_DIR: tempDir(),
      HOST: '0.0.0.0',
      PORT: '8080',
      AURORA_PUBLIC_URL: 'https://learn.example.org',
      AURORA_TRUSTED_PROXIES: '127.0.0.1, ::1',
    });
    expect(env.host).toBe('0.0.0.0');
    expect(env.port).toBe(8080);
    expect(env.publicUrl.protocol).toBe('https:');
    expect(env.trustedProxies).toEqual(['127.0.0.1', '::1']);
  });

  it('never creates demo content in production or when AURORA_DEMO=0', () => {
    expect(loadEnv({ AURORA_DATA_DIR: tempDir(), NODE_ENV: 'production' }).demoContent).toBe(false);
    expect(loadEnv({ AURORA_DATA_DIR: tempDir(), AURORA_DEMO: '0' }).demoContent).toBe(false);
  });

  it('runs one server process per core unless AURORA_WORKERS says otherwise', () => {
    expect(loadEnv({ AURORA_DATA_DIR: tempDir() }).workers).toBe(availableParallelism());
    expect(loadEnv({ AURORA_DATA_DIR: tempDir(), AURORA_WORKERS: '' }).workers).toBe(availableParallelism());
    expect(loadEnv({ AURORA_DATA_DIR: tempDir(), AURORA_WORKERS: '1' }).workers).toBe(1);
    expect(loadEnv({ AURORA_DATA_DIR: tempDir(), AURORA_WORKERS: ' 6 ' }).workers).toBe(6);
  });

  it.each(['0', '-2', '1.5', 'two', '2x', '1e3', '257'])(
    'refuses AURORA_WORKERS=%s with its rule',
    (value) => {
      expect(() => loadEnv({ AURORA_DATA_DIR: tempDir(), AURORA_WORKERS: value })).toThrowError(
        expect.objectContaining({
          name: 'EnvError',
          message: expect.stringMatching(/AURORA_WORKERS: must be (a whole number of processes|at most 256)/),
        }),
      );
    },
  );

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ AURORA_BACKEND: 'mongo' }, 'AURORA_BACKEND'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ VIDEO_ENCRYPTION_KEYS: 'v1:tooshort' }, 'VIDEO_ENCRYPTION_KEYS'],
    [{ AURORA_ADMIN_EMAIL: 'admin@example.org' }, 'AURORA_ADMIN_PASSWORD'],
    [{ AURORA_ADMIN_EMAIL: 'not-an-email', AURORA_ADMIN_PASSWORD: 'long enough' }, 'AURORA_ADMIN_EMAIL'],
    [{ AURORA_TRUSTED_PROXIES: 'proxy.local' }, 'AURORA_TRUSTED_PROXIES'],
  ])('refuses %o, naming %s', (values, name) => {
    expect(() => loadEnv({ AURORA_DATA_DIR: tempDir(), ...values })).toThrowError(
      expect.objectContaining({ name: 'EnvError', message: expect.stringContaining(name) }),
    );
  });
});

describe('loadEnv in appwrite mode', () => {
  it('names every missing variable in one message and writes no secrets file', () => {
    const dataDir = join(tempDir(), 'unused');
    let error: unknown;
    try {
      loadEnv({ AURORA_BACKEND: 'appwrite', AURORA_DATA_DIR: dataDir, APPWRITE_PROJECT_ID: 'aurora' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    for (const name of [
      'APPWRITE_ENDPOINT',
      'APPWRITE_API_KEY',
      'AURORA_PUBLIC_URL',
      'SESSION_SECRET',
      'VIDEO_ENCRYPTION_KEYS',
      'VIDEO_ACCESS_SECRET',
    ]) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('APPWRITE_PROJECT_ID');
    expect(() => statSync(dataDir)).toThrow();
  });

  it('starts with every required value and never offers demo content', () => {
    const env = loadEnv({
      AURORA_BACKEND: 'appwrite',
      APPWRITE_ENDPOINT: 'https://cloud.appwrite.io/v1',
      APPWRITE_PROJECT_ID: 'aurora',
      APPWRITE_API_KEY: 'key',
      AURORA_PUBLIC_URL: 'https://learn.example.org',
      SESSION_SECRET: 'a'.repeat(32),
      VIDEO_ENCRYPTION_KEYS: `k2:${Buffer.alloc(32, 2).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`,
      VIDEO_ACCESS_SECRET: 'b'.repeat(32),
      AURORA_WORKERS: '3',
    });
    // The processes share nothing local there either: the same cluster serves the port.
    expect(env.workers).toBe(3);
    expect(env.appwrite).toEqual({
      endpoint: 'https://cloud.appwrite.io/v1',
      projectId: 'aurora',
      apiKey: 'key',
    });
    expect(env.videoEncryptionKeys.map((key) => key.id)).toEqual(['k2', 'k1']);
    expect(env.demoContent).toBe(false);
  });
});
