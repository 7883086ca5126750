/**
 * The `enrollment-created` Function as Appwrite runs it: its real entry
 * (functions/enrollment-created/src/main.ts) bundled by scripts/build-functions.ts, the
 * bundle imported from its dist file and called with an execution's request shape. Its
 * node-appwrite requests reach a stateful fake of TablesDB (fake-tablesdb.ts) seeded with
 * the rows the embedded services wrote for a real enrollment, and it must write what the
 * embedded runner writes for the same event: the analytics receipt and counters and one
 * welcome mail in the outbox, every call carrying the execution's key.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bundleFunction } from '../../scripts/build-functions';
import { seedCourse } from '../../tests/helpers/courses';
import {
  createTestServices,
  createTestUser,
  scopeFor,
  type TestServices,
} from '../../tests/helpers/services';
import { fakeTablesDb, type FakeTablesDb } from '../backend/appwrite/fake-tablesdb';
import { CONFIG } from '../backend/appwrite/mock-appwrite';
import type { Row, TableRef } from '../backend/port';
import { enroll } from '../services/enrollments/membership';
import {
  ANALYTICS_RECEIPTS,
  COURSE_ANALYTICS,
  COURSES,
  ENROLLMENTS,
  LESSONS,
  MAIL_MESSAGES,
  PROFILES,
} from '../services/tables';
import { enrollmentCreatedJob } from './enrollment-created';
import { executeJob } from './execute';
import type {
  AppwriteFunction,
  AppwriteFunctionContext,
  AppwriteFunctionRequest,
  AppwriteFunctionResponse,
} from './function-entry';
import { testJobContext } from './testing';

const ENTRY = fileURLToPath(new URL('../../functions/enrollment-created/src/main.ts', import.meta.url));
const EXECUTION_KEY = 'execution-key-enrollment';
const PUBLIC_URL = 'https://learn.example.org';
const COURSE_TITLE = 'Engines & Numbers';
/** Tables the job reads: copied from the embedded backend into the fake before a run. */
const READ_TABLES: TableRef[] = [PROFILES, COURSES, LESSONS, ENROLLMENTS];
/** Tables the job writes: compared between the two runs. */
const WRITTEN_TABLES: TableRef[] = [ANALYTICS_RECEIPTS, COURSE_ANALYTICS, MAIL_MESSAGES];
/** Columns that hold the time of the run, which differs between the two runs. */
const TIME_COLUMNS = new Set(['updatedAt', 'lastUpdated', 'createdAt', 'nextAttemptAt']);

let dir: string;
let enrollmentCreated: AppwriteFunction;
let bundleText: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aurora-enrollment-function-'));
  const outfile = join(dir, 'enrollment-created', 'dist', 'main.js');
  await bundleFunction({ entry: ENTRY, outfile });
  await writeFile(join(dir, 'enrollment-created', 'package.json'), '{"type":"module"}\n');
  bundleText = await readFile(outfile, 'utf8');
  const loaded = (await import(pathToFileURL(outfile).href)) as { default: AppwriteFunction };
  enrollmentCreated = loaded.default;
  // esbuild over the server code: seconds alone, far longer beside a busy test run.
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Execution {
  status: number | undefined;
  body: unknown;
  logs: string[];
  errors: string[];
}

/**
 * The whole request and response of Appwrite's node runtime (open-runtimes), not only the
 * members function-entry.ts reads, so the entry sees exactly what it would on Appwrite.
 */
interface RuntimeRequest extends AppwriteFunctionRequest {
  body: string;
  bodyText: string;
  bodyRaw: string;
  method: string;
  host: string;
  scheme: string;
  port: number;
  path: string;
  queryString: string;
  query: Record<string, string>;
  url: string;
}
interface RuntimeResponse extends AppwriteFunctionResponse {
  send(body: string, statusCode?: number): unknown;
  text(body: string, statusCode?: number): unknown;
  empty(): unknown;
  redirect(url: string, statusCode?: number): unknown;
}

