/**
 * Test support (imported by *.test.ts only): a JobContext on real test services, with a
 * logger that keeps its lines so a test can read what an operator would see.
 */
import type { AppServices } from '../services/scope';
import { createJobContext } from './context';
import type { JobContext, JobLogger } from './job';

export interface LogLine {
  level: 'info' | 'error';
  message: string;
  details: Record<string, unknown> | undefined;
}

export function recordingLogger(): JobLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (message, details) => void lines.push({ level: 'info', message, details }),
    error: (message, details) => void lines.push({ level: 'error', message, details }),
  };
}

export function testJobContext(services: AppServices, overrides: Partial<JobContext> = {}): JobContext {
  return {
    ...createJobContext({
      backend: services.backend,
      mailer: services.mailer,
      env: services.env,
      now: services.now,
    }),
    logger: recordingLogger(),
    ...overrides,
  };
}
