/**
 * The job contract (DESIGN §7). A job is one Appwrite Function and one entry in the
 * embedded runner: a name (the Function id), a trigger, a zod schema for its payload and
 * a handler. The handler gets the same JobContext in both places, built from an
 * embedded backend in-process or from node-appwrite inside a Function execution.
 *
 * Delivery is at least once: a handler must be idempotent. Appwrite never retries a
 * failed execution, so every event job names the scheduled job that catches up on
 * work its events missed (`catchUp`).
 */
import type { z } from 'zod';
import type { Backend } from '../backend/port';
import type { Env } from '../env';
import type { Mailer } from '../services/mail/mailer';

export interface JobLogger {
  info(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export interface JobContext {
  backend: Backend;
  mailer: Mailer;
  env: Env;
  now: () => Date;
  logger: JobLogger;
}

/** Why this run happens: an event (its concrete name) or a schedule (the time it was due). */
export type JobRun = { trigger: 'event'; event: string } | { trigger: 'schedule'; scheduledFor: Date };

interface JobBase<Payload> {
  /** Also the Appwrite Function id and the folder name under functions/: lower-case, dashes. */
  name: string;
  description: string;
  payload: z.ZodType<Payload>;
  handle(payload: Payload, context: JobContext, run: JobRun): Promise<void>;
}

export interface EventJob<Payload> extends JobBase<Payload> {
  /** Appwrite event patterns, e.g. `databases.aurora_main.tables.enrollments.rows.*.create`. */
  events: readonly string[];
  /** The scheduled job that finds work these events missed. */
  catchUp: string;
}

export interface ScheduledJob<Payload> extends JobBase<Payload> {
  /** A cron expression, UTC. */
  schedule: string;
}

export type Job<Payload = unknown> = EventJob<Payload> | ScheduledJob<Payload>;

export function isEventJob<Payload>(job: Job<Payload>): job is EventJob<Payload> {
  return 'events' in job;
}
