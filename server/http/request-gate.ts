/**
 * What every request must pass before a handler sees it, in one place, so that no route
 * can forget a check and none of these client mistakes reaches code that would answer
 * 500 for it:
 *  - a method Aurora serves (405 otherwise, with Allow);
 *  - a well-formed Host, an origin-form target with a decodable path, and no `_data`
 *    parameter (400);
 *  - for pages: a same-origin request for anything that changes data (403), sent as a
 *    browser form sends it (415), and a body within its limit (413, see body-limits.ts);
 *  - for the API: GET or POST, and a body within its limit.
 * A page request's body limit is remembered on the request for the Remix adapter,
 * which counts the bytes of a chunked body as it reads them.
 */
import type { IncomingMessage } from 'node:http';
import { authenticate } from '../services/identity/authenticate';
import { visitorScope, type AppServices } from '../services/scope';
import { isCrossSiteMutation } from '../trpc/origin-guard';
import {
  apiAllowance,
  bodyLimitFor,
  NO_UPLOADS,
  pageAllowance,
  tooLargeMessage,
  type BodyAllowance,
  type BodyLimit,
} from './body-limits';
import { isWellFormedHost } from './host-header';
import type { Refusal } from './refusal-response';
import { requestFactsOf } from './request-facts';

const SERVED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const PAGE_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const API_METHODS = new Set(['GET', 'POST']);
const SAFE_METHODS = new Set(['GET', 'HEAD']);
/** What an HTML form sends (`<form enctype>`); anything else is not from Aurora's pages. */
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

export type GateResult = { refusal: Refusal } | { bodyLimit: number };

const methodNotAllowed = (allow: string): Refusal => ({
  status: 405,
  title: 'That can’t be done here',
  message: `This address does not take that method. It takes ${allow}.`,
  headers: { Allow: allow },
});

/** Checks that hold for every route, before the route is even looked at. */
export function commonRefusal(req: IncomingMessage): Refusal | null {
  if (!SERVED_METHODS.has(req.method ?? '')) return methodNotAllowed(PAGE_METHODS);
  const host = req.headers.host;
  if (host !== undefined && !isWellFormedHost(host)) {
    return {
      status: 400,
      title: 'That request didn’t look right',
      message: 'The Host header of this request is not a host name or address.',
    };
  }
  // Absolute-form (`GET http://x/`) and asterisk-form targets are for proxies, not for Aurora.
  if (!req.url?.startsWith('/')) {
    return {
      status: 400,
      title: 'That request didn’t look right',
      message: 'The request target must be a path starting with “/”.',
    };
  }
  const [path = '/', search = ''] = req.url.split('?', 2);
  if (!isDecodable(path)) {
    return {
      status: 400,
      title: 'That address didn’t look right',
      message: 'The address holds a “%” that is not followed by two hexadecimal digits.',
    };
  }
  // Remix's old data requests: with single fetch on, Aurora's pages never send them.
  if (new URLSearchParams(search).has('_data')) {
    return {
      status: 400,
      title: 'That address didn’t look right',
      message: 'Aurora’s pages do not take a “_data” parameter.',
    };
  }
  return null;
}

function isDecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The 413 for a body past its limit: declared too large here, or counted past it while read. */
export const tooLarge = (limit: BodyLimit): Refusal => ({
  status: 413,
  title: 'That was too large',
  message: tooLargeMessage(limit),
});

function mediaTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

export function createRequestGate(services: AppServices) {
  const { env } = services;

  /** Only asked when a body may exceed a visitor's allowance; one backend call. */
  const isSignedIn = async (req: IncomingMessage) => {
    const request = requestFactsOf(req, env.trustedProxies);
    const { user } = await authenticate({
      ...visitorScope(services, request),
      responseHeaders: new Headers(),
    });
    return user !== null;
  };

  async function withinLimit(req: IncomingMessage, allowance: BodyAllowance): Promise<GateResult> {
    const limit = await bodyLimitFor(req, allowance, () => isSignedIn(req));
    return limit.tooLarge ? { refusal: tooLarge(limit) } : { bodyLimit: limit.limit };
  }

  return {
    /** `/api/trpc/…`: the procedures named in the path decide the allowance. */
    api(req: IncomingMessage, procedurePaths: readonly string[]): Promise<GateResult> {
      if (!API_METHODS.has(req.method ?? ''))
        return Promise.resolve({ refusal: methodNotAllowed('GET, POST') });
      return withinLimit(req, apiAllowance(procedurePaths));
    },

    /** Pages, data requests and static files: everything Express and Remix serve. */
    page(req: IncomingMessage, pathname: string): Promise<GateResult> {
      if (!SAFE_METHODS.has(req.method ?? '')) {
        const facts = requestFactsOf(req, env.trustedProxies);
        if (isCrossSiteMutation(facts, env.allowedOrigins)) {
          return Promise.resolve({
            refusal: {
              status: 403,
              title: 'This form was sent from another site',
              message:
                'Aurora only accepts forms sent from its own pages. Go back to Aurora, reload the page and try again.',
            },
          });
        }
        // Actions read a form whatever the method; a browser's form always names its type.
        if (!FORM_TYPES.has(mediaTypeOf(req))) {
          return Promise.resolve({
            refusal: {
              status: 415,
              title: 'That is not a form',
              message:
                'Aurora’s pages accept what a browser’s form sends (urlencoded or multipart). Scripts can use the API at /api/trpc.',
            },
          });
        }
      }
      return withinLimit(req, pageAllowance(pathname));
    },

    /** Files, images and video routes: nothing they serve takes a body. */
    other(req: IncomingMessage): Promise<GateResult> {
      return withinLimit(req, NO_UPLOADS);
    },
  };
}

export type RequestGate = ReturnType<typeof createRequestGate>;

const bodyLimits = new WeakMap<IncomingMessage, number>();

export function rememberBodyLimit(req: IncomingMessage, limit: number): void {
  bodyLimits.set(req, limit);
}

/** The limit the gate chose; a request that did not pass the gate may read nothing. */
export function bodyLimitOf(req: IncomingMessage): number {
  return bodyLimits.get(req) ?? 0;
}
