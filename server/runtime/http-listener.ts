/**
 * The HTTP side of a serving process: build the server, listen (a port in use is a
 * configuration error with its own message), and stop gracefully — open requests
 * finish, keep-alive connections with nothing in flight close at once, and whatever
 * still runs after the grace period is cut off.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvError } from '../env';
import type { ServerMode } from '../http/security-headers';
import { createHttpServer } from '../http/server';
import type { AppServices } from '../services/scope';
import { SHUTDOWN_GRACE_MS } from './lifecycle';

export type { ServerMode };

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function serveHttp(
  services: AppServices,
  mode: ServerMode,
): Promise<{ server: Server; address: AddressInfo }> {
  const { env } = services;
  const server = await createHttpServer(services, { mode, buildDir: process.env.AURORA_BUILD_DIR });
  const address = await listen(server, env.host, env.port).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE'
      ? new EnvError(
          `Aurora cannot start: ${env.host}:${env.port} is already in use (set PORT to another port)`,
        )
      : error;
  });
  return { server, address };
}

/** Resolves once every connection is closed: finished, idle, or cut off after the grace period. */
export async function closeGracefully(server: Server): Promise<void> {
  const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  const closed = new Promise((resolve) => server.close(resolve));
  // Keep-alive connections with no request in flight would hold close() open.
  server.closeIdleConnections();
  await closed;
  clearTimeout(force);
}
