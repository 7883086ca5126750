/**
 * `npm run build` (last step): bundles the server (server/main.ts and everything it
 * imports of ours) with esbuild into ESM, `<build dir>/server-main/main.js`, which
 * `npm start` runs with plain `node`. Without it the server compiles its TypeScript at
 * runtime through tsx: a loader hook on every import, source maps kept in memory for
 * stack traces, and more resident memory (docs/decisions/0035). Packages stay external:
 * they load from node_modules as before (better-sqlite3 is a native addon).
 *
 *   tsx scripts/build-server.ts [build dir]
 */
import { readFile, rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_ENTRY = resolve(ROOT, 'server/main.ts');
/** The folder under the build dir; `main.js` in it is the entry, the rest its lazy chunks. */
export const SERVER_BUNDLE_DIR = 'server-main';

/**
 * A module that finds a file next to itself (`new URL('../../appwrite.json',
 * import.meta.url)`) must still find it from the bundle: its `import.meta.url` becomes
 * its own source file's URL, written relative to the bundle so the checkout can move.
 */
function sourceRelativeImportMeta(outdir: string): Plugin {
  return {
    name: 'source-relative-import-meta',
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const fromBundle = relative(outdir, args.path).split('\\').join('/');
        const own = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', own), loader: 'ts' };
      });
    },
  };
}

export async function bundleServer(buildDir: string): Promise<string> {
  const outdir = resolve(buildDir, SERVER_BUNDLE_DIR);
  // Chunk names carry hashes: the last build's chunks must not pile up beside the new ones.
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [SERVER_ENTRY],
    outdir,
    // The backend an install does not use (node-appwrite, or the SQLite adapter) stays a
    // lazy chunk, as its dynamic import() is with tsx: it is never loaded.
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [sourceRelativeImportMeta(outdir)],
  });
  return resolve(outdir, 'main.js');
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const outfile = await bundleServer(
    resolve(ROOT, process.argv[2] ?? process.env.AURORA_BUILD_DIR ?? 'build'),
  );
  console.log(`server bundle: ${relative(ROOT, outfile)}`);
}
