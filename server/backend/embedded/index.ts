/**
 * The embedded backend: the whole port on one SQLite file (better-sqlite3, WAL) plus
 * files on disk, with schema from appwrite.json and a durable event outbox.
 */
import { performance } from 'node:perf_hooks';
import type { Outbox } from '../events';
import type { Backend, TableRef } from '../port';
import { projectSchemaSpec, type ProjectSpec } from '../schema';
import { buildCatalog } from './catalog';
import { applyInternalSchema } from './internal-schema';
import { applyProjectSchema } from './migrate';
import { createOutbox } from './outbox';
import { createSessionsPort } from './sessions';
import { explainListQuery } from './list-query';
import { parseQueries } from './query-parse';
import { guard, toBackendError } from './sql-errors';
import { createStoragePort } from './storage';
import { openStore } from './store';
import { createTablesPort } from './tables';
import { createTeamsPort } from './teams';
import { createUsersPort } from './users';

export interface EmbeddedBackendOptions {
  /** Holds `aurora.sqlite` and `buckets/`; created when missing. */
  dataDir: string;
  /** Defaults to the project's appwrite.json. */
  project?: ProjectSpec;
  /** The clock for timestamps and session expiry; tests move it forward. */
  now?: () => Date;
}

export interface EmbeddedBackend extends Backend {
  readonly kind: 'embedded';
  readonly outbox: Outbox;
  /**
   * Development and test aid, not part of the port: SQLite's query plan for the count
   * and the page `tables.list` would run for these queries (is an index used?).
   */
  explain(ref: TableRef & { queries?: string[] }): Promise<{ count: string[]; page: string[] }>;
}

export function createEmbeddedBackend(options: EmbeddedBackendOptions): EmbeddedBackend {
  const project = options.project ?? projectSchemaSpec();
  const catalog = buildCatalog(project);
  const store = openStore(options.dataDir, options.now);
  try {
    applyInternalSchema(store.db);
    applyProjectSchema(store.db, catalog);
  } catch (error) {
    store.close();
    throw toBackendError(error);
  }

  return {
    kind: 'embedded',
    tables: createTablesPort(store, catalog),
    users: createUsersPort(store),
    sessions: createSessionsPort(store),
    storage: createStoragePort(store, project),
    teams: createTeamsPort(store),
    outbox: createOutbox(store),
    explain: (ref) =>
      guard(() => {
        const info = catalog.table(ref.databaseId, ref.tableId);
        return store.read(() => explainListQuery(store, info.target, parseQueries(ref.queries)));
      }),
    health: async () => {
      const started = performance.now();
      try {
        await guard(() => store.statement('SELECT 1').get());
        return { backend: 'embedded', ok: true, latencyMs: performance.now() - started };
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return { backend: 'embedded', ok: false, latencyMs: performance.now() - started, detail };
      }
    },
    close: async () => {
      store.close();
    },
  };
}
