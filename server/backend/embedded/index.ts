/**
 * The embedded backend: the whole port on one SQLite file (better-sqlite3, WAL) plus
 * files on disk, with schema from appwrite.json and a durable event outbox.
 */
import { performance } from 'node:perf_hooks';
import type { Outbox } from '../events';
import type { Backend } from '../port';
import { projectSchemaSpec, type ProjectSpec } from '../schema';
import { buildCatalog } from './catalog';
import { applyInternalSchema } from './internal-schema';
import { applyProjectSchema } from './migrate';
import { createOutbox } from './outbox';
import { createSessionsPort } from './sessions';
import { guard, toBackendError } from './sql-errors';
import { createStoragePort } from './storage';
import { openStore } from './store';
import { createTablesPort } from './tables';
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
    outbox: createOutbox(store),
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
