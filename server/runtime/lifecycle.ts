/**
 * What every way of running shares and that needs no HTTP layer (the cluster's primary
 * loads none): how long a stop waits for open requests, and the ready line's parts.
 */
import type { Env } from '../env';

/** Requests still running this long after a stop signal are cut off. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** `embedded backend, data in …` or `appwrite backend at …`. */
export function describeBackend(env: Env): string {
  return env.backend === 'appwrite'
    ? `appwrite backend at ${env.appwrite?.endpoint ?? '?'}`
    : `embedded backend, data in ${env.dataDir}`;
}

/** The address to print: the public URL, or the port the system chose for PORT=0. */
export function readyUrl(env: Env, port: number): string {
  return env.port === 0 ? `http://${env.host}:${port}/` : env.publicUrl.href;
}
