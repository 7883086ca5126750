/**
 * Test support (imported by *.test.ts only): a fake Appwrite at the HTTP level. It
 * installs an undici MockAgent as the global dispatcher, which node-appwrite's undici
 * `fetch` uses, answers scripted replies in order and records every request so tests
 * can assert method, path, query, headers and body. `serveRows` answers lists from a
 * fixed set of rows with Appwrite's own semantics (mock-rows.ts), for behaviour a test
 * must not script by hand: how Appwrite treats a cursor. Keyless calls are held to
 * Appwrite's abuse limits (fake-abuse-limit.ts): over the limit they get the 429 that
 * Appwrite would send, and no scripted reply is used up.
 */
import {
  FormData,
  MockAgent,
  Response,
  getGlobalDispatcher,
  setGlobalDispatcher,
  type Dispatcher,
} from 'undici';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Backend } from '../port';
import type { AppwriteConfig } from './clients';
import { createAppwriteBackend } from './index';
import { createFakeAbuseLimit, type FakeAbuseLimit } from './fake-abuse-limit';
import { answerList, type MockRow } from './mock-rows';

const ORIGIN = 'https://appwrite.test';
export const CONFIG: AppwriteConfig = {
  endpoint: `${ORIGIN}/v1`,
  projectId: 'aurora-test',
  apiKey: 'test-api-key',
};

export interface SeenRequest {
  method: string;
  /** The path without its query string, e.g. `/v1/tablesdb/aurora_main/tables/courses/rows`. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/** What the MockAgent hands a reply callback (undici does not export the type). */
interface InterceptedRequest {
  path: string;
  method: string;
  headers?: unknown;
  body?: unknown;
}

export interface ServeRowsOptions {
  /** How many list requests these rows answer (default 1). */
  requests?: number;
  /** Holds each answer back, so a test can see which requests were sent before any answer. */
  delayMs?: number;
  /** `files` for a Storage list; `rows` otherwise. */
  key?: 'rows' | 'files';
}

export interface MockAppwrite {
  readonly requests: SeenRequest[];
  /** Every request sent and every answer delivered, in the order they happened. */
  readonly timeline: ('sent' | 'answered')[];
  /** Answers the next matching request with `status` and a JSON body. */
  reply(method: string, path: string, status: number, body?: unknown): void;
  /** Answers the next matching request with no body, as Appwrite does for deletes. */
  replyEmpty(method: string, path: string, status?: number): void;
  /** Answers the next matching request with raw bytes (a file download). */
  replyBytes(method: string, path: string, bytes: Uint8Array): void;
  /**
   * Answers list requests (GET `path`) from `rows` as Appwrite would: filters, order,
   * limit, offset, select, and a cursor looked up by id alone (400
   * `general_cursor_not_found` when no row has it; never checked against the filters).
   */
  serveRows(path: string, rows: readonly MockRow[], options?: ServeRowsOptions): void;
  /** Fails the next matching request at the network level. */
  fail(method: string, path: string, error: Error): void;
  /** The recorded body of request `index`, parsed as JSON. */
  json(index: number): unknown;
  /** Restores the real dispatcher; fails if a scripted reply was never used. */
  close(): Promise<void>;
}

export function mockAppwrite(): MockAppwrite {
  const previous = getGlobalDispatcher();
  const agent = new StrictMockAgent();
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
  const pool = agent.get(ORIGIN);
  const requests: SeenRequest[] = [];

  const intercept = (method: string, path: string) =>
    pool.intercept({ method, path: (actual) => actual.split('?')[0] === path });

  // A failure while recording must not hang the request; close() reports it instead.
  const problems: unknown[] = [];
  const recordNow = (opts: InterceptedRequest, body: string): SeenRequest => {
    const url = new URL(opts.path, ORIGIN);
    const seen = {
      method: opts.method,
      path: url.pathname,
      query: url.searchParams,
      headers: normalizeHeaders(opts.headers),
      body,
    };
    requests.push(seen);
    return seen;
  };
  const record = async (opts: InterceptedRequest): Promise<void> => {
    const body = await readBody(opts.body).catch((error: unknown) => {
      problems.push(error);
      return '';
    });
    recordNow(opts, body);
    agent.timeline.push('answered');
  };
  // Keyless calls over Appwrite's abuse limit are refused (429) before any scripted reply.
  const abuseLimit = createFakeAbuseLimit(ORIGIN, { onRefused: record });
  agent.abuseLimit = abuseLimit;

  return {
    requests,
    timeline: agent.timeline,
    reply(method, path, status, body = {}) {
      intercept(method, path).reply(
        status,
        async (opts) => {
          await record(opts);
          return JSON.stringify(body);
        },
        { headers: { 'content-type': 'application/json' } },
      );
    },
    replyEmpty(method, path, status = 204) {
      intercept(method, path).reply(status, async (opts) => {
        await record(opts);
        return '';
      });
    },
    replyBytes(method, path, bytes) {
      intercept(method, path).reply(
        200,
        async (opts) => {
          await record(opts);
          return Buffer.from(bytes);
        },
        { headers: { 'content-type': 'application/octet-stream' } },
      );
    },
    serveRows(path, rows, options = {}) {
      const { requests: times = 1, delayMs = 0, key = 'rows' } = options;
      const scope = intercept('GET', path).reply((opts) => {
        // A list is a GET: there is no body to wait for, so it is recorded as it arrives.
        const seen = recordNow(opts, '');
        const queries = [...seen.query.entries()]
          .filter(([name]) => name.startsWith('queries['))
          .map(([, value]) => value);
        const answer = answerList(rows, queries, { key, total: seen.query.get('total') !== 'false' });
        return {
          statusCode: answer.status,
          data: () => {
            agent.timeline.push('answered');
            return JSON.stringify(answer.body);
          },
          responseOptions: { headers: { 'content-type': 'application/json' } },
        };
      });
      scope.times(times);
      if (delayMs > 0) scope.delay(delayMs);
    },
    fail(method, path, error) {
      intercept(method, path).replyWithError(error);
    },
    json(index) {
      const request = requests[index];
      if (!request) throw new Error(`no request #${index}; saw ${requests.length}`);
      return JSON.parse(request.body);
    },
    async close() {
      setGlobalDispatcher(previous);
      try {
        agent.assertNoPendingInterceptors();
        if (agent.unmatched.length > 0) throw new Error(`unexpected requests: ${agent.unmatched.join(', ')}`);
        if (problems.length > 0)
          throw new Error('mock-appwrite could not record a request', { cause: problems[0] });
      } finally {
        await agent.close();
        await abuseLimit.close();
      }
    },
  };
}

/** The fake Appwrite of the running test and the adapter pointed at it. */
export interface MockAppwriteTest {
  readonly appwrite: MockAppwrite;
  readonly backend: Backend;
}

/**
 * Registers hooks in the calling scope (a file or a describe): before each test a fresh
 * mockAppwrite() and an adapter on CONFIG, after it close(), so an unused scripted reply
 * or an unmatched request fails that test. Read `appwrite` and `backend` while a test
 * (or hook) runs, never at collection time: each test gets its own.
 */
export function setupMockAppwrite(): MockAppwriteTest {
  let current: MockAppwriteTest | undefined;
  beforeEach(() => {
    const appwrite = mockAppwrite();
    current = { appwrite, backend: createAppwriteBackend(CONFIG) };
  });
  afterEach(async () => {
    const appwrite = current?.appwrite;
    current = undefined;
    await appwrite?.close();
  });
  const running = (): MockAppwriteTest => {
    if (!current) throw new Error('setupMockAppwrite: appwrite and backend exist only while a test runs');
    return current;
  };
  return {
    get appwrite() {
      return running().appwrite;
    },
    get backend() {
      return running().backend;
    },
  };
}

/**
 * A MockAgent that also remembers requests no scripted reply matched: the adapter may
 * swallow the resulting error (a best-effort rollback does), and a test must still fail.
 */
class StrictMockAgent extends MockAgent {
  readonly unmatched: string[] = [];
  readonly timeline: ('sent' | 'answered')[] = [];
  abuseLimit: FakeAbuseLimit | undefined;

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
    this.timeline.push('sent');
    if (this.abuseLimit?.refuse(options, handler)) return true;
    const unmatched = this.unmatched;
    const watched = new Proxy(handler, {
      get(target, property, receiver) {
        if (property !== 'onError') return Reflect.get(target, property, receiver);
        return (error: Error) => {
          if (error.name === 'MockNotMatchedError') unmatched.push(`${options.method} ${options.path}`);
          target.onError?.(error);
        };
      },
    });
    return super.dispatch(options, watched);
  }
}

