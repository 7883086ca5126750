/**
 * A Function as Appwrite runs it: bundled by scripts/build-functions.ts, imported from its
 * dist/ file and called with Appwrite's request shape, doing its work through node-appwrite
 * (HTTP intercepted by mock-appwrite).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bundleFunction } from '../../scripts/build-functions';
import { appwriteError, appwriteRow } from '../backend/appwrite/fixtures';
import { CONFIG, mockAppwrite, type MockAppwrite } from '../backend/appwrite/mock-appwrite';
import type { AppwriteFunction, AppwriteFunctionContext } from './function-entry';

const JOBS_DIR = fileURLToPath(new URL('.', import.meta.url));
const EXECUTION_KEY = 'execution-key-123';
const ANALYTICS_ROW =
  '/v1/tablesdb/aurora_analytics/tables/course_analytics/rows/c1/totalEnrollments/increment';
const FAILURES = '/v1/tablesdb/aurora_main/tables/job_failures/rows';
const RUNS = '/v1/tablesdb/aurora_main/tables/job_runs/rows';

let dir: string;
let courseCreated: AppwriteFunction;
let nightly: AppwriteFunction;
let bundleText: string;

async function bundle(name: string, exportName: string): Promise<AppwriteFunction> {
  const entry = join(dir, name, 'src', 'main.ts');
  const outfile = join(dir, name, 'dist', 'main.js');
  await mkdir(join(dir, name, 'src'), { recursive: true });
  await writeFile(
    entry,
    [
      `import { functionEntry } from ${JSON.stringify(join(JOBS_DIR, 'function-entry.ts'))};`,
      `import { ${exportName} } from ${JSON.stringify(join(JOBS_DIR, 'probe-jobs.ts'))};`,
      `export default functionEntry(${exportName});`,
    ].join('\n'),
  );
  await bundleFunction({ entry, outfile });
  await writeFile(join(dir, name, 'package.json'), '{"type":"module"}\n');
  bundleText = await readFile(outfile, 'utf8');
  const loaded = (await import(pathToFileURL(outfile).href)) as { default: AppwriteFunction };
  return loaded.default;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aurora-functions-'));
  nightly = await bundle('probe-nightly', 'probeScheduledJob');
  courseCreated = await bundle('probe-course-created', 'probeEventJob');
  // esbuild over the server code: seconds alone, far longer beside a busy test run.
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Call {
  status: number | undefined;
  body: unknown;
  logs: string[];
  errors: string[];
}

async function call(
  fn: AppwriteFunction,
  headers: Record<string, string>,
  bodyJson: unknown = {},
): Promise<Call> {
  const result: Call = { status: undefined, body: undefined, logs: [], errors: [] };
  const context: AppwriteFunctionContext = {
    req: {
      headers,
      get bodyJson() {
        if (bodyJson instanceof Error) throw bodyJson;
        return bodyJson;
      },
    },
    res: {
      json(body, status = 200) {
        result.status = status;
        result.body = body;
        return body;
      },
    },
    log: (line) => void result.logs.push(line),
    error: (line) => void result.errors.push(line),
  };
  await fn(context);
  return result;
}

const eventHeaders = {
  'x-appwrite-trigger': 'event',
  'x-appwrite-event': 'databases.aurora_main.tables.courses.rows.c1.create',
  'x-appwrite-key': EXECUTION_KEY,
};

describe('a bundled Function called as Appwrite calls it', () => {
  let appwrite: MockAppwrite;

  beforeEach(() => {
    appwrite = mockAppwrite();
    vi.stubEnv('APPWRITE_FUNCTION_API_ENDPOINT', CONFIG.endpoint);
    vi.stubEnv('APPWRITE_FUNCTION_PROJECT_ID', CONFIG.projectId);
    vi.stubEnv('APPWRITE_FUNCTION_ID', 'probe-course-created');
    vi.stubEnv('AURORA_PUBLIC_URL', 'https://learn.example.org');
    vi.stubEnv('SESSION_SECRET', 's'.repeat(40));
    vi.stubEnv('VIDEO_ACCESS_SECRET', 'v'.repeat(40));
    vi.stubEnv('VIDEO_ENCRYPTION_KEYS', `v1:${Buffer.alloc(32, 7).toString('base64')}`);
    // The server's own key must never be what a Function uses.
    vi.stubEnv('APPWRITE_API_KEY', 'server-key-not-for-functions');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await appwrite.close();
  });

  it('needs neither better-sqlite3 nor the embedded backend', () => {
    expect(bundleText).not.toContain('better-sqlite3');
    expect(bundleText).not.toContain('backend/embedded');
  });

  it('cannot be built when something pulls in the embedded backend', async () => {
    const entry = join(dir, 'embedded-entry.ts');
    const embedded = join(JOBS_DIR, '..', 'backend', 'embedded', 'index.ts');
    await writeFile(entry, `export { createEmbeddedBackend } from ${JSON.stringify(embedded)};\n`);
    await expect(
      bundleFunction({ entry, outfile: join(dir, 'embedded', 'main.js'), logLevel: 'silent' }),
    ).rejects.toThrow(/is the embedded backend: a Function must import server\/backend\/appwrite only/);
  });

  it('performs its job through node-appwrite with the execution key', async () => {
    appwrite.reply(
      'PATCH',
      ANALYTICS_ROW,
      200,
      appwriteRow({ totalEnrollments: 4 }, 'c1', 'course_analytics'),
    );
    // The adapter reads the row back: the increment's own answer carries the old $updatedAt.
    appwrite.reply(
      'GET',
      ANALYTICS_ROW.replace('/totalEnrollments/increment', ''),
      200,
      appwriteRow({ totalEnrollments: 4 }, 'c1', 'course_analytics'),
    );
    const result = await call(courseCreated, eventHeaders, appwriteRow({ title: 'Rust' }, 'c1'));
    expect(result).toMatchObject({ status: 200, body: { ok: true }, errors: [] });
    expect(appwrite.requests).toHaveLength(2);
    for (const request of appwrite.requests) {
      expect(request.headers['x-appwrite-key']).toBe(EXECUTION_KEY);
      expect(request.headers['x-appwrite-project']).toBe(CONFIG.projectId);
    }
    // The bounds came from the bundled appwrite.json: totalEnrollments is 0 to 2,147,483,647.
    expect(appwrite.json(0)).toEqual({ value: 1, max: 2147483647 });
  });

  it('refuses an http execution and changes nothing', async () => {
    const result = await call(courseCreated, { ...eventHeaders, 'x-appwrite-trigger': 'http' });
    expect(result).toMatchObject({
      status: 403,
      body: { ok: false, error: 'this function runs on its event only, not on "http" trigger' },
    });
    expect(appwrite.requests).toEqual([]);
  });

  it('refuses an event that is none of its patterns', async () => {
    const result = await call(courseCreated, {
      ...eventHeaders,
      'x-appwrite-event': 'databases.aurora_main.tables.lessons.rows.l1.create',
    });
    expect(result.status).toBe(400);
    expect(result.errors[0]).toContain('is not one of databases.aurora_main.tables.courses.rows.*.create');
    expect(appwrite.requests).toEqual([]);
  });

  it('dead-letters a body that fails the schema: logged, answered 400, recorded in job_failures', async () => {
    appwrite.reply('POST', FAILURES, 201, appwriteRow({}, 'f1', 'job_failures'));
    const result = await call(courseCreated, eventHeaders, { $id: 'c1', title: '' });
    expect(result.status).toBe(400);
    expect(result.errors.join('\n')).toContain('job payload rejected');
    expect(result.errors.join('\n')).toContain('"path":"title"');
    expect(appwrite.requests.map((request) => request.path)).toEqual([FAILURES]);
    expect(appwrite.json(0)).toMatchObject({
      data: {
        jobName: 'probe-course-created',
        event: 'databases.aurora_main.tables.courses.rows.c1.create',
        kind: 'invalid_payload',
        payloadExcerpt: '{"$id":"c1","title":""}',
      },
    });
  });

  it('treats a body that is not JSON like a payload that fails its schema', async () => {
    appwrite.reply('POST', FAILURES, 201, appwriteRow({}, 'f1', 'job_failures'));
    const result = await call(courseCreated, eventHeaders, new SyntaxError('Unexpected token'));
    expect(result).toMatchObject({ status: 400, body: { ok: false, error: 'the body is not JSON' } });
  });

  it('records a handler failure (Appwrite will not retry it) and answers 500', async () => {
    appwrite.reply('PATCH', ANALYTICS_ROW, 404, appwriteError(404, 'Row not found', 'row_not_found'));
    appwrite.reply('POST', FAILURES, 201, appwriteRow({}, 'f1', 'job_failures'));
    const result = await call(courseCreated, eventHeaders, appwriteRow({ title: 'Rust' }, 'c1'));
    expect(result.status).toBe(500);
    expect(appwrite.json(1)).toMatchObject({
      data: { kind: 'handler_failed', jobName: 'probe-course-created' },
    });
  });

  it('answers 500 and logs when Appwrite itself fails', async () => {
    appwrite.reply('POST', RUNS, 503, appwriteError(503, 'Service unavailable', 'general_server_error'));
    const result = await call(nightly, { 'x-appwrite-trigger': 'schedule', 'x-appwrite-key': EXECUTION_KEY });
    expect(result).toMatchObject({
      status: 500,
      body: { ok: false, error: 'the job could not run (see its log)' },
    });
    expect(result.errors[0]).toMatch(/^probe-nightly: BackendError: /);
  });

  it('says what configuration is missing, without calling Appwrite', async () => {
    vi.stubEnv('AURORA_PUBLIC_URL', '');
    const result = await call(courseCreated, eventHeaders, appwriteRow({ title: 'Rust' }, 'c1'));
    expect(result).toMatchObject({ status: 500, body: { ok: false } });
    expect(result.errors[0]).toContain('AURORA_PUBLIC_URL');
    expect(appwrite.requests).toEqual([]);
  });

  it('runs a scheduled job once per slot: the job_runs row is claimed first', async () => {
    appwrite.reply('POST', RUNS, 201, appwriteRow({}, 'run1', 'job_runs'));
    appwrite.reply('PATCH', `${RUNS}/run1`, 200, appwriteRow({}, 'run1', 'job_runs'));
    const first = await call(nightly, { 'x-appwrite-trigger': 'schedule', 'x-appwrite-key': EXECUTION_KEY });
    expect(first).toMatchObject({ status: 200, body: { ok: true, outcome: 'succeeded' } });
    expect(appwrite.json(0)).toMatchObject({ data: { jobName: 'probe-nightly', status: 'running' } });
    expect(appwrite.json(1)).toMatchObject({ data: { status: 'succeeded' } });
    expect(first.logs.join('\n')).toContain('probe nightly ran');

    appwrite.reply('POST', RUNS, 409, appwriteError(409, 'Row already exists', 'row_already_exists'));
    const second = await call(nightly, { 'x-appwrite-trigger': 'schedule', 'x-appwrite-key': EXECUTION_KEY });
    expect(second).toMatchObject({ status: 200, body: { ok: true, outcome: 'taken' } });
    expect(second.logs.join('\n')).not.toContain('probe nightly ran');
  });
});
