/**
 * One job, one payload: validate it with the job's schema, then call the handler. The
 * embedded runner and the Function entry both go through here, so a payload is judged
 * the same way in both places. Deciding what a failure means (retry, dead letter, an
 * HTTP status) is left to the caller.
 */
import type { z } from 'zod';
import type { Job, JobContext, JobRun } from './job';

export type JobOutcome =
  | { status: 'done' }
  /** The payload does not fit the job's schema: retrying cannot help. */
  | { status: 'invalid_payload'; error: string }
  | { status: 'failed'; error: string };

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** `path: message` for every issue, `(payload)` for the root. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; ');
}

function runLabel(run: JobRun): string {
  return run.trigger === 'event' ? run.event : `schedule:${run.scheduledFor.toISOString()}`;
}

export async function executeJob<Payload>(
  job: Job<Payload>,
  context: JobContext,
  run: JobRun,
  raw: unknown,
): Promise<JobOutcome> {
  const parsed = job.payload.safeParse(raw);
  if (!parsed.success) {
    const error = `payload does not match the job's schema: ${describeIssues(parsed.error.issues)}`;
    context.logger.error('job payload rejected (dead letter, not retried)', {
      job: job.name,
      event: runLabel(run),
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
    return { status: 'invalid_payload', error };
  }
  try {
    await job.handle(parsed.data, context, run);
    return { status: 'done' };
  } catch (error) {
    return { status: 'failed', error: describeError(error) };
  }
}

export { runLabel };
