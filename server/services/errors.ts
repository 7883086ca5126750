/**
 * What a service refuses, in words a person can act on. Services know nothing of tRPC
 * (the start-up bootstrap calls them too); server/trpc/errors.ts maps `kind` to a code.
 */
export type ServiceErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many_requests'
  /** A service Aurora depends on (YouTube) did not answer; trying again later may work. */
  | 'unavailable';

export interface ServiceErrorOptions {
  cause?: unknown;
  /**
   * For `too_many_requests`: seconds until a retry can succeed. The HTTP layers send it
   * as `Retry-After`, so scripts back off for as long as the message tells people to.
   */
  retryAfterSeconds?: number;
}

export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  /** A whole number of seconds, at least 1 (HTTP's `Retry-After` takes no fractions). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly kind: ServiceErrorKind,
    message: string,
    options: ServiceErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterSeconds =
      options.retryAfterSeconds === undefined ? undefined : Math.max(1, Math.ceil(options.retryAfterSeconds));
  }
}
