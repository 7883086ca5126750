// Vitest runs with its own config: the Remix Vite plugin must not run under Vitest.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const appDir = fileURLToPath(new URL('./app', import.meta.url));

export default defineConfig({
  resolve: { alias: { '~': appDir } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: [
            'server/**/*.test.ts',
            'tests/**/*.test.ts',
            'functions/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: ['tests/e2e/**', 'tests/build/**', 'tests/performance/**', 'node_modules/**'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Timing checks run on their own (`npm run test:perf`), so other test files
        // running in parallel cannot slow them down.
        extends: true,
        test: {
          name: 'performance',
          environment: 'node',
          include: ['tests/performance/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Checks of the production build; `npm run test:build` runs them after `npm run build`.
        extends: true,
        // One file at a time: each starts a production server, and the body-limit test
        // measures memory and /healthz latency, which another file's load would disturb.
        test: {
          name: 'build',
          environment: 'node',
          include: ['tests/build/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'components',
          environment: 'jsdom',
          include: ['app/**/*.test.tsx'],
          setupFiles: ['tests/setup/jsdom.ts'],
        },
      },
    ],
    // better-sqlite3 is a native addon: it must be loaded by Node, never transformed.
    server: { deps: { external: ['better-sqlite3'] } },
  },
});
