import { publicProcedure } from '../init';

export interface HealthReport {
  status: 'ok' | 'degraded';
  backend: { kind: 'embedded' | 'appwrite'; ok: boolean; latencyMs: number };
  uptimeSeconds: number;
}

/** Liveness and backend reachability; the same report backs `/healthz`. Details stay out of it. */
export const healthProcedure = publicProcedure.query(async ({ ctx }): Promise<HealthReport> => {
  const backend = await ctx.backend.health();
  return {
    status: backend.ok ? 'ok' : 'degraded',
    backend: { kind: backend.backend, ok: backend.ok, latencyMs: Math.round(backend.latencyMs * 100) / 100 },
    uptimeSeconds: Math.round((Date.now() - ctx.services.startedAt.getTime()) / 1000),
  };
});