/** One execution of an event trigger, with `row` as the event's body. */
async function execute(
  fn: AppwriteFunction,
  event: string,
  row: Record<string, unknown>,
): Promise<Execution> {
  const result: Execution = { status: undefined, body: undefined, logs: [], errors: [] };
  const text = JSON.stringify(row);
  const answer = (body: unknown, status = 200) => {
    result.status = status;
    result.body = body;
    return body;
  };
  const req: RuntimeRequest = {
    headers: {
      'x-appwrite-trigger': 'event',
      'x-appwrite-event': event,
      'x-appwrite-key': EXECUTION_KEY,
      'x-appwrite-user-id': '',
      'content-type': 'application/json',
    },
    get bodyJson() {
      return JSON.parse(text) as unknown;
    },
    body: text,
    bodyText: text,
    bodyRaw: text,
    method: 'POST',
    host: 'localhost',
    scheme: 'http',
    port: 80,
    path: '/',
    queryString: '',
    query: {},
    url: 'http://localhost/',
  };
  const res: RuntimeResponse = {
    json: answer,
    send: (body, status = 200) => answer(body, status),
    text: (body, status = 200) => answer(body, status),
    empty: () => answer('', 204),
    redirect: (url, status = 301) => answer(url, status),
  };
  const context: AppwriteFunctionContext = {
    req,
    res,
    log: (line) => void result.logs.push(line),
    error: (line) => void result.errors.push(line),
  };
  await fn(context);
  return result;
}

/** The row as an event carries it: Appwrite's row model (fixtures.ts's shape). */
function asAppwriteRow(row: Row, sequence: number): Record<string, unknown> {
  return { ...row, $sequence: String(sequence), $permissions: [] };
}

/** A row's columns without its system fields and the times of the run. */
function columnsOf(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).filter(([key]) => !key.startsWith('$') && !TIME_COLUMNS.has(key)),
  );
}

