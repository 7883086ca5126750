/**
 * The production server as the build tests meet it: `node --import tsx server/main.ts`
 * as a child process (so its pid is the server's own, for /proc/<pid>/status), on
 * 127.0.0.1 and a free port, with a temporary AURORA_DATA_DIR, its stdout and stderr
 * captured. One process unless a test asks for a cluster (`workers`): the memory and
 * latency checks measure the process that serves, which then is `pid` itself. Plus the HTTP helpers those tests share: tRPC calls as a browser or a
 * script would make them, requests with headers fetch() refuses to send (Host), raw
 * socket requests (malformed request lines), and the checks on the server's output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import superjson, { type SuperJSONResult } from 'superjson';

export const ROOT = new URL('../..', import.meta.url).pathname;
/** Where `npm run build` wrote the build the server serves (AURORA_BUILD_DIR, as the server reads it). */
export const BUILD_DIR = resolve(ROOT, process.env.AURORA_BUILD_DIR ?? 'build');
export const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AuroraBuildCheck/1.0';

export interface Credentials {
  email: string;
  password: string;
}

export interface ProductionServer {
  /** `http://127.0.0.1:<port>`, also the server's AURORA_PUBLIC_URL. */
  readonly base: string;
  readonly port: number;
  /**
   * The pid of the Node process started (not a wrapper): the one that serves, or with
   * `workers` > 1 the cluster's primary, whose serving workers `workerPids` lists.
   */
  readonly pid: number;
  /** The cluster's worker processes now (children of `pid` running the server); none for one process. */
  workerPids(): number[];
  readonly dataDir: string;
  readonly admin: Credentials;
  readonly child: ChildProcess;
  /** Everything the server wrote so far, stdout and stderr interleaved as they arrived. */
  output(): string;
  /** The server's stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the server (e.g. AURORA_ALLOWED_ORIGINS). */
  env?: Record<string, string>;
  /** Names the temporary data folder, for whoever looks at /tmp while a test runs. */
  label?: string;
  /** AURORA_WORKERS; 1 (a single process) unless given. */
  workers?: number;
  /** What Node runs; by default the TypeScript entry through tsx (`npm start` runs the bundle). */
  nodeArgs?: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(child: ChildProcess, base: string, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 450; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output()}`);
    const ok = await fetch(`${base}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    // A cluster answers once its first worker listens; it is ready when all of them do.
    if (ok && output().includes('Aurora is ready on')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start:\n${output()}`);
}

export async function startProductionServer(options: StartOptions = {}): Promise<ProductionServer> {
  const label = options.label ?? 'build';
  const dataDir = mkdtempSync(join(tmpdir(), `aurora-${label}-`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const admin = { email: `admin@${label}.test`, password: `${label}-check-admin-password` };
  const child = spawn(process.execPath, options.nodeArgs ?? ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      AURORA_PUBLIC_URL: base,
      AURORA_DATA_DIR: dataDir,
      AURORA_BACKEND: 'embedded',
      AURORA_DEMO: '0',
      AURORA_ADMIN_EMAIL: admin.email,
      AURORA_ADMIN_PASSWORD: admin.password,
      // Nothing leaves 127.0.0.1: no YouTube API, no SMTP server (the mail outbox instead).
      YOUTUBE_API_KEY: '',
      SMTP_URL: '',
      AURORA_WORKERS: String(options.workers ?? 1),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output += text;
    stderr += text;
  });
  const pid = child.pid;
  try {
    if (pid === undefined) throw new Error('the server process did not start');
    await waitForHealth(child, base, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    base,
    port,
    pid,
    dataDir,
    admin,
    child,
    workerPids: () => serverChildrenOf(pid),
    output: () => output,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(forced);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Live (not zombie) children of `pid` whose command line runs server/main.ts, from /proc. */
export function serverChildrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (comm) state ppid …`: comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== pid || state === 'Z') continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('server/main.ts'))
        children.push(Number(entry));
    } catch {
      // The process ended while it was being read.
    }
  }
  return children.sort((a, b) => a - b);
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`no ${field} for ${pid}`);
  return Number(match[1]) * 1024;
}

