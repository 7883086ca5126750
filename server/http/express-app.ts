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
  // Pages go out uncompressed. Measured with scripts/bench.ts (50 connections, 3 × 10 s,
  // medians, GET / with a browser's Accept-Encoding; 2-core machine):
  //   no compression:  722 req/s, p50  64 ms, p99 175 ms  (11.3 KiB per page)
  //   gzip level 1:    177 req/s, p50 271 ms, p99 539 ms  ( 3.9 KiB per page)
  // React streams a page in many small chunks and zlib pays per chunk, so even the
  // fastest level costs four times the throughput. Static assets are precompressed at
  // build time; a reverse proxy may still compress pages where bandwidth is dear.
  app.use(pages);
  app.use(internalError);
  return app;
}
