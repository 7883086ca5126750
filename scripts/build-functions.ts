/**
 * `npm run build:functions`: bundles each job's Function (functions/<name>/src/main.ts)
 * with esbuild into functions/<name>/dist/main.js, one self-contained ESM file that
 * Appwrite's node runtime runs with no `npm install` (its package.json says
 * `"type": "module"`). `appwrite push functions` then deploys them.
 *
 * The bundle must not need better-sqlite3 (a native addon Appwrite's runtime lacks): the
 * build fails if anything pulls in the embedded backend or the driver.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { jobs } from '../server/jobs/index';
import { assertValidJobs } from '../server/jobs/registry-check';

export const FUNCTIONS_DIR = fileURLToPath(new URL('../functions/', import.meta.url));

/** CommonJS dependencies (undici, json-bigint) call require(); ESM output needs one made for them. */
const REQUIRE_BANNER =
  "import { createRequire as __auroraCreateRequire } from 'node:module';\n" +
  'const require = __auroraCreateRequire(import.meta.url);';

const embeddedStaysOut: Plugin = {
  name: 'embedded-stays-out',
  setup(builder) {
    builder.onResolve({ filter: /^better-sqlite3$/ }, (args) => ({
      errors: [{ text: `better-sqlite3 is imported by ${args.importer}: a Function must not need it` }],
    }));
    builder.onLoad({ filter: /[\\/]server[\\/]backend[\\/]embedded[\\/]/ }, (args) => ({
      errors: [
        { text: `${args.path} is the embedded backend: a Function must import server/backend/appwrite only` },
      ],
    }));
  },
};

const BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  banner: { js: REQUIRE_BANNER },
  plugins: [embeddedStaysOut],
  legalComments: 'none',
};

export async function bundleFunction(input: {
  entry: string;
  outfile: string;
  /** `silent` when a test expects the build to fail. */
  logLevel?: 'warning' | 'silent';
}): Promise<void> {
  await build({
    ...BUILD_OPTIONS,
    entryPoints: [input.entry],
    outfile: input.outfile,
    logLevel: input.logLevel ?? 'warning',
  });
}

/**
 * Every function in one esbuild run: the shared server code is parsed once, not once per
 * function (nine separate builds took most of a minute on a busy 2-core machine).
 * `out` is the output path under `outdir`, without `.js`.
 */
export async function bundleFunctions(input: {
  functions: readonly { entry: string; out: string }[];
  outdir: string;
}): Promise<void> {
  await build({
    ...BUILD_OPTIONS,
    entryPoints: input.functions.map(({ entry, out }) => ({ in: entry, out })),
    outdir: input.outdir,
    logLevel: 'warning',
  });
}

/** The folders under functions/ that hold a function (a src/main.ts). */
export function functionFolders(dir: string = FUNCTIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'src', 'main.ts')))
    .map((entry) => entry.name)
    .sort();
}

export async function buildFunctions(dir: string = FUNCTIONS_DIR): Promise<string[]> {
  assertValidJobs(jobs);
  const names = jobs.map((job) => job.name).sort();
  const folders = functionFolders(dir);
  const missing = names.filter((name) => !folders.includes(name));
  const extra = folders.filter((folder) => !names.includes(folder));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      [
        missing.length > 0 ? `jobs without functions/<name>/src/main.ts: ${missing.join(', ')}` : '',
        extra.length > 0
          ? `functions/ folders that are no job of server/jobs/index.ts: ${extra.join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
  await bundleFunctions({
    functions: names.map((name) => ({
      entry: join(dir, name, 'src', 'main.ts'),
      out: join(name, 'dist', 'main'),
    })),
    outdir: dir,
  });
  return names;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  buildFunctions()
    .then((names) => console.log(names.length > 0 ? `bundled ${names.join(', ')}` : 'no functions to bundle'))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