describe('the bundled enrollment-created Function', () => {
  let services: TestServices;
  let fake: FakeTablesDb;
  let enrollmentRow: Row;
  let event: string;
  /** What Appwrite 1.9.6 sends as `x-appwrite-event` for a row create: the Collections form. */
  let header: string;
  let learnerEmail: string;
  /** The course's first lesson by order, which the welcome links to. */
  let firstLessonId: string;

  beforeEach(async () => {
    services = await createTestServices({ env: { AURORA_PUBLIC_URL: PUBLIC_URL } });
    const instructor = await createTestUser(services, 'instructor', { name: 'Charles Babbage' });
    const learner = await createTestUser(services, 'regular', { name: 'Ada Lovelace' });
    learnerEmail = learner.email;
    const { courseId, previewLessonId } = await seedCourse(services, instructor, {
      fields: { title: COURSE_TITLE },
    });
    firstLessonId = previewLessonId;
    const enrollment = await enroll(scopeFor(services, learner), { courseId });
    enrollmentRow = await services.backend.tables.get({ ...ENROLLMENTS, rowId: enrollment.id });
    event = `databases.aurora_main.tables.enrollments.rows.${enrollment.id}.create`;
    header = `databases.aurora_main.collections.enrollments.documents.${enrollment.id}.create`;

    fake = fakeTablesDb();
    for (const table of READ_TABLES) {
      const { rows } = await services.backend.tables.list({ ...table });
      for (const row of rows) fake.seed(table, row);
    }
    vi.stubEnv('APPWRITE_FUNCTION_API_ENDPOINT', CONFIG.endpoint);
    vi.stubEnv('APPWRITE_FUNCTION_PROJECT_ID', CONFIG.projectId);
    vi.stubEnv('APPWRITE_FUNCTION_ID', 'enrollment-created');
    vi.stubEnv('AURORA_PUBLIC_URL', PUBLIC_URL);
    vi.stubEnv('SESSION_SECRET', 's'.repeat(40));
    vi.stubEnv('VIDEO_ACCESS_SECRET', 'v'.repeat(40));
    vi.stubEnv('VIDEO_ENCRYPTION_KEYS', `v1:${Buffer.alloc(32, 7).toString('base64')}`);
    vi.stubEnv('APPWRITE_API_KEY', 'server-key-not-for-functions');
    vi.stubEnv('SMTP_URL', '');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await fake.close();
    await services.cleanup();
  });

  it('is the real entry, bundled without the embedded backend', () => {
    expect(bundleText).toContain('enrollment-created');
    expect(bundleText).not.toContain('better-sqlite3');
    expect(bundleText).not.toContain('backend/embedded');
  });

  it('makes through node-appwrite, with the execution key, the writes the embedded runner makes', async () => {
    const payload = asAppwriteRow(enrollmentRow, 1);
    const result = await execute(enrollmentCreated, header, payload);
    expect(result).toMatchObject({ status: 200, body: { ok: true }, errors: [] });

    // Every call is the execution's: its key and the injected project, never the server's key.
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const request of fake.requests) {
      expect(request.headers['x-appwrite-key']).toBe(EXECUTION_KEY);
      expect(request.headers['x-appwrite-project']).toBe(CONFIG.projectId);
    }

    const enrollmentId = enrollmentRow.$id;
    const courseId = String(enrollmentRow.courseId);
    const writes = fake.writes.map((write) => ({ ...write, data: columnsOf(write.data) }));
    expect(writes).toEqual([
      {
        kind: 'create',
        databaseId: 'aurora_analytics',
        tableId: 'course_analytics_receipts',
        rowId: enrollmentId,
        data: { courseId, inTotal: true, inCompleted: false, removed: false },
      },
      {
        kind: 'create',
        databaseId: 'aurora_analytics',
        tableId: 'course_analytics',
        rowId: courseId,
        data: { courseId, totalEnrollments: 0, completedEnrollments: 0, completionRate: 0 },
      },
      {
        kind: 'increment',
        databaseId: 'aurora_analytics',
        tableId: 'course_analytics',
        rowId: courseId,
        data: { totalEnrollments: 1 },
      },
      {
        kind: 'update',
        databaseId: 'aurora_analytics',
        tableId: 'course_analytics',
        rowId: courseId,
        data: { completionRate: 0 },
      },
      {
        kind: 'create',
        databaseId: 'aurora_main',
        tableId: 'mail_messages',
        rowId: expect.any(String),
        data: expect.objectContaining({
          key: `welcome:${enrollmentId}`,
          to: learnerEmail,
          kind: 'welcome',
          subject: `Welcome to ${COURSE_TITLE}`,
          status: 'waiting',
          attempts: 0,
        }),
      },
    ]);
    const [mail] = fake.rows(MAIL_MESSAGES);
    expect(mail?.html).toContain('Ada Lovelace');
    expect(mail?.html).toContain(`href="${PUBLIC_URL}/courses/${courseId}/lessons/${firstLessonId}"`);
    expect(mail?.text).toContain(`${PUBLIC_URL}/courses/${courseId}/lessons/${firstLessonId}`);

    // The embedded runner's run of the same job on the same event writes the same rows.
    const embedded = await executeJob(
      enrollmentCreatedJob,
      testJobContext(services),
      { trigger: 'event', event },
      payload,
    );
    expect(embedded.status).toBe('done');
    for (const table of WRITTEN_TABLES) {
      const { rows } = await services.backend.tables.list({ ...table });
      const expected = rows.map((row) => ({
        id: table === MAIL_MESSAGES ? null : row.$id,
        ...columnsOf(row),
      }));
      const actual = fake.rows(table).map((row) => ({
        id: table === MAIL_MESSAGES ? null : row.$id,
        ...columnsOf(row),
      }));
      expect({ table: table.tableId, rows: actual }).toEqual({ table: table.tableId, rows: expected });
    }
  });

  it('writes no second mail when the same event comes again: the outbox key answers 409', async () => {
    const payload = asAppwriteRow(enrollmentRow, 1);
    expect((await execute(enrollmentCreated, header, payload)).status).toBe(200);
    const writesBefore = fake.writes.length;
    const requestsBefore = fake.requests.length;

    const again = await execute(enrollmentCreated, header, payload);
    expect(again).toMatchObject({ status: 200, body: { ok: true }, errors: [] });
    expect(fake.writes.length).toBe(writesBefore);
    expect(fake.rows(MAIL_MESSAGES)).toHaveLength(1);
    expect(fake.rows(COURSE_ANALYTICS)).toMatchObject([{ totalEnrollments: 1 }]);
    // The mail was tried again and refused by the unique key, not skipped unseen.
    const mailCreates = fake.requests
      .slice(requestsBefore)
      .filter((request) => request.method === 'POST' && request.path.endsWith('/tables/mail_messages/rows'));
    expect(mailCreates).toHaveLength(1);
  });
});
