/**
 * The in-process job runner of embedded mode: delivers outbox events to the handlers
 * in server/jobs whose Appwrite event patterns match, retrying failures with
 * exponential backoff. In Appwrite mode the same handlers run as Functions instead.
 *
 * Delivery is at least once: an event is completed only after every matching handler
 * succeeded, so when one of several handlers fails they all see the event again.
 * Handlers must therefore be idempotent.
 */
import { eventMatches, type BackendEvent, type Outbox, type OutboxEntry } from '../backend/events';

export interface JobHandler {
  name: string;
  /** Appwrite event patterns, e.g. `databases.aurora_main.tables.enrollments.rows.*.create`. */
  events: string[];
  handle(event: BackendEvent): Promise<void>;
}

export interface JobLogger {
  info(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export interface JobRunnerOptions {
  outbox: Outbox;
  handlers: readonly JobHandler[];
  logger?: JobLogger;
  /** Pause between polls once nothing is due. */
  pollMs?: number;
  /** Deliveries before an event is dead-lettered. */
  maxAttempts?: number;
  /** Delay before retry number `attempt` (1 = first retry); defaults to exponential backoff. */
  retryDelayMs?: (attempt: number) => number;
  batchSize?: number;
  /** How long a claimed event stays hidden from other claimers while its handlers run. */
  leaseMs?: number;
}

export interface DrainResult {
  completed: number;
  failed: number;
}

export interface JobRunner {
  start(): void;
  /** Stops polling and waits for the delivery in progress. */
  stop(): Promise<void>;
  /** Delivers until nothing is due (events waiting for a later retry stay queued). */
  drain(): Promise<DrainResult>;
}

const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 60 * 60 * 1000;

/** 1 s, 2 s, 4 s, ... capped at an hour. */
export function exponentialBackoff(attempt: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
}

const consoleLogger: JobLogger = {
  info: (message, details) => console.info(`[jobs] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[jobs] ${message}`, details ?? ''),
};

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const {
    outbox,
    handlers,
    logger = consoleLogger,
    pollMs = 1000,
    maxAttempts = 8,
    retryDelayMs = exponentialBackoff,
    batchSize = 20,
    leaseMs = 5 * 60 * 1000,
  } = options;

  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<unknown> | undefined;

  async function deliver(entry: OutboxEntry): Promise<boolean> {
    const matching = handlers.filter((handler) =>
      handler.events.some((pattern) => eventMatches(pattern, entry.name)),
    );
    const failures: string[] = [];
    for (const handler of matching) {
      try {
        await handler.handle(entry);
      } catch (error) {
        failures.push(`${handler.name}: ${describeError(error)}`);
      }
    }
    if (failures.length === 0) {
      await outbox.complete(entry.id);
      return true;
    }
    const attempt = entry.attempts + 1;
    const deadLetter = attempt >= maxAttempts;
    const error = failures.join('; ');
    await outbox.fail(entry.id, { error, retryAt: new Date(Date.now() + retryDelayMs(attempt)), deadLetter });
    logger.error(deadLetter ? 'event dead-lettered' : 'event delivery failed, will retry', {
      event: entry.name,
      id: entry.id,
      attempt,
      error,
    });
    return false;
  }

  async function drain(): Promise<DrainResult> {
    const result: DrainResult = { completed: 0, failed: 0 };
    for (;;) {
      const batch = await outbox.claim({ limit: batchSize, leaseMs });
      if (batch.length === 0) return result;
      for (const entry of batch) {
        if (await deliver(entry)) result.completed += 1;
        else result.failed += 1;
      }
    }
  }

  async function tick(): Promise<void> {
    try {
      await drain();
    } catch (error) {
      logger.error('outbox polling failed', { error: describeError(error) });
    }
    if (running) {
      timer = setTimeout(() => {
        inFlight = tick();
      }, pollMs);
      // Polling alone must not keep the process alive (tests, CLI scripts).
      timer.unref();
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      logger.info('job runner started', { handlers: handlers.map((handler) => handler.name) });
      inFlight = tick();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
    drain,
  };
}
