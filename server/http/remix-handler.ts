/**
 * Pages, data requests and resource routes through Remix, each with a request-bound
 * tRPC caller. Aurora's own adapter rather than @remix-run/express's, because what it
 * hands Remix is decided here:
 *  - the request URL is the public URL's origin and the path, never the Host header;
 *  - the body is read through the gate's limit (request-gate.ts): past it the request
 *    is answered 413 and aborted, so the action stops and nothing is logged;
 *  - a Bearer token that matches no live token gets a 401 page instead of reaching
 *    loaders that would fail on it.
 */
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from '@remix-run/node';
import type { RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequestContext } from '../trpc/context';
import { type AppServices } from '../services/scope';
import { boundedBody } from './body-limits';
import { loadContextOf } from './load-context';
import { sendRefusal } from './refusal-response';
import { bodyLimitOf, tooLarge } from './request-gate';
import { requestFactsOf } from './request-facts';
import { NodeResponseHeaders } from './response-headers';
import type { ServerMode } from './security-headers';

export interface RemixHandlerOptions {
  services: AppServices;
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: ServerMode;
}

const INVALID_TOKEN = {
  status: 401,
  title: 'This API token is not valid',
  message:
    'The Authorization header names a token that does not exist or was revoked. Create a new one on your account page, or open Aurora without it.',
  headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
} as const;

function requestHeadersOf(req: IncomingMessage, publicUrl: URL): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  // Remix refuses an action (as a 500) whose Origin host differs from Host. The gate has
  // already judged the Origin against the configured origins, and behind a proxy the
  // Host may be anything; so Remix is shown the host it would expect.
  headers.delete('x-forwarded-host');
  headers.set('host', hostOfOrigin(headers.get('origin')) ?? publicUrl.host);
  return headers;
}

function hostOfOrigin(origin: string | null): string | null {
  if (!origin || origin === 'null') return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Copies a Remix response onto the Node response. A header the server already set (the
 * security defaults) is added to, not replaced: a route can tighten them, not drop them.
 */
async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    const existing = res.getHeader(name);
    if (existing === undefined) res.setHeader(name, value);
    else res.setHeader(name, [...(Array.isArray(existing) ? existing : [String(existing)]), value]);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) {
    const existing = res.getHeader('set-cookie');
    const earlier = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    res.setHeader('set-cookie', [...earlier, ...cookies]);
  }
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export function createRemixHandler({ services, build, mode }: RemixHandlerOptions): RequestHandler {
  const handle = createRequestHandler(build, mode);
  const origin = services.env.publicUrl.origin;

  return async (req, res, next) => {
    try {
      const responseHeaders = new NodeResponseHeaders(res);
      const ctx = await createRequestContext(services, requestFactsOf(req, services.env.trustedProxies), {
        method: req.method,
        responseHeaders,
      });
      if (ctx.auth.method === 'rejected-token') return sendRefusal(req, res, 'page', INVALID_TOKEN);

      const controller = new AbortController();
      res.once('close', () => controller.abort());
      let refused = false;
      const init: RequestInit & { duplex?: 'half' } = {
        method: req.method,
        headers: requestHeadersOf(req, services.env.publicUrl),
        signal: controller.signal,
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const limit = bodyLimitOf(req);
        init.body = boundedBody(req, limit, () => {
          refused = true;
          // Aborted first: Remix does not log the failed read of an aborted request.
          controller.abort();
          sendRefusal(req, res, 'page', tooLarge({ limit, tooLarge: true, signInWouldHelp: false }));
        });
        init.duplex = 'half';
      }
      const request = new Request(`${origin}${req.url ?? '/'}`, init);
      const response = await handle(request, loadContextOf(ctx, req));
      if (refused) {
        await response.body?.cancel();
        return;
      }
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}
