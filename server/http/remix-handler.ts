import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import type { RequestHandler } from 'express';
import type { AppServices } from '../trpc/context';
import { createLoadContext } from './load-context';
import type { ServerMode } from './security-headers';

export interface RemixHandlerOptions {
  services: AppServices;
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: ServerMode;
}

/** Pages, data requests and resource routes through Remix, each with a request-bound tRPC caller. */
export function createRemixHandler({ services, build, mode }: RemixHandlerOptions): RequestHandler {
  return createRequestHandler({
    build,
    mode,
    getLoadContext: (req, res) => createLoadContext(services, req, res),
  });
}
