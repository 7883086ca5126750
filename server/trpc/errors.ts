import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { BackendError, BackendErrorKind } from '../backend/errors';
import type { ServiceError, ServiceErrorKind } from '../services/errors';

const CODE_FOR_KIND: Record<BackendErrorKind, TRPC_ERROR_CODE_KEY> = {
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  invalid: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  unavailable: 'INTERNAL_SERVER_ERROR',
};

const CODE_FOR_SERVICE_KIND: Record<ServiceErrorKind, TRPC_ERROR_CODE_KEY> = {
  bad_request: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  too_many_requests: 'TOO_MANY_REQUESTS',
  unavailable: 'SERVICE_UNAVAILABLE',
};

/** Backend failures become tRPC errors with a message a person can act on. */
export function toTRPCError(error: BackendError): TRPCError {
  const message =
    error.kind === 'unavailable'
      ? 'Aurora cannot reach its data store right now. Please try again in a moment.'
      : error.message;
  return new TRPCError({ code: CODE_FOR_KIND[error.kind], message, cause: error });
}

/** A service's refusal keeps its message; only the code is tRPC's. */
export function serviceErrorToTRPCError(error: ServiceError): TRPCError {
  return new TRPCError({ code: CODE_FOR_SERVICE_KIND[error.kind], message: error.message, cause: error });
}
