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

export class ServiceError extends Error {
  override readonly name = 'ServiceError';

  constructor(
    readonly kind: ServiceErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
