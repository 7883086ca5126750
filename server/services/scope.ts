/**
 * What a service may know, below tRPC and HTTP: the long-lived services built at start,
 * the facts of the request that caused the call (when there is one) and who is acting.
 * tRPC procedures, page loaders, jobs and Appwrite Functions all build the same scope,
 * so services never import `server/trpc` or `server/http` (eslint.config.js enforces it).
 *
 * The signature rule (decision 0026):
 *  - A service function that needs anything beyond the backend and its input — who is
 *    acting, the clock, the request, the env or the mailer — takes `(scope, input)`: the
 *    scope first, then one input object, or a single id when it acts on one record. It
 *    never takes a loose `actor`, `now`, `request` or `services` parameter.
 *  - The scope's type says what the function needs: `ServiceScope` (anyone, or nobody
 *    for a job), `SignedInScope` (an actor, by type: tRPC's authed procedures hand one
 *    over; jobs build one with `actingAs`), `RequestScope` (a request: limits by
 *    address), `CookieScope` (a request whose answer may carry cookies: signing in).
 *  - A function that needs only the backend and its input — lookups, row parsers,
 *    public lists, policy — takes `backend`. Helpers services call among themselves to
 *    decide for a given person (`requireReadableLesson(backend, access, id)`) or to stamp
 *    a row take that person and a `Date` explicitly: they are inputs, not the caller.
 */
import type { AuthUser, Backend } from '../backend/port';
import type { Env } from '../env';
import { ServiceError } from './errors';
import type { Mailer } from './mail/mailer';
import { resolveAccess, type Access } from './permissions/access';
import { accessThrough } from './permissions/team-grants';

/** Long-lived things the server (or a Function execution) builds once. */
export interface AppServices {
  env: Env;
  backend: Backend;
  startedAt: Date;
  /** The clock for windows, expiries and timestamps written by services; tests move it. */
  now: () => Date;
  /** Sends mail, or keeps it in the mail outbox when no SMTP server is configured. */
  mailer: Mailer;
  /**
   * `backend` for requests that only show something: content rows may be a second old
   * (services/shared-reads.ts). Where absent (tests, scripts, Functions), `backend` serves.
   */
  displayBackend?: Backend;
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
  /** What `actor` may do (server/services/permissions/), resolved once with the scope. */
  access: Access;
  /** Null when a job or a script calls the service. */
  request: RequestFacts | null;
}

/** A call made by someone signed in: services that act for a person take this type. */
export interface SignedInScope extends ServiceScope {
  actor: AuthUser;
}

/** A call made for an HTTP request: services that limit by address or read cookies take this. */
export interface RequestScope extends ServiceScope {
  request: RequestFacts;
}

/**
 * A request whose answer the service may add to: signing in and out set cookies on
 * `responseHeaders` (the tRPC endpoint's answer or the page's). tRPC's `ctx.scope`.
 */
export interface CookieScope extends RequestScope {
  responseHeaders: Headers;
}

/** The scope of a job, a Function or a script: nobody acting, no request. */
export function backgroundScope(services: AppServices): ServiceScope {
  return { ...services, actor: null, access: resolveAccess(null), request: null };
}

/** A visitor's call (nobody signed in, or not yet known) made for `request`. */
export function visitorScope(services: AppServices, request: RequestFacts): RequestScope {
  return { ...services, actor: null, access: resolveAccess(null), request };
}

/**
 * The same call made for `actor` (a job acting for a person, a page, a test), with their
 * access: a scope's `actor` and `access` never disagree, so build scopes here or with
 * `backgroundScope`, never by spreading in another actor.
 */
export function actingAs<S extends ServiceScope>(scope: S, actor: AuthUser): S & SignedInScope {
  // Team grants are read through the scope's backend: a request's remembers its reads.
  const access = scope.actor === actor ? scope.access : accessThrough(scope.backend, actor);
  return { ...scope, actor, access };
}

/** Where a call came from, for audit rows: the request's address and agent, or a job's marker. */
export function requestOrJob(scope: ServiceScope): Pick<RequestFacts, 'clientIp' | 'userAgent'> {
  return scope.request ?? { clientIp: 'job', userAgent: 'aurora background job' };
}

export const SIGN_IN_TO_CONTINUE = 'Please sign in to continue.';

/**
 * For the rare caller holding a `ServiceScope` that may lack an actor (a page that
 * serves visitors too): the signed-in scope, or an `unauthorized` refusal. Procedures
 * get a `SignedInScope` by type instead.
 */
export function requireActor(scope: ServiceScope): SignedInScope {
  const { actor } = scope;
  if (!actor) throw new ServiceError('unauthorized', SIGN_IN_TO_CONTINUE);
  return { ...scope, actor };
}
