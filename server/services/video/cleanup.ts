/** What a lesson's video leaves behind when the video (or the lesson) goes: positions and the cached thumbnail. */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import { discardThumbnail } from '../courses/thumbnails';
import { deleteRowsWhere } from '../rows';
import { VIDEO_PROGRESS } from '../tables';

export async function forgetVideoLeftovers(
  backend: Backend,
  lesson: { $id: string; youtubeThumbnail: string | null },
): Promise<void> {
  await deleteRowsWhere(backend, VIDEO_PROGRESS, [Query.equal('lessonId', lesson.$id)]);
  if (lesson.youtubeThumbnail) await discardThumbnail(backend, lesson.youtubeThumbnail);
}
