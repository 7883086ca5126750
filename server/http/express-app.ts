/**
 * Everything that is not the API or the health check: static files, then pages.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { AppServices } from '../services/scope';

export interface ExpressAppOptions {
  services: AppServices;
  /** Serves files before pages: the client build in production, Vite's middlewares in development. */
  files: RequestHandler;
  pages: RequestHandler;
}

/** Last resort: an error outside Remix (Remix renders its own ErrorBoundary for route errors). */
const internalError: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  console.error('request failed:', error);
  if (res.headersSent) return next(error);
  res
    .status(500)
    .type('text/plain')
    .set('Cache-Control', 'no-store')
    .send('Aurora had a problem. Please try again.');
};

export function createExpressApp({ services, files, pages }: ExpressAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Same proxies as request-facts.ts, so req.protocol and req.hostname (which Remix's
  // request URL is built from) come from X-Forwarded-* only behind a trusted proxy.
  if (services.env.trustedProxies.length > 0) app.set('trust proxy', services.env.trustedProxies);
  app.use(files);
  // Pages are compressed whole once rendered, in server.ts (compression.ts): compressing
  // each of the many small chunks React streams cost four times the throughput
  // (722 → 177 req/s at gzip level 1); one call over the document costs ~0.1 ms.
  app.use(pages);
  app.use(internalError);
  return app;
}
