/** The real tRPC endpoint on 127.0.0.1 and a random port: what scripts and browsers talk to. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import superjson from 'superjson';
import { createRequestListener } from '../../server/http/server';
import type { AppServices } from '../../server/services/scope';

export interface RunningApi {
  /** e.g. `http://127.0.0.1:41234` */
  base: string;
  close(): Promise<void>;
}

/**
 * Serves /api/trpc, /healthz, /avatars, /thumbnails, /files/lessons and the video routes
 * through the server's own listener (the pages need a production build; these do not).
 */
export async function startApi(services: AppServices): Promise<RunningApi> {
  // The production listener (gate, API, files, video routes) with a 404 where pages would be.
  const server = createServer(
    createRequestListener(services, 'production', (_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no pages in this test server');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Calls a mutation the way @trpc/client does without batching. */
export function postProcedure(
  base: string,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${base}/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(superjson.serialize(input)),
  });
}

export function getProcedure(base: string, path: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/trpc/${path}`, { headers });
}

/** The procedure's answer, or its error's code and message. */
export async function readProcedure(response: Response): Promise<unknown> {
  const body = (await response.json()) as {
    result?: { data: Parameters<typeof superjson.deserialize>[0] };
    error?: { json: { message: string; data: { code: string } } };
  };
  if (body.result) return superjson.deserialize(body.result.data);
  return { code: body.error?.json.data.code, message: body.error?.json.message };
}