/** A call made with the server's API key (the admin client). */
export function expectAdminCall(request: SeenRequest | undefined): void {
  expect(request?.headers['x-appwrite-project']).toBe(CONFIG.projectId);
  expect(request?.headers['x-appwrite-key']).toBe(CONFIG.apiKey);
  expect(request?.headers).not.toHaveProperty('x-appwrite-session');
}

/** A call made as the session's user: its secret, and never the API key. */
export function expectSessionCall(request: SeenRequest | undefined, secret: string): void {
  expect(request?.headers['x-appwrite-project']).toBe(CONFIG.projectId);
  expect(request?.headers['x-appwrite-session']).toBe(secret);
  expect(request?.headers).not.toHaveProperty('x-appwrite-key');
}

function normalizeHeaders(headers: unknown): Record<string, string> {
  const entries: [string, unknown][] =
    headers instanceof Headers
      ? [...headers]
      : typeof headers === 'object' && headers !== null
        ? Object.entries(headers)
        : [];
  return Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), String(value)]));
}

async function readBody(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  // node-appwrite's multipart uploads reach the dispatcher as the FormData itself.
  if (body instanceof FormData) return new Response(body).text();
  if (!isAsyncIterable(body)) throw new Error('mock-appwrite cannot read this request body');
  const chunks: Buffer[] = [];
  for await (const chunk of body) {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
