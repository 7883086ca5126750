/**
 * The daily sweeper (issue 12 §4): deletes what is past keeping (sweeper-rules.ts), a
 * batch of 100 rows at a time, at most MAX_ROWS_PER_RULE per rule and run so a large
 * backlog is worked off over a few nights instead of one long run. Safe to run twice:
 * a row already gone is simply not found again.
 *
 * Not swept here: delivered events (the embedded outbox deletes an event once every job
 * has it; Appwrite keeps none) and progress tokens (signed, never stored). Dead letters
 * are swept through their job_failures rows.
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import { isBackendError } from '../backend/errors';
import type { Backend } from '../backend/port';
import type { ScheduledJob } from './job';
import { SWEEP_RULES, type SweepRule } from './sweeper-rules';

export const SWEEP_BATCH = 100;
export const MAX_ROWS_PER_RULE = 10_000;

async function sweep(backend: Backend, rule: SweepRule, now: Date): Promise<number> {
  let deleted = 0;
  while (deleted < MAX_ROWS_PER_RULE) {
    const { rows } = await backend.tables.list({
      ...rule.table,
      queries: [...rule.expired(now), Query.select(['$id']), Query.limit(SWEEP_BATCH)],
    });
    for (const row of rows) {
      try {
        await backend.tables.delete({ ...rule.table, rowId: row.$id });
        deleted += 1;
      } catch (error) {
        if (!isBackendError(error, 'not_found')) throw error;
      }
    }
    if (rows.length < SWEEP_BATCH) break;
  }
  return deleted;
}

export async function sweepExpired(backend: Backend, now: Date): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const rule of SWEEP_RULES) deleted[rule.name] = await sweep(backend, rule, now);
  return deleted;
}

export const sweeperJob: ScheduledJob<Record<string, never>> = {
  name: 'sweeper',
  description:
    'Daily: deletes expired tokens, old sign-in counters, old sent mail and old job failures, in batches.',
  schedule: '40 2 * * *',
  payload: z.object({}),
  async handle(_payload, context) {
    const deleted = await sweepExpired(context.backend, context.now());
    context.logger.info('sweeper finished', { deleted });
  },
};
