/**
 * What a service may know, below tRPC and HTTP: the long-lived services built at start,
 * the facts of the request that caused the call (when there is one) and who is acting.
 * tRPC procedures, page loaders, jobs and Appwrite Functions all build the same scope,
 * so services never import `server/trpc` or `server/http`.
 */
import type { AuthUser, Backend } from '../backend/port';
import type { Env } from '../env';
import type { Mailer } from './mail/mailer';

/** Long-lived things the server (or a Function execution) builds once. */
export interface AppServices {
  env: Env;
  backend: Backend;
  startedAt: Date;
  /** The clock for windows, expiries and timestamps written by services; tests move it. */
  now: () => Date;
  /** Sends mail, or keeps it in the mail outbox when no SMTP server is configured. */
  mailer: Mailer;
}

/** What the HTTP layer learned about the request; see server/http/request-facts.ts. */
export interface RequestFacts {
  clientIp: string;
  userAgent: string;
  /** The Origin (or, lacking it, Referer origin) header, for cross-site request checks. */
  origin: string | null;
  sessionSecret: string | null;
  /** The raw known-device cookie (decision 0016), checked only by sign-in. */
  knownDevice: string | null;
  bearerToken: string | null;
}

/** One service call: the app's services, the acting user and, for a request, its facts. */
export interface ServiceScope extends AppServices {
  /** The signed-in user, or null for a visitor or a background job acting for nobody. */
  actor: AuthUser | null;
  /** Null when a job or a script calls the service. */
  request: RequestFacts | null;
}
