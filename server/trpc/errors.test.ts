/** What a client is told about a backend error: the code and words for people, never the schema. */
import { describe, expect, it } from 'vitest';
import { BackendError, staleCursorError, type BackendErrorKind } from '../backend/errors';
import { toTRPCError } from './errors';

describe('toTRPCError', () => {
  it('turns a stale cursor into BAD_REQUEST with the page-link message', () => {
    const error = staleCursorError('draft1');
    const mapped = toTRPCError(error);
    expect(mapped).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'This page link is no longer valid. Start again from the first page.',
    });
    expect(mapped.cause).toBe(error);
  });

  it.each<[BackendErrorKind, string, string]>([
    ['invalid', 'BAD_REQUEST', 'Unknown column "titel" in query equal on aurora_main.courses'],
    ['not_found', 'NOT_FOUND', 'Row "x" not found in aurora_main.api_tokens'],
    ['conflict', 'CONFLICT', 'Another record already has the same userId, courseId'],
    ['unauthorized', 'UNAUTHORIZED', 'Invalid credentials for aurora_main'],
    ['unavailable', 'INTERNAL_SERVER_ERROR', 'The embedded database failed (SQLITE_CORRUPT)'],
  ])('keeps the detail of %s in the cause only', (kind, code, detail) => {
    const error = new BackendError(kind, detail);
    const mapped = toTRPCError(error);
    expect(mapped.code).toBe(code);
    expect(mapped.message).not.toContain(detail);
    expect(mapped.message).not.toMatch(/aurora_|courses|api_tokens|userId|SQLITE/);
    expect(mapped.message).toMatch(/\.$/);
    expect(mapped.cause).toBe(error);
  });

  it('does not treat an ordinary invalid error as a stale cursor', () => {
    expect(toTRPCError(new BackendError('invalid', 'Cursor "x" is bad')).message).not.toContain('page link');
  });
});
