/**
 * StoragePort on the local disk: bytes under `<dataDir>/buckets/<bucket>/`, metadata in
 * SQLite. Bytes are written to a temporary file, flushed, then renamed into place
 * inside the metadata transaction, so a crash leaves either the whole file or none.
 */
import { renameSync } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { fileEventName } from '../events';
import { LIST_TOTAL_CAP, type BucketId, type StoragePort, type StoredFile } from '../port';
import { findBucket, type BucketSpec, type ColumnSpec, type ProjectSpec } from '../schema';
import { bucketDirectory, storedFilePath, temporaryFilePath } from './bucket-files';
import { characterCount } from './formats';
import { resolveNewId } from './ids';
import { runListQuery } from './list-query';
import { INTERNAL_TABLES, quoteIdent } from './naming';
import { appendEvent } from './outbox';
import type { QueryField, QueryTarget, SqlFragment } from './query-compile';
import { parseQueries } from './query-parse';
import { isRecord } from './records';
import { conflict, guard, invalid, notFound } from './sql-errors';
import type { Store } from './store';

const MAX_NAME_LENGTH = 255;
const FILES = quoteIdent(INTERNAL_TABLES.files);

const FILE_FIELDS: readonly [string, string, ColumnSpec][] = [
  ['$id', 'file_id', { key: '$id', type: 'string', required: true, array: false }],
  ['$createdAt', 'created_at', { key: '$createdAt', type: 'datetime', required: true, array: false }],
  ['$updatedAt', 'updated_at', { key: '$updatedAt', type: 'datetime', required: true, array: false }],
  ['name', 'name', { key: 'name', type: 'string', required: true, array: false }],
  ['mimeType', 'mime_type', { key: 'mimeType', type: 'string', required: true, array: false }],
  [
    'sizeOriginal',
    'size',
    {
      key: 'sizeOriginal',
      type: 'integer',
      required: true,
      array: false,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
    },
  ],
];

const fileFields = new Map<string, QueryField>(
  FILE_FIELDS.map(([key, column, spec]) => [
    key,
    { key, sql: `${FILES}.${quoteIdent(column)}`, column: spec },
  ]),
);

/** Files of one bucket as a query target, so list() speaks the same query language as tables. */
function filesTarget(bucketId: string, search: string | undefined): QueryTarget {
  const scope: SqlFragment = { sql: `${FILES}."bucket_id" = ?`, params: [bucketId] };
  if (search) {
    scope.sql += ` AND instr(lower(${FILES}."name"), ?) > 0`;
    scope.params.push(search.toLowerCase());
  }
  return {
    label: `bucket ${bucketId}`,
    table: FILES,
    sequence: `${FILES}."seq"`,
    id: `${FILES}."file_id"`,
    scope,
    field: (key) => fileFields.get(key),
    fulltext: () => undefined,
  };
}

function toStoredFile(bucketId: BucketId, raw: unknown): StoredFile | null {
  if (!isRecord(raw)) return null;
  const { file_id: id, name, mime_type: mimeType, size, created_at: createdAt, updated_at: updatedAt } = raw;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof mimeType !== 'string') return null;
  if (typeof size !== 'number' || typeof createdAt !== 'string' || typeof updatedAt !== 'string') return null;
  return { id, bucketId, name, mimeType, sizeOriginal: size, createdAt, updatedAt };
}

function checkUpload(bucket: BucketSpec, name: unknown, mimeType: unknown, data: unknown): Buffer {
  if (typeof name !== 'string' || name.trim() === '' || characterCount(name) > MAX_NAME_LENGTH) {
    throw invalid(`File names must be 1 to ${MAX_NAME_LENGTH} characters long`);
  }
  if (typeof mimeType !== 'string' || mimeType.length === 0 || mimeType.length > 255) {
    throw invalid('A file needs a MIME type');
  }
  if (!Buffer.isBuffer(data)) throw invalid('File data must be a Buffer');
  if (data.length > bucket.maximumFileSize) {
    throw invalid(`Files in ${bucket.name} may be at most ${bucket.maximumFileSize} bytes`);
  }
  const extension = extname(name).slice(1).toLowerCase();
  if (bucket.allowedFileExtensions.length > 0 && !bucket.allowedFileExtensions.includes(extension)) {
    throw invalid(`Files in ${bucket.name} must be one of: ${bucket.allowedFileExtensions.join(', ')}`);
  }
  return data;
}

