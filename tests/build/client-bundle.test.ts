/**
 * Proves, on the real build output, that no server code reached the browser bundle
 * (DESIGN §2). Runs after `npm run build`; a missing build is a failure, never a skip,
 * so this check cannot pass by accident.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const assetsDir = join(resolve(root, process.env.AURORA_BUILD_DIR ?? 'build'), 'client/assets');

/** Strings that only server code contains: drivers, secrets' names, server-only functions. */
const SERVER_MARKERS = [
  'better-sqlite3',
  'node-appwrite',
  'APPWRITE_API_KEY',
  'SESSION_SECRET',
  'VIDEO_ENCRYPTION_KEYS',
  'VIDEO_ACCESS_SECRET',
  'createEmbeddedBackend',
  'createAppwriteBackend',
  'openBackend',
  'scrypt',
  'node:crypto',
  'node:fs',
  'secrets.json',
];

function clientScripts(): { name: string; source: string }[] {
  if (!existsSync(assetsDir)) throw new Error(`${assetsDir} is missing: run npm run build first`);
  const names = readdirSync(assetsDir).filter((name) => name.endsWith('.js'));
  if (names.length === 0) throw new Error(`no scripts in ${assetsDir}: run npm run build first`);
  return names.map((name) => ({ name, source: readFileSync(join(assetsDir, name), 'utf8') }));
}

describe('the client bundle', () => {
  it('exists (run npm run build first)', () => {
    expect(clientScripts().length).toBeGreaterThan(0);
  });

  it.each(SERVER_MARKERS)('contains no trace of server code: %s', (marker) => {
    const offenders = clientScripts()
      .filter((script) => script.source.includes(marker))
      .map((script) => script.name);
    expect(offenders, `"${marker}" found in browser scripts`).toEqual([]);
  });
});