/** The resident set size of a process, in bytes, from /proc/<pid>/status. */
export const rssBytes = (pid: number): number => statusField(pid, 'VmRSS');

/** The highest resident set size since the last resetPeakRss (VmHWM), in bytes. */
export const peakRssBytes = (pid: number): number => statusField(pid, 'VmHWM');

/** Restarts the kernel's peak-RSS counter of a process of ours (`5` to /proc/<pid>/clear_refs). */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export const MiB = 1024 * 1024;
export const KiB = 1024;

/** A line of a JavaScript stack trace: `    at fn (file:line:col)`. */
const STACK_LINE = /^\s{2,}at \S/;

/**
 * Watches the server's output while probes run, a few at a time: `begin(label)` marks
 * when a probe was sent (and returns the call that marks its answer); `traces()` lists
 * every stack trace the server wrote meanwhile, with its headline and the probes that
 * were in flight (or had just been answered) when it arrived.
 */
export class OutputWatch {
  private readonly probes: { label: string; start: number; end: number }[] = [];
  private readonly lines: { at: number; text: string }[] = [];
  private lastChunkAt = performance.now();
  private readonly detach: (() => void)[] = [];

  constructor(server: ProductionServer) {
    for (const stream of [server.child.stdout, server.child.stderr]) {
      let partial = '';
      const onData = (chunk: Buffer) => {
        const at = performance.now();
        this.lastChunkAt = at;
        const pieces = (partial + chunk.toString('utf8')).split('\n');
        partial = pieces.pop() ?? '';
        for (const text of pieces) this.lines.push({ at, text });
      };
      stream?.on('data', onData);
      this.detach.push(() => stream?.off('data', onData));
    }
  }

  /** Stops watching. */
  close(): void {
    for (const off of this.detach.splice(0)) off();
  }

  /** Marks a probe as sent; call what it returns when its answer is in. */
  begin(label: string): () => void {
    const probe = { label, start: performance.now(), end: Number.POSITIVE_INFINITY };
    this.probes.push(probe);
    return () => {
      probe.end = performance.now();
    };
  }

  /** Waits for the server's output to stop growing (it arrives on a pipe, after the answer). */
  async settle(quietMs = 150): Promise<void> {
    while (performance.now() - this.lastChunkAt < quietMs) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  }

  /**
   * The probes a line written at `at` belongs to: those in flight then, else the last
   * ones answered shortly before (output arrives on a pipe, a little after the answer).
   */
  private ownersAt(at: number, slackMs: number): string {
    let owners = this.probes.filter((probe) => probe.start <= at && at <= probe.end);
    if (owners.length === 0) {
      const answered = this.probes.filter((probe) => probe.end <= at && at - probe.end <= slackMs);
      const latest = Math.max(...answered.map((probe) => probe.end));
      owners = answered.filter((probe) => latest - probe.end < 5);
    }
    const labels = owners.slice(-3).map((probe) => probe.label);
    return labels.length > 0 ? labels.join(' | ') : '(no probe)';
  }