/** Writes bytes to a new file and flushes them to disk before anything points at it. */
async function writeDurably(path: string, data: Buffer): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function createStoragePort(store: Store, project: ProjectSpec): StoragePort {
  function bucketOf(bucketId: BucketId): BucketSpec {
    const bucket = typeof bucketId === 'string' ? findBucket(project, bucketId) : undefined;
    if (!bucket) throw notFound(`Bucket "${String(bucketId)}" does not exist in appwrite.json`);
    return bucket;
  }

  function metadata(bucketId: BucketId, fileId: string): StoredFile | null {
    return toStoredFile(
      bucketId,
      store.statement(`SELECT * FROM ${FILES} WHERE "bucket_id" = ? AND "file_id" = ?`).get(bucketId, fileId),
    );
  }

  function existing(bucketId: BucketId, fileId: unknown): StoredFile {
    const file = typeof fileId === 'string' ? metadata(bucketId, fileId) : null;
    if (!file) throw notFound(`File "${String(fileId)}" not found in bucket ${bucketId}`);
    return file;
  }

  return {
    put: (input) =>
      guard(async () => {
        const bucketId = input.bucketId;
        const bucket = bucketOf(bucketId);
        const fileId = resolveNewId(input.fileId, 'file');
        const data = checkUpload(bucket, input.name, input.mimeType, input.data);
        const finalPath = storedFilePath(store.dataDir, bucketId, fileId);
        await mkdir(bucketDirectory(store.dataDir, bucketId), { recursive: true });
        const temporary = temporaryFilePath(store.dataDir, bucketId);
        try {
          await writeDurably(temporary, data);
          return store.write(() => {
            if (metadata(bucketId, fileId))
              throw conflict(`File "${fileId}" already exists in bucket ${bucketId}`);
            const now = store.now().toISOString();
            store
              .statement(
                `INSERT INTO ${FILES} ("bucket_id", "file_id", "name", "mime_type", "size", "created_at", "updated_at") VALUES (?, ?, ?, ?, ?, ?, ?)`,
              )
              .run(bucketId, fileId, input.name, input.mimeType, data.length, now, now);
            const file = existing(bucketId, fileId);
            appendEvent(store, fileEventName(bucketId, fileId, 'create'), file);
            // Last step inside the transaction: if the rename fails, the metadata rolls back.
            renameSync(temporary, finalPath);
            return file;
          });
        } finally {
          await rm(temporary, { force: true });
        }
      }),

    getMetadata: (input) =>
      guard(() => {
        const bucketId = input.bucketId;
        bucketOf(bucketId);
        return existing(bucketId, input.fileId);
      }),

    read: (input) =>
      guard(async (): Promise<Readable> => {
        const bucketId = input.bucketId;
        bucketOf(bucketId);
        const file = existing(bucketId, input.fileId);
        // Opening first turns a missing file into an error here, not later on the stream.
        const handle = await open(storedFilePath(store.dataDir, bucketId, file.id), 'r');
        return handle.createReadStream();
      }),

    delete: (input) =>
      guard(async () => {
        const bucketId = input.bucketId;
        bucketOf(bucketId);
        const file = store.write(() => {
          const found = existing(bucketId, input.fileId);
          store
            .statement(`DELETE FROM ${FILES} WHERE "bucket_id" = ? AND "file_id" = ?`)
            .run(bucketId, found.id);
          appendEvent(store, fileEventName(bucketId, found.id, 'delete'), found);
          return found;
        });
        // After the commit: a crash here leaves an unreferenced file, never a reference to a missing one.
        await rm(storedFilePath(store.dataDir, bucketId, file.id), { force: true });
      }),

    list: (input) =>
      guard(() => {
        const bucketId = input.bucketId;
        bucketOf(bucketId);
        const parsed = parseQueries(input.queries);
        if (parsed.select) throw invalid('select is not supported when listing files');
        const search =
          typeof input.search === 'string' && input.search.trim() ? input.search.trim() : undefined;
        const page = store.read(() => runListQuery(store, filesTarget(bucketId, search), parsed));
        return {
          total: page.total,
          totalCapped: page.total >= LIST_TOTAL_CAP,
          files: page.rows
            .map((raw) => toStoredFile(bucketId, raw))
            .filter((file): file is StoredFile => file !== null),
        };
      }),
  };
}
