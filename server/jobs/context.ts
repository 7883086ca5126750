/**
 * The one way a JobContext is made, in-process (server/main.ts) and inside a Function
 * execution (function-entry.ts), so a handler sees the same thing in both places.
 */
import type { Backend } from '../backend/port';
import type { Env } from '../env';
import type { Mailer } from '../services/mail/mailer';
import { createMailer } from '../services/mail/smtp-mailer';
import type { JobContext, JobLogger } from './job';

/** Log lines of the embedded runner: `[jobs] message {details}` on the server's console. */
export const consoleJobLogger: JobLogger = {
  info: (message, details) => console.info(`[jobs] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[jobs] ${message}`, details ?? ''),
};

/** Appwrite's `log` / `error` take one string each: details go along as JSON. */
export function lineLogger(log: (line: string) => void, error: (line: string) => void): JobLogger {
  const line = (message: string, details?: Record<string, unknown>) =>
    details === undefined ? message : `${message} ${JSON.stringify(details)}`;
  return {
    info: (message, details) => log(line(message, details)),
    error: (message, details) => error(line(message, details)),
  };
}

export function createJobContext(input: {
  backend: Backend;
  mailer: Mailer;
  env: Env;
  now?: () => Date;
  logger?: JobLogger;
}): JobContext {
  return {
    backend: input.backend,
    mailer: input.mailer,
    env: input.env,
    now: input.now ?? (() => new Date()),
    logger: input.logger ?? consoleJobLogger,
  };
}

/**
 * The Mailer for a process or a Function execution, chosen in this one place for both:
 * SMTP when SMTP_URL is set, otherwise the outbox only (mail waits for admins to read).
 */
export function mailerFor(env: Env): Mailer {
  return createMailer(env);
}
