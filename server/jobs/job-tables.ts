/** The runner's own tables (appwrite.json, so they exist on both backends). */
import { eventMatches, rowEventName } from '../backend/events';

import { JOB_FAILURES, JOB_RUNS } from '../services/tables';

/**
 * Whether a pattern would also fire on the runner's own writes (a failure recorded, a run
 * claimed). Such a job would retrigger itself on both backends: a failing one without end.
 */
export function matchesRunnerTables(pattern: string): boolean {
  return [JOB_RUNS, JOB_FAILURES].some((table) =>
    (['create', 'update', 'delete'] as const).some((action) =>
      eventMatches(pattern, rowEventName(table.databaseId, table.tableId, 'x', action)),
    ),
  );
}

/** An event of the runner's own tables: never delivered to jobs. */
export function isRunnerTableEvent(name: string): boolean {
  return [JOB_RUNS, JOB_FAILURES].some((table) =>
    name.startsWith(`databases.${table.databaseId}.tables.${table.tableId}.`),
  );
}
