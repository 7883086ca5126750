/**
 * Browser tests against the real server (production build, embedded backend on a fresh
 * temporary folder). Run `npm run build` first; `npm run test:e2e` does both.
 */
import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Playwright loads this file again in every worker; values chosen once are handed down
// through the environment so that all of them talk to the same server.
const port = (process.env.AURORA_E2E_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString());
const dataDir = (process.env.AURORA_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'aurora-e2e-')));
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  // Separate folders let runs against different builds (AURORA_BUILD_DIR) go side by side.
  outputDir: process.env.AURORA_E2E_OUTPUT ?? 'test-results',
  globalTeardown: './tests/e2e/global-teardown.ts',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } },
  ],
  webServer: {
    command: 'npx tsx server/main.ts',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      HOST: '127.0.0.1',
      PORT: port,
      AURORA_PUBLIC_URL: baseURL,
      AURORA_DATA_DIR: dataDir,
      AURORA_BACKEND: 'embedded',
      // Every journey signs people up from 127.0.0.1; the default 30 an hour is for real networks.
      AURORA_REGISTRATIONS_PER_HOUR: '1000',
    },
  },
});