  /** `probe(s): headline / first trace line`, once per trace, since the first probe. */
  traces(slackMs = 250): string[] {
    const since = this.probes[0]?.start ?? Number.POSITIVE_INFINITY;
    const found: string[] = [];
    let headline = '';
    let inTrace = false;
    for (const line of this.lines) {
      if (!STACK_LINE.test(line.text)) {
        headline = line.text.trim();
        inTrace = false;
        continue;
      }
      if (inTrace || line.at < since) continue;
      inTrace = true;
      found.push(`${this.ownersAt(line.at, slackMs)}: ${headline.slice(0, 200)} / ${line.text.trim()}`);
    }
    return found;
  }
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpOptions {
  method?: string;
  path: string;
  /** Sent exactly as given; a `host` here replaces the one node:http would add. */
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  timeoutMs?: number;
}

/** One request through node:http, which (unlike fetch) sends any Host and any method. */
export function sendHttp(port: number, options: HttpOptions): Promise<HttpAnswer> {
  const headers: OutgoingHttpHeaders = { 'user-agent': BROWSER, connection: 'close', ...options.headers };
  const hasHost = Object.keys(headers).some((name) => name.toLowerCase() === 'host');
  if (!hasHost) headers.host = `127.0.0.1:${port}`;
  if (options.body !== undefined && headers['content-length'] === undefined)
    headers['content-length'] = Buffer.byteLength(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers,
        setHost: false,
        timeout: options.timeoutMs ?? 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${options.method ?? 'GET'} ${options.path} timed out`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Bytes written straight to a socket, for requests node:http itself would refuse to
 * send (odd request lines, CONNECT). The answer's status is 0 when the server closed
 * the connection without one.
 */
export function sendRaw(port: number, text: string, timeoutMs = 10_000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`raw request timed out: ${JSON.stringify(text.slice(0, 80))}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers: IncomingHttpHeaders = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(text);
  });
}

export interface Caller {
  cookie?: string | null;
  bearer?: string | null;
  /** The Origin header; by default the server's own for a signed-in browser's mutation. */
  origin?: string | null;
  headers?: Record<string, string>;
}

