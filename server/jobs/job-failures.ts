/**
 * Writes down a job failure admins must see: a payload that failed its schema (dead-
 * lettered at once, retrying cannot help) or a handler that kept failing (dead-lettered
 * after the last attempt, or a failed scheduled run). Recording is best effort: a
 * failure to record is logged and never hides the original failure.
 */
import type { Backend } from '../backend/port';
import type { JobLogger } from './job';
import { JOB_FAILURES } from '../services/tables';

export type JobFailureKind = 'invalid_payload' | 'handler_failed';

export interface JobFailure {
  jobName: string;
  /** The concrete event name, or `schedule:<ISO time>` for a scheduled run. */
  event: string;
  kind: JobFailureKind;
  error: string;
  payload: unknown;
}

const ERROR_CHARS = 2000;
const EXCERPT_CHARS = 1000;
const EVENT_CHARS = 255;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Columns whose values admins must not read here: credentials, their hashes, video ids. */
const REDACTED_KEY = /secret|token|password|hash|api_?key|video/i;

/** The payload as JSON, cut to fit its column, secrets redacted; never throws (cycles, BigInt). */
export function payloadExcerpt(payload: unknown): string {
  try {
    const json = JSON.stringify(payload, (key, value: unknown) =>
      key && REDACTED_KEY.test(key) && value !== null ? '[redacted]' : value,
    );
    return clip(json ?? 'undefined', EXCERPT_CHARS);
  } catch {
    return '(payload not serialisable)';
  }
}

export async function recordJobFailure(
  backend: Backend,
  failure: JobFailure,
  now: Date,
  logger: JobLogger,
): Promise<void> {
  try {
    await backend.tables.create({
      ...JOB_FAILURES,
      data: {
        jobName: failure.jobName,
        event: clip(failure.event, EVENT_CHARS),
        kind: failure.kind,
        error: clip(failure.error, ERROR_CHARS),
        payloadExcerpt: payloadExcerpt(failure.payload),
        createdAt: now.toISOString(),
      },
    });
  } catch (error) {
    logger.error('could not record a job failure', {
      job: failure.jobName,
      event: failure.event,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
