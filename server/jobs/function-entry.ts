/**
 * The entry of every Appwrite Function: `export default functionEntry(job)` in
 * functions/<name>/src/main.ts. It accepts only the trigger the job declares (an event
 * that matches one of its patterns, or its schedule), validates the body with the job's
 * schema, builds the same JobContext as the embedded runner (context.ts) on an Appwrite
 * backend made from the injected endpoint, project and the execution's own API key, and
 * calls the same handler. Appwrite never retries an execution: every failure is written
 * to job_failures, and the job's scheduled catch-up finds the work later.
 *
 * Only the Appwrite adapter is imported here, never the embedded one, so a bundle needs
 * no better-sqlite3.
 */
import { createAppwriteBackend } from '../backend/appwrite/index';
import { eventMatches, tablesEventName } from '../backend/events';
import type { Backend } from '../backend/port';
import { EnvError, loadEnv, type Env } from '../env';
import { createJobContext, lineLogger, mailerFor } from './context';
import { describeError, executeJob } from './execute';
import { isEventJob, type Job, type JobContext } from './job';
import { recordJobFailure } from './job-failures';
import { runSlot, slotNear } from './scheduled-run';

/** The parts of Appwrite's function context this entry uses (open-runtimes, Node). */
export interface AppwriteFunctionRequest {
  headers: Record<string, string | undefined>;
  /** A getter on Appwrite: it throws when the body is not JSON. */
  readonly bodyJson?: unknown;
}

export interface AppwriteFunctionResponse {
  json(body: unknown, statusCode?: number, headers?: Record<string, string>): unknown;
}

export interface AppwriteFunctionContext {
  req: AppwriteFunctionRequest;
  res: AppwriteFunctionResponse;
  log(message: string): void;
  error(message: string): void;
}

export type AppwriteFunction = (context: AppwriteFunctionContext) => Promise<unknown>;

type Source = Readonly<Record<string, string | undefined>>;

/**
 * A Function's configuration: its variables (project-wide ones included) read as the
 * server reads its environment, on the Appwrite backend at the injected endpoint and
 * project. The API key is the execution's `x-appwrite-key` (limited to the function's
 * scopes), never a variable.
 */
export function functionEnv(source: Source, apiKey: string): Env {
  return loadEnv({
    ...source,
    AURORA_BACKEND: 'appwrite',
    APPWRITE_ENDPOINT: source.APPWRITE_FUNCTION_API_ENDPOINT,
    APPWRITE_PROJECT_ID: source.APPWRITE_FUNCTION_PROJECT_ID,
    APPWRITE_API_KEY: apiKey,
  });
}

function header(req: AppwriteFunctionRequest, name: string): string | undefined {
  const value = req.headers[name] ?? req.headers[name.toLowerCase()];
  return value === undefined || value === '' ? undefined : value;
}

function readBody(req: AppwriteFunctionRequest): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: req.bodyJson ?? {} };
  } catch {
    return { ok: false };
  }
}

export interface FunctionEntryOptions {
  /** Where variables come from; process.env inside Appwrite. */
  source?: () => Source;
}

export function functionEntry<Payload>(
  job: Job<Payload>,
  options: FunctionEntryOptions = {},
): AppwriteFunction {
  const source = options.source ?? (() => process.env);
  return async ({ req, res, log, error }) => {
    const refuse = (status: number, message: string) => {
      error(`${job.name}: ${message}`);
      return res.json({ ok: false, error: message }, status);
    };
    const trigger = header(req, 'x-appwrite-trigger');
    const expected = isEventJob(job) ? 'event' : 'schedule';
    if (trigger !== expected)
      return refuse(403, `this function runs on its ${expected} only, not on "${trigger ?? 'no'}" trigger`);
    const apiKey = header(req, 'x-appwrite-key');
    if (!apiKey) return refuse(401, 'the execution carries no x-appwrite-key');

    let env: Env;
    try {
      env = functionEnv(source(), apiKey);
    } catch (failure) {
      const message = failure instanceof EnvError ? failure.message : describeError(failure);
      error(`${job.name}: configuration: ${message}`);
      return res.json({ ok: false, error: 'the function is not configured (see its log)' }, 500);
    }
    const appwrite = env.appwrite;
    if (!appwrite)
      return refuse(500, 'APPWRITE_FUNCTION_API_ENDPOINT or APPWRITE_FUNCTION_PROJECT_ID is missing');
    const backend = createAppwriteBackend(appwrite);
    const mailer = mailerFor(env);
    const context = createJobContext({ backend, mailer, env, logger: lineLogger(log, error) });
    try {
      if (isEventJob(job)) return await onEvent(job, context, req, res, backend, refuse);
      const scheduledFor = slotNear(job.schedule, context.now());
      if (!scheduledFor) return refuse(400, 'the schedule was never due');
      const outcome = await runSlot(job, context, scheduledFor);
      return res.json({ ok: outcome !== 'failed', outcome }, outcome === 'failed' ? 500 : 200);
    } catch (failure) {
      // The backend itself failed (claiming a run, recording a failure): nothing was done.
      error(`${job.name}: ${describeError(failure)}`);
      return res.json({ ok: false, error: 'the job could not run (see its log)' }, 500);
    } finally {
      await mailer.close();
      await backend.close();
    }
  };
}

/**
 * The event name a job runs with for Appwrite's `x-appwrite-event`, or null when none of
 * its patterns matches. A row create arrives in the Collections vocabulary
 * (`….collections.t.documents.id.create`): it is read in the TablesDB form patterns use.
 */
export function acceptedEventName(patterns: readonly string[], received: string): string | null {
  const event = tablesEventName(received);
  return patterns.some((pattern) => eventMatches(pattern, event)) ? event : null;
}

async function onEvent<Payload>(
  job: Job<Payload> & { events: readonly string[] },
  context: JobContext,
  req: AppwriteFunctionRequest,
  res: AppwriteFunctionResponse,
  backend: Backend,
  refuse: (status: number, message: string) => unknown,
): Promise<unknown> {
  const received = header(req, 'x-appwrite-event');
  const event = received === undefined ? null : acceptedEventName(job.events, received);
  if (!event) return refuse(400, `event "${received ?? ''}" is not one of ${job.events.join(', ')}`);
  const body = readBody(req);
  const payload = body.ok ? body.value : undefined;
  const outcome = body.ok
    ? await executeJob(job, context, { trigger: 'event', event }, payload)
    : ({ status: 'invalid_payload', error: 'the body is not JSON' } as const);
  if (outcome.status === 'done') return res.json({ ok: true });
  await recordJobFailure(
    backend,
    {
      jobName: job.name,
      event,
      kind: outcome.status === 'invalid_payload' ? 'invalid_payload' : 'handler_failed',
      error: outcome.error,
      payload,
    },
    context.now(),
    context.logger,
  );
  if (outcome.status === 'invalid_payload') return refuse(400, outcome.error);
  context.logger.error('job failed (Appwrite does not retry; the catch-up will)', {
    job: job.name,
    event,
    error: outcome.error,
  });
  return res.json({ ok: false, error: outcome.error }, 500);
}
