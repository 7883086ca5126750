/**
 * `appwrite.json` is the single source of the schema (docs/decisions/0002). This
 * module reads it once, validates its shape with zod and exposes typed lookups for
 * the embedded adapter and for tests.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { checkAppwriteLimits } from './schema-limits';
// Imported, not read from disk at run time, so a bundled Appwrite Function carries it too.
import appwriteJson from '../../appwrite.json' with { type: 'json' };

/**
 * A numeric column's bound: required and explicit. Appwrite stores a missing or null bound
 * as PHP_INT_MIN/PHP_INT_MAX (integers) or ±PHP_FLOAT_MAX (doubles)
 * (Modules/Databases/Http/Databases/Collections/Attributes/Integer/Create.php,
 * Float/Create.php), so `appwrite pull` would rewrite it, and PHP_INT_MAX cannot even
 * round-trip through a JavaScript number.
 */
const bound = z.number({ error: 'min and max must be explicit numbers (Appwrite rewrites null)' });

const columnBase = {
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,35}$/),
  required: z.boolean(),
  array: z.boolean().default(false),
};

export const columnSchema = z.discriminatedUnion('type', [
  z.object({
    ...columnBase,
    type: z.literal('string'),
    size: z.number().int().positive().optional(),
    format: z.enum(['enum', 'email', 'url', 'ip', '']).optional(),
    elements: z.array(z.string()).optional(),
    default: z.string().nullable().optional(),
    encrypt: z.boolean().optional(),
  }),
  z.object({
    ...columnBase,
    type: z.literal('integer'),
    min: bound.int(),
    max: bound.int(),
    default: z.number().int().nullable().optional(),
  }),
  z.object({
    ...columnBase,
    type: z.literal('double'),
    min: bound,
    max: bound,
    default: z.number().nullable().optional(),
  }),
  z.object({ ...columnBase, type: z.literal('boolean'), default: z.boolean().nullable().optional() }),
  z.object({
    ...columnBase,
    type: z.literal('datetime'),
    format: z.string().optional(),
    default: z.string().nullable().optional(),
  }),
]);

export const indexSchema = z.object({
  // Appwrite's keys are at most 36 characters, index keys included (APPWRITE-FACTS).
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,35}$/),
  type: z.enum(['key', 'unique', 'fulltext']),
  status: z.string().optional(),
  columns: z.array(z.string()).min(1),
  orders: z.array(z.enum(['ASC', 'DESC'])).optional(),
});

export const tableSchema = z.object({
  $id: z.string().regex(/^[a-z][a-z0-9_]{0,35}$/),
  $permissions: z.array(z.string()),
  databaseId: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  rowSecurity: z.boolean(),
  columns: z.array(columnSchema),
  indexes: z.array(indexSchema),
});

export const bucketSchema = z.object({
  $id: z.string(),
  $permissions: z.array(z.string()),
  fileSecurity: z.boolean(),
  name: z.string(),
  enabled: z.boolean(),
  maximumFileSize: z.number().int().positive(),
  allowedFileExtensions: z.array(z.string()),
  compression: z.enum(['none', 'gzip', 'zstd']),
  encryption: z.boolean(),
  antivirus: z.boolean(),
});

/**
 * One Appwrite Function as `appwrite push functions` reads it. Each is one job of
 * server/jobs (same id and triggers; a test holds them together). `ignore` is required:
 * without it the CLI follows .gitignore and would leave the bundle in dist/ behind.
 */
export const functionSchema = z.object({
  $id: z.string().regex(/^[a-z][a-z0-9-]{0,35}$/),
  name: z.string().min(1).max(128),
  runtime: z.string().regex(/^node-\d+(\.\d+)?$/),
  specification: z.string().min(1),
  execute: z.array(z.string()),
  events: z.array(z.string()),
  schedule: z.string(),
  scopes: z.array(z.string().regex(/^[a-z]+\.(read|write)$/)),
  timeout: z.number().int().min(1).max(900),
  enabled: z.boolean(),
  logging: z.boolean(),
  entrypoint: z.string().min(1),
  commands: z.string().optional(),
  path: z.string().regex(/^functions\/[a-z][a-z0-9-]*$/),
  ignore: z.array(z.string()),
});

export const projectSchema = z.object({
  projectId: z.string(),
  projectName: z.string().optional(),
  tablesDB: z.array(z.object({ $id: z.string(), name: z.string(), enabled: z.boolean() })),
  tables: z.array(tableSchema),
  buckets: z.array(bucketSchema),
  functions: z.array(functionSchema),
  teams: z.array(z.unknown()),
});

export type ColumnSpec = z.infer<typeof columnSchema>;
export type IndexSpec = z.infer<typeof indexSchema>;
export type TableSpec = z.infer<typeof tableSchema>;
export type BucketSpec = z.infer<typeof bucketSchema>;
export type ProjectSpec = z.infer<typeof projectSchema>;
export type FunctionSpec = z.infer<typeof functionSchema>;

export const APPWRITE_JSON_PATH = fileURLToPath(new URL('../../appwrite.json', import.meta.url));

export function parseProject(json: unknown): ProjectSpec {
  const project = projectSchema.parse(json);
  const functionIds = new Set<string>();
  for (const fn of project.functions) {
    if (functionIds.has(fn.$id)) throw new Error(`appwrite.json: function ${fn.$id} is declared twice`);
    functionIds.add(fn.$id);
    if (fn.path !== `functions/${fn.$id}`)
      throw new Error(`appwrite.json: function ${fn.$id} must live in functions/${fn.$id}, not ${fn.path}`);
    if (Boolean(fn.schedule) === fn.events.length > 0)
      throw new Error(`appwrite.json: function ${fn.$id} needs events or a schedule (one of them)`);
  }
  for (const table of project.tables) {
    if (!project.tablesDB.some((db) => db.$id === table.databaseId)) {
      throw new Error(`appwrite.json: table ${table.$id} names unknown database ${table.databaseId}`);
    }
    const keys = new Set(table.columns.map((column) => column.key));
    for (const index of table.indexes) {
      const missing = index.columns.filter((column) => !keys.has(column));
      if (missing.length > 0) {
        throw new Error(
          `appwrite.json: index ${table.$id}.${index.key} names unknown columns ${missing.join(', ')}`,
        );
      }
    }
    checkAppwriteLimits(table);
  }
  return project;
}

export function loadProject(path: string = APPWRITE_JSON_PATH): ProjectSpec {
  return parseProject(JSON.parse(readFileSync(path, 'utf8')));
}

let cached: ProjectSpec | undefined;

/** The project's schema, from `appwrite.json` (validated on first use). */
export function projectSchemaSpec(): ProjectSpec {
  cached ??= parseProject(appwriteJson);
  return cached;
}

export function findTable(project: ProjectSpec, databaseId: string, tableId: string): TableSpec | undefined {
  return project.tables.find((table) => table.databaseId === databaseId && table.$id === tableId);
}

export function findBucket(project: ProjectSpec, bucketId: string): BucketSpec | undefined {
  return project.buckets.find((bucket) => bucket.$id === bucketId);
}
