/**
 * Where a stored file lives on disk: `<dataDir>/buckets/<bucket>/<fileId>`. File ids
 * follow Appwrite's id rules (no `/`, cannot start with `.`), and the resolved path is
 * checked to stay inside the bucket directory anyway, so no id can reach elsewhere.
 */
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { assertValidId } from './ids';
import { invalid } from './sql-errors';

export function bucketDirectory(dataDir: string, bucketId: string): string {
  return resolve(dataDir, 'buckets', bucketId);
}

export function storedFilePath(dataDir: string, bucketId: string, fileId: string): string {
  assertValidId(fileId, 'file');
  const directory = bucketDirectory(dataDir, bucketId);
  const path = resolve(directory, fileId);
  if (dirname(path) !== directory) throw invalid('Invalid file id');
  return path;
}

/** Temporary names start with a dot, which no valid file id can, so they never collide. */
export function temporaryFilePath(dataDir: string, bucketId: string): string {
  return join(bucketDirectory(dataDir, bucketId), `.upload-${randomBytes(12).toString('hex')}`);
}