export interface TrpcAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface TrpcErrorShape {
  message: string;
  code: string | undefined;
  httpStatus: number | undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** tRPC's error (superjson-wrapped) from one answer, or from one entry of a batch. */
export function trpcErrorOf(json: unknown): TrpcErrorShape | null {
  const error = isRecord(json) ? json.error : undefined;
  const inner = isRecord(error) && isRecord(error.json) ? error.json : error;
  if (!isRecord(inner)) return null;
  const data = isRecord(inner.data) ? inner.data : {};
  return {
    message: typeof inner.message === 'string' ? inner.message : '',
    code: typeof data.code === 'string' ? data.code : undefined,
    httpStatus: typeof data.httpStatus === 'number' ? data.httpStatus : undefined,
  };
}

/** The (superjson-decoded) data of a successful single answer. */
export function trpcDataOf<T>(answer: TrpcAnswer): T {
  const result = isRecord(answer.json) ? answer.json.result : undefined;
  const data = isRecord(result) ? result.data : undefined;
  if (answer.status !== 200 || !isRecord(data))
    throw new Error(`not a tRPC result (${answer.status}): ${answer.text}`);
  const meta = isRecord(data.meta) ? (data.meta as SuperJSONResult['meta']) : undefined;
  return superjson.deserialize<T>({ json: data.json as SuperJSONResult['json'], meta });
}

function callerHeaders(server: ProductionServer, caller: Caller, mutation: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': BROWSER };
  if (caller.cookie) headers.cookie = caller.cookie;
  if (caller.bearer) headers.authorization = `Bearer ${caller.bearer}`;
  const origin =
    caller.origin === undefined ? (mutation && caller.cookie ? server.base : null) : caller.origin;
  if (origin) headers.origin = origin;
  return { ...headers, ...caller.headers };
}

export async function trpcQuery(
  server: ProductionServer,
  path: string,
  input: unknown,
  caller: Caller = {},
): Promise<TrpcAnswer> {
  const query =
    input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const response = await fetch(`${server.base}/api/trpc/${path}${query}`, {
    headers: callerHeaders(server, caller, false),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: parseJson(text) };
}

export async function trpcMutation(
  server: ProductionServer,
  path: string,
  input: unknown,
  caller: Caller = {},
): Promise<TrpcAnswer> {
  const response = await fetch(`${server.base}/api/trpc/${path}`, {
    method: 'POST',
    headers: { ...callerHeaders(server, caller, true), 'content-type': 'application/json' },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: parseJson(text) };
}

export function sessionCookieOf(headers: Headers): string | null {
  const line = headers.getSetCookie().find((cookie) => /^aurora_session=[^;]+/.test(cookie));
  return line ? (line.split(';', 1)[0] ?? null) : null;
}

export async function signIn(server: ProductionServer, credentials: Credentials): Promise<string> {
  const answer = await trpcMutation(server, 'auth.login', credentials);
  const cookie = sessionCookieOf(answer.headers);
  if (answer.status !== 200 || !cookie)
    throw new Error(`sign-in of ${credentials.email} failed: ${answer.text}`);
  return cookie;
}

export interface Account extends Credentials {
  id: string;
  cookie: string;
}

export async function whoIs(server: ProductionServer, cookie: string): Promise<string> {
  const answer = await trpcQuery(server, 'auth.me', undefined, { cookie });
  return trpcDataOf<{ id: string }>(answer).id;
}

/** A new account through auth.register; its answer's cookie is the new session. */
export async function registerAccount(server: ProductionServer, name: string): Promise<Account> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@${new URL(server.base).port}.build.test`;
  const password = `${name}-password-1234`;
  const answer = await trpcMutation(server, 'auth.register', { email, password, name });
  const cookie = sessionCookieOf(answer.headers);
  if (answer.status !== 200 || !cookie) throw new Error(`registration of ${email} failed: ${answer.text}`);
  return { email, password, cookie, id: await whoIs(server, cookie) };
}

/** Gives `account` a role (as the admin) and signs it in again, so the session carries the role. */
export async function withRole(
  server: ProductionServer,
  adminCookie: string,
  account: Account,
  role: 'instructor' | 'admin',
): Promise<Account> {
  const answer = await trpcMutation(
    server,
    'users.setRole',
    { userId: account.id, role },
    { cookie: adminCookie },
  );
  if (answer.status !== 200) throw new Error(`users.setRole failed: ${answer.text}`);
  return { ...account, cookie: await signIn(server, account) };
}

/** Calls a mutation that must succeed and returns its data. */
export async function mutate<T>(
  server: ProductionServer,
  path: string,
  input: unknown,
  cookie: string,
): Promise<T> {
  return trpcDataOf<T>(await trpcMutation(server, path, input, { cookie }));
}

const TABLE_IDS: string[] = (() => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'appwrite.json'), 'utf8')) as {
    tables?: { $id: string }[];
  };
  return (schema.tables ?? []).map((table) => table.$id);
})();

/**
 * What an error message must never show: database names (`aurora_…`), table names,
 * SQLite's own words. Table names that are plain words ("users") count only where
 * they read as storage (`from users`, `"users"`), and not at all with
 * `plainWords: false` (a whole page, whose loader data names them as keys).
 */
export function storageNamesIn(message: string, options: { plainWords?: boolean } = {}): string[] {
  const found: string[] = [];
  if (/aurora_/i.test(message)) found.push('aurora_');
  if (/sqlite|no such (table|column)|constraint failed|syntax error/i.test(message)) found.push('sqlite');
  for (const table of TABLE_IDS) {
    // A page's own data names courses and lessons as plain words; only its error text may not.
    if (options.plainWords === false && !table.includes('_')) continue;
    const word = table.includes('_')
      ? new RegExp(`\\b${table}\\b`)
      : new RegExp(`(?:\\b(?:from|into|table|join|update)\\s+["'\`]?${table}\\b|["'\`]${table}["'\`])`, 'i');
    if (word.test(message)) found.push(table);
  }
  return found;
}

/* ---------- streaming a body the test never holds ---------- */

export interface StreamedBody {
  path: string;
  headers: OutgoingHttpHeaders;
  /** The first bytes; the rest up to `total` is one repeated filler chunk. */
  prefix: string;
  total: number;
  /** With Content-Length (true) or chunked without it (false). */
  declareLength: boolean;
}

export interface StreamOutcome {
  /** 0 when the connection ended without an answer. */
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Bytes handed to the socket when the answer arrived; null without an answer. */
  sentAtAnswer: number | null;
  sent: number;
  /** EPIPE / ECONNRESET and the like on the upload side: expected once the server stops reading. */
  uploadError: string | null;
}

/** How long a paused upload may wait for the server: before an answer, and after one. */
const STALL_BEFORE_ANSWER_MS = 30_000;
const STALL_AFTER_ANSWER_MS = 1_000;
const FILLER = Buffer.alloc(MiB, 'a');
const READ_PAUSE_MS = 2;
const LISTEN_MS = 250;

export function streamBody(port: number, upload: StreamedBody): Promise<StreamOutcome> {
  const headers: OutgoingHttpHeaders = {
    'user-agent': BROWSER,
    host: `127.0.0.1:${port}`,
    ...upload.headers,
  };
  if (upload.declareLength) headers['content-length'] = upload.total;
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: upload.path,
    headers,
    setHost: false,
  });
  const outcome: StreamOutcome = {
    status: 0,
    headers: {},
    body: '',
    sentAtAnswer: null,
    sent: 0,
    uploadError: null,
  };
  let ended = false;
  const finished = new Promise<void>((resolve) => {
    req.on('response', (res) => {
      outcome.status = res.statusCode ?? 0;
      outcome.headers = res.headers;
      outcome.sentAtAnswer = outcome.sent;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      const done = () => {
        outcome.body = Buffer.concat(chunks).toString('utf8');
        resolve();
      };
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.on('close', () => {
      ended = true;
      if (outcome.status === 0) resolve();
    });
  });
  req.on('error', (error: NodeJS.ErrnoException) => {
    outcome.uploadError ??= error.code ?? error.message;
  });

  const drained = (): Promise<boolean> =>
    new Promise((resolve) => {
      const settle = (ok: boolean) => {
        clearTimeout(timer);
        req.off('drain', onDrain);
        req.off('close', onClose);
        resolve(ok);
      };
      const onDrain = () => settle(true);
      const onClose = () => settle(false);
      const timer = setTimeout(
        () => settle(false),
        outcome.status === 0 ? STALL_BEFORE_ANSWER_MS : STALL_AFTER_ANSWER_MS,
      );
      req.on('drain', onDrain);
      req.on('close', onClose);
    });

  /** Waits up to `ms` for an answer (or the end of the connection). */
  const listen = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (outcome.status !== 0 || ended) return resolve();
      const settle = () => {
        clearTimeout(timer);
        req.off('response', settle);
        req.off('close', settle);
        resolve();
      };
      const timer = setTimeout(settle, ms);
      req.once('response', settle);
      req.once('close', settle);
    });

