/**
 * What the raw HTTP routes (files, images, video) share: which path ids are well formed
 * (the rule tRPC inputs use), and which status and headers a service's refusal answers with.
 */
import { ServiceError } from '../services/errors';
import { idSchema } from '../../shared/fields/ids';

export const isRowId = (value: string): boolean => idSchema.safeParse(value).success;

const STATUS_FOR: Partial<Record<ServiceError['kind'], number>> = {
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  too_many_requests: 429,
};

/** The status for a service refusal, or undefined for anything else (a fault, not a refusal). */
export function refusalStatus(error: unknown): number | undefined {
  return error instanceof ServiceError ? STATUS_FOR[error.kind] : undefined;
}

/** Headers a refusal adds to its answer: `Retry-After` when a limit says when to come back. */
export function refusalHeaders(error: unknown): Record<string, string> {
  if (!(error instanceof ServiceError) || error.retryAfterSeconds === undefined) return {};
  return { 'Retry-After': String(error.retryAfterSeconds) };
}
