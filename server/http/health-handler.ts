import type { IncomingMessage, ServerResponse } from 'node:http';
import { createContext } from '../trpc/context';
import { type AppServices } from '../services/scope';
import { createCaller } from '../trpc/root';
import { requestFactsOf } from './request-facts';

/** `/healthz` for load balancers and uptime checks: the `health` procedure's report as plain JSON. */
export function createHealthHandler(services: AppServices) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed');
      return;
    }
    let status = 503;
    let body: unknown = { status: 'degraded' };
    try {
      const ctx = await createContext(services, requestFactsOf(req, services.env.trustedProxies));
      const report = await createCaller(ctx).health();
      status = report.status === 'ok' ? 200 : 503;
      body = report;
    } catch (error) {
      console.error('health check failed:', error);
    }
    const json = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : json);
  };
}