  // A server that refuses the body may answer and reset the connection at once; a write
  // on a reset socket makes Node drop it with the answer unread (although the kernel
  // still holds it). So the client listens where a refusal is due, as a client sending
  // `Expect: 100-continue` would: after the headers (a declared length is judged on
  // them), after the first MiB (past any limit on the way), and briefly between writes.
  const send = async () => {
    req.flushHeaders();
    await listen(LISTEN_MS);
    const head = Buffer.from(upload.prefix, 'utf8');
    outcome.sent += head.length;
    let open = req.write(head) || (await drained());
    let listenedPastFirstMiB = false;
    while (open && !ended && outcome.uploadError === null && outcome.sent < upload.total) {
      const pastFirstMiB = outcome.sent >= FILLER.length;
      await listen(pastFirstMiB && !listenedPastFirstMiB ? LISTEN_MS : READ_PAUSE_MS);
      listenedPastFirstMiB ||= pastFirstMiB;
      if (ended || outcome.uploadError !== null) break;
      const piece = FILLER.subarray(0, Math.min(FILLER.length, upload.total - outcome.sent));
      outcome.sent += piece.length;
      open = req.write(piece) || (await drained());
    }
    if (open && outcome.sent >= upload.total && outcome.uploadError === null) req.end();
    else req.destroy();
  };
  return Promise.all([send(), finished]).then(() => outcome);
}
