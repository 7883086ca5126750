import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { isStaleCursorError, type BackendError, type BackendErrorKind } from '../backend/errors';
import { STALE_PAGE_MESSAGE } from '../services/enrollments/paging';
import type { ServiceError, ServiceErrorKind } from '../services/errors';

const CODE_FOR_KIND: Record<BackendErrorKind, TRPC_ERROR_CODE_KEY> = {
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  invalid: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  unavailable: 'INTERNAL_SERVER_ERROR',
};

/**
 * What a person is told when a backend error reaches a procedure's caller unhandled.
 * The backend's own message names databases, tables and columns (Appwrite's may say
 * more): it stays in `cause`, for logs, and never reaches the client.
 */
const MESSAGE_FOR_KIND: Record<BackendErrorKind, string> = {
  not_found: 'That item does not exist (it may have been deleted). Refresh the page and try again.',
  conflict: 'That clashes with something already saved. Refresh the page and try again.',
  invalid: 'Aurora could not accept some of the values sent. Check them and try again.',
  unauthorized: 'Your sign-in is no longer valid. Please sign in again.',
  unavailable: 'Aurora cannot reach its data store right now. Please try again in a moment.',
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

/**
 * Backend failures become tRPC errors with a message a person can act on. A list's
 * cursor outside the list (gone, changed, or never in it) is an old or edited page link.
 */
export function toTRPCError(error: BackendError): TRPCError {
  const message = isStaleCursorError(error) ? STALE_PAGE_MESSAGE : MESSAGE_FOR_KIND[error.kind];
  return new TRPCError({ code: CODE_FOR_KIND[error.kind], message, cause: error });
}

/** A service's refusal keeps its message; only the code is tRPC's. */
export function serviceErrorToTRPCError(error: ServiceError): TRPCError {
  return new TRPCError({ code: CODE_FOR_SERVICE_KIND[error.kind], message: error.message, cause: error });
}
