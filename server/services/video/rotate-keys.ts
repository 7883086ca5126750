/**
 * Moves every lesson's encrypted video ID onto the newest key, so an old key can be
 * retired from VIDEO_ENCRYPTION_KEYS once this reports no failures
 * (scripts/rotate-video-keys.ts runs it).
 *
 * Each write is a compare-and-set on the value read: a lesson whose video an instructor
 * changes meanwhile keeps the new video (already on the newest key), never the old one.
 * Rows that none of the configured keys decrypts are reported and left as they are;
 * overwriting them would destroy the only copy.
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import { decryptVideoId, encryptVideoId, VideoDataError, videoKeyIdOf, type VideoKey } from './video-crypto';
import { unlessMissing } from '../rows';
import { LESSONS } from '../tables';

const PAGE_SIZE = 100;

export interface RotationReport {
  /** Lessons with a stored video. */
  checked: number;
  /** Lessons moved onto the newest key by this run. */
  reencrypted: number;
  /** Lessons whose video data no configured key decrypts. */
  failed: string[];
}

export async function reencryptLessonVideos(
  backend: Backend,
  keys: readonly VideoKey[],
): Promise<RotationReport> {
  const newest = keys[0];
  if (!newest) throw new Error('No video encryption key is configured.');
  const report: RotationReport = { checked: 0, reencrypted: 0, failed: [] };
  let lastId: string | null = null;
  for (;;) {
    // Pages by id, not by cursor: a cursor must stay a row of the list, and the last
    // lesson of a page may lose its video (or be deleted) before the next page is read.
    const queries = [Query.isNotNull('encryptedVideoData'), Query.orderAsc('$id'), Query.limit(PAGE_SIZE)];
    if (lastId) queries.push(Query.greaterThan('$id', lastId));
    const page = await backend.tables.list({ ...LESSONS, queries });
    for (const row of page.rows) {
      const stored = row.encryptedVideoData;
      if (typeof stored !== 'string' || stored === '') continue;
      report.checked += 1;
      let videoId: string;
      try {
        videoId = decryptVideoId(keys, row.$id, stored);
      } catch (error) {
        if (!(error instanceof VideoDataError)) throw error;
        report.failed.push(row.$id);
        continue;
      }
      if (videoKeyIdOf(stored) === newest.id) continue;
      if (await replaceIfUnchanged(backend, row.$id, stored, encryptVideoId(keys, row.$id, videoId))) {
        report.reencrypted += 1;
      }
    }
    const last = page.rows.at(-1);
    if (!last || page.rows.length < PAGE_SIZE) return report;
    lastId = last.$id;
  }
}

/**
 * Writes `fresh` only while the row still holds `stored`. False when the lesson changed
 * (its new value is already on the newest key) or was deleted meanwhile: nothing to do.
 * `updatedAt` is left alone: the lesson's content did not change.
 */
async function replaceIfUnchanged(
  backend: Backend,
  lessonId: string,
  stored: string,
  fresh: string,
): Promise<boolean> {
  const written = backend.tables.updateIf({
    ...LESSONS,
    rowId: lessonId,
    where: [Query.equal('encryptedVideoData', stored)],
    data: { encryptedVideoData: fresh },
  });
  return unlessMissing(
    written.then((row) => row !== null),
    false,
  );
}
