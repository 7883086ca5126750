/**
 * The servers under test, each in its own process on a free 127.0.0.1 port: a bare
 * node:http hello world (the yardstick) and Aurora (production build, embedded backend
 * on a given data directory, AURORA_WORKERS as the mode says). Stopping one also ends
 * whatever processes it started, found by parent id, so no worker outlives a case.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerMode } from './options';
import { processTree } from './proc-stats';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Server {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const HELLO_WORLD = `
require('node:http')
  .createServer((req, res) => res.end('Hello, world!'))
  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
`;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} was not ready within 120 s (${url})`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    const pid = child.pid;
    const tree = pid === undefined ? [] : processTree(pid);
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    // Workers of this server still running after their primary stopped.
    for (const leftover of tree.slice(1)) {
      try {
        process.kill(leftover, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
}

async function started(name: string, child: ChildProcess, url: string, readyUrl: string): Promise<Server> {
  const stop = stopper(child);
  try {
    await waitUntilUp(readyUrl, child, name);
  } catch (error) {
    await stop();
    throw error;
  }
  if (child.pid === undefined) throw new Error(`${name} has no process id`);
  return { name, url, pid: child.pid, stop };
}

export async function startHelloWorld(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', HELLO_WORLD], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  return started('node:http hello world', child, url, `${url}/`);
}

export function assertBuilt(): void {
  if (!existsSync(join(root, 'build/server/index.js')))
    throw new Error('no production build: run npm run build first');
}

/** Aurora on `dataDir`; the bench's clients speak from 127.0.0.1 as a trusted proxy for many learners. */
export async function startAurora(dataDir: string, mode: WorkerMode): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    AURORA_PUBLIC_URL: url,
    AURORA_BACKEND: 'embedded',
    AURORA_DATA_DIR: dataDir,
    AURORA_DEMO: '0',
    AURORA_TRUSTED_PROXIES: '127.0.0.1',
  };
  if (mode.workers === null) delete env.AURORA_WORKERS;
  else env.AURORA_WORKERS = mode.workers;
  // What `npm start` runs (package.json): the bundled server with its heap flags.
  env.MALLOC_ARENA_MAX ??= '2';
  const entry = join(root, process.env.AURORA_BUILD_DIR ?? 'build', 'server-main/main.js');
  // BENCH_NODE_ARGS: more flags for the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=8', '--heap-growing-percent=50', ...extra, entry],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return started(`Aurora, ${mode.label}`, child, url, `${url}/healthz`);
}
