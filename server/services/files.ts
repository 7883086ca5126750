/**
 * Removing a stored file that nothing points at any more (an old avatar, a replaced
 * thumbnail, an attachment's versions). The rows that named it are already changed, so
 * a failure here leaves an orphan file, never a broken profile or course: it is logged,
 * not thrown. A file that is gone already is what we wanted.
 */
import type { Backend, BucketId } from '../backend/port';
import { unlessMissing } from './rows';

export async function discardStoredFile(
  backend: Backend,
  file: { bucketId: BucketId; fileId: string },
  what: string,
): Promise<void> {
  await unlessMissing(backend.storage.delete(file), undefined).catch((error: unknown) => {
    console.error(`could not delete ${what} ${file.fileId}:`, error);
  });
}
