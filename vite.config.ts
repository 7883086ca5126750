import { vitePlugin as remix } from '@remix-run/dev';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

declare module '@remix-run/server-runtime' {
  // Lets `useLoaderData<typeof loader>()` infer single-fetch (turbo-stream) types.
  interface Future {
    v3_singleFetch: true;
  }
}

const rootDir = fileURLToPath(new URL('.', import.meta.url));
const appDir = fileURLToPath(new URL('./app', import.meta.url));
const serverDir = fileURLToPath(new URL('./server/', import.meta.url));
const SERVER_ONLY_PACKAGES = ['better-sqlite3', 'node-appwrite'];

/**
 * Fails the build (and shows an error in dev) when browser code would bundle
 * server-only code: secrets, SQL and the Appwrite admin SDK must never ship to
 * the client. ESLint catches most of it earlier; this is the guarantee.
 */
function serverOnlyGuard(): Plugin {
  return {
    name: 'aurora:server-only-guard',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (options.ssr || !importer) return null;
      const from = relative(rootDir, importer.split('?')[0] ?? importer);
      if (SERVER_ONLY_PACKAGES.some((name) => source === name || source.startsWith(`${name}/`))) {
        this.error(`"${from}" imports the server-only package "${source}" into the browser bundle.`);
      }
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved && !resolved.external && resolved.id.startsWith(serverDir)) {
        this.error(
          `"${from}" imports "${source}" from server/ into the browser bundle. ` +
            'Call a procedure through context.trpc in a loader or action, or use `import type`.',
        );
      }
      return resolved;
    },
  };
}

export default defineConfig({
  // Mirrors the `~/*` path in tsconfig.json.
  resolve: { alias: { '~': appDir } },
  plugins: [
    serverOnlyGuard(),
    remix({
      // AURORA_BUILD_DIR lets two checkouts of work in progress build and test side by side.
      buildDirectory: process.env.AURORA_BUILD_DIR ?? 'build',
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  // The native SQLite addon must be loaded by Node as is, never pre-bundled or inlined.
  ssr: { external: ['better-sqlite3'] },
  optimizeDeps: { exclude: ['better-sqlite3'] },
  build: { target: 'es2022' },
});
