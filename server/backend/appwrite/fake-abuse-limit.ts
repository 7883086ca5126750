/**
 * Test support (imported by the fakes only): Appwrite's abuse limits, so the fake refuses
 * what the real server would refuse. Without it, code that logs out through the session
 * (no API key) looks fine in tests and caps logouts for the whole site in production.
 *
 * As in Appwrite 1.9.6 (app/controllers/shared/api.php, the `api` init hook; counting
 * as in utopia-php/abuse 1.4.1, Adapters/TimeLimit.php):
 * - a request that carries an API key (`x-appwrite-key`) or a dev key is never limited;
 * - a route's limit is its `abuse-limit` label per `abuse-time` seconds (default 3600),
 *   counted in fixed windows (`now - now % seconds`), keyed by `url:{url},ip:{ip}` where
 *   `{url}` is the host and the route's *pattern* — every session id shares one counter;
 * - the first `limit` requests of a window pass and are counted, later ones are answered
 *   429 `general_rate_limit_exceeded` and are not counted;
 * - the client IP is the first `x-forwarded-for` address (`_APP_TRUSTED_HEADERS`'
 *   default), else the address the request came from: for Aurora, its one server.
 *
 * Only routes keyed by URL and IP are listed (app/controllers/api/account.php); routes
 * keyed by a body parameter (`email`, `userId`) are left out because Aurora calls them
 * with the API key only.
 */
import { MockAgent, type Dispatcher } from 'undici';
import { appwriteError } from './fixtures';

interface LimitedRoute {
  method: string;
  /** Appwrite's route path, e.g. `/v1/account/sessions/:sessionId`. */
  route: string;
  limit: number;
  seconds: number;
}

export const ABUSE_LIMITED_ROUTES: readonly LimitedRoute[] = [
  { method: 'POST', route: '/v1/account', limit: 10, seconds: 3600 },
  { method: 'DELETE', route: '/v1/account/sessions', limit: 100, seconds: 3600 },
  { method: 'DELETE', route: '/v1/account/sessions/:sessionId', limit: 100, seconds: 3600 },
  { method: 'PATCH', route: '/v1/account/sessions/:sessionId', limit: 10, seconds: 3600 },
  { method: 'PATCH', route: '/v1/account/password', limit: 10, seconds: 3600 },
];

/** The address of a request that names no other: the one server Aurora runs on. */
const SERVER_IP = 'aurora-server';

/** What the MockAgent hands a reply callback. */
export interface RefusedRequest {
  path: string;
  method: string;
  headers?: unknown;
  body?: unknown;
}

export interface FakeAbuseLimit {
  /**
   * Counts the request against its route's limit. When it is over the limit, answers it
   * with Appwrite's 429 through `handler` and returns true; otherwise returns false and
   * the caller answers it.
   */
  refuse(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean;
  close(): Promise<void>;
}

export interface FakeAbuseLimitOptions {
  /** Told of each refused request (to record it like any other). */
  onRefused?: (request: RefusedRequest) => Promise<void> | void;
  /** Milliseconds since the epoch; `Date.now` by default. */
  now?: () => number;
}

export function createFakeAbuseLimit(origin: string, options: FakeAbuseLimitOptions = {}): FakeAbuseLimit {
  const now = options.now ?? (() => Date.now());
  const counts = new Map<string, { window: number; hits: number }>();
  const refusals = new MockAgent();
  refusals.disableNetConnect();
  const host = new URL(origin).host;

  /** One interceptor per refusal, used at once: an unused one would fail the mock's own check. */
  const answerRefusal = (limit: number, reset: number): void => {
    refusals
      .get(origin)
      .intercept({ path: () => true, method: () => true })
      .reply(
        429,
        async (request) => {
          await options.onRefused?.(request);
          return JSON.stringify(
            appwriteError(
              429,
              'Rate limit for the current endpoint has been exceeded. Please try again after some time.',
              'general_rate_limit_exceeded',
            ),
          );
        },
        {
          headers: {
            'content-type': 'application/json',
            'x-ratelimit-limit': String(limit),
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(reset),
          },
        },
      );
  };

  return {
    refuse(dispatch, handler) {
      const headers = headerMap(dispatch.headers);
      if (headers.has('x-appwrite-key') || headers.has('x-appwrite-dev-key')) return false;
      const path = (dispatch.path.split('?')[0] ?? '').replace(/\/+$/, '');
      const route = ABUSE_LIMITED_ROUTES.find(
        (candidate) => candidate.method === dispatch.method.toUpperCase() && matches(candidate.route, path),
      );
      if (!route) return false;

      const seconds = Math.floor(now() / 1000);
      const window = seconds - (seconds % route.seconds);
      const ip = headers.get('x-forwarded-for')?.split(',')[0]?.trim() || SERVER_IP;
      const key = `url:${host}${route.route},ip:${ip}`;
      const count = counts.get(key);
      const hits = count?.window === window ? count.hits : 0;
      if (hits < route.limit) {
        counts.set(key, { window, hits: hits + 1 });
        return false;
      }
      answerRefusal(route.limit, window + route.seconds);
      refusals.dispatch(dispatch, handler);
      return true;
    },
    close: () => refusals.close(),
  };
}

/** `/v1/account/sessions/:sessionId` matches `/v1/account/sessions/current`, one segment per parameter. */
function matches(route: string, path: string): boolean {
  const expected = route.split('/');
  const actual = path.split('/');
  return (
    expected.length === actual.length &&
    expected.every((segment, index) => {
      const part = actual[index] ?? '';
      return segment.startsWith(':') ? part.length > 0 : segment === part;
    })
  );
}

/** undici hands headers over as a record, a flat [name, value, ...] array, or Headers. */
function headerMap(headers: Dispatcher.DispatchOptions['headers']): Map<string, string> {
  const map = new Map<string, string>();
  if (!headers) return map;
  if (headers instanceof Headers) {
    for (const [name, value] of headers) map.set(name.toLowerCase(), value);
    return map;
  }
  if (Array.isArray(headers)) {
    for (let index = 0; index + 1 < headers.length; index += 2) {
      map.set(String(headers[index]).toLowerCase(), String(headers[index + 1]));
    }
    return map;
  }
  if (isIterableOfPairs(headers)) {
    for (const [name, value] of headers) map.set(String(name).toLowerCase(), String(value));
    return map;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) map.set(name.toLowerCase(), String(value));
  }
  return map;
}

function isIterableOfPairs(value: object): value is Iterable<[string, unknown]> {
  return Symbol.iterator in value;
}
