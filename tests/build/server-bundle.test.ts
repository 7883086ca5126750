/**
 * `npm start` runs the server bundle (`npm run build` writes build/server-main/, see
 * scripts/build-server.ts) with plain `node`, not TypeScript through tsx: this proves
 * that bundle is a working server, from the same build the other checks use. It opens
 * its embedded backend (a lazy chunk), finds appwrite.json next to its sources (the
 * schema is read at start), creates the configured admin, and serves pages and the API.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER,
  BUILD_DIR,
  signIn,
  startProductionServer,
  whoIs,
  type ProductionServer,
} from './production-server';

const BUNDLE = join(BUILD_DIR, 'server-main', 'main.js');

let server: ProductionServer;

beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build first`);
  server = await startProductionServer({ label: 'server-bundle', nodeArgs: [BUNDLE] });
});

afterAll(async () => {
  await server?.stop();
});

describe('the server bundle npm start runs', () => {
  it('is the serving process itself, without tsx', () => {
    const command = server.child.spawnargs.join(' ');
    expect(command).toContain('server-main/main.js');
    expect(command).not.toContain('tsx');
  });

  it('serves the catalog and signs the configured admin in', async () => {
    const page = await fetch(`${server.base}/catalog`, { headers: { 'user-agent': BROWSER } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Find your next course');
    const cookie = await signIn(server, server.admin);
    expect(await whoIs(server, cookie)).toMatch(/\S/);
  });
});
