import { describe, expect, it } from 'vitest';
import { loadEnv } from '../env';
import { isCrossSiteMutation } from './origin-guard';

const cookie = 'secret';
const secrets = {
  SESSION_SECRET: 'x'.repeat(32),
  VIDEO_ACCESS_SECRET: 'y'.repeat(32),
  VIDEO_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};
const envWith = (vars: Record<string, string>) =>
  loadEnv({ NODE_ENV: 'test', AURORA_DATA_DIR: '/nonexistent-aurora', ...secrets, ...vars });

describe('isCrossSiteMutation', () => {
  const allowed = envWith({
    AURORA_PUBLIC_URL: 'https://learn.example.org',
    AURORA_ALLOWED_ORIGINS: 'https://admin.example.org',
  }).allowedOrigins;

  it.each<[string, { origin: string | null; sessionSecret: string | null }, boolean]>([
    ['the public origin', { origin: 'https://learn.example.org', sessionSecret: cookie }, false],
    [
      'the public origin with its default port',
      { origin: 'https://learn.example.org:443', sessionSecret: cookie },
      false,
    ],
    ['a configured extra origin', { origin: 'https://admin.example.org', sessionSecret: cookie }, false],
    ['another site', { origin: 'https://evil.example', sessionSecret: cookie }, true],
    ['another site, no cookie', { origin: 'https://evil.example', sessionSecret: null }, true],
    ['the public host over http', { origin: 'http://learn.example.org', sessionSecret: cookie }, true],
    ['a look-alike port', { origin: 'https://learn.example.org:8443', sessionSecret: null }, true],
    ['the opaque origin "null"', { origin: 'null', sessionSecret: cookie }, true],
    ['a non-web scheme', { origin: 'file://learn.example.org', sessionSecret: null }, true],
    ['an unparsable origin', { origin: 'http://[::1', sessionSecret: null }, true],
    ['no origin with a cookie', { origin: null, sessionSecret: cookie }, true],
    ['no origin and no cookie (a script)', { origin: null, sessionSecret: null }, false],
  ])('%s → refused: %s', (_label, request, refused) => {
    expect(isCrossSiteMutation(request, allowed)).toBe(refused);
  });

  it('a loopback public URL accepts the other loopback names on the same scheme and port only', () => {
    const loopback = envWith({ AURORA_PUBLIC_URL: 'http://localhost:3000' }).allowedOrigins;
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000'])
      expect(isCrossSiteMutation({ origin, sessionSecret: cookie }, loopback)).toBe(false);
    for (const origin of ['https://127.0.0.1:3000', 'http://127.0.0.1:3001', 'http://rebind.example:3000'])
      expect(isCrossSiteMutation({ origin, sessionSecret: cookie }, loopback)).toBe(true);
  });

  it('a public URL on a real name gets no loopback aliases', () => {
    expect(allowed).toEqual(['https://learn.example.org', 'https://admin.example.org']);
  });

  it('refuses to start with an extra origin that is not an origin', () => {
    for (const bad of ['learn.example.org', 'https://learn.example.org/path', 'ftp://files.example.org'])
      expect(() => envWith({ AURORA_ALLOWED_ORIGINS: bad })).toThrow(/AURORA_ALLOWED_ORIGINS/);
  });
});
