/** Lessons with videos for tests, set through the real service, and "did anything change?" for video data. */
import { Query } from 'node-appwrite';
import type { AuthUser, TableRef } from '../../server/backend/port';
import { setLessonVideo } from '../../server/services/video/lesson-video';
import { seedCourse, type SeededCourse } from './courses';
import { scopeFor, type TestServices } from './services';
import { LESSONS, SECURITY_LOGS, VIDEO_ACCESS_TOKENS, VIDEO_PROGRESS } from '../../server/services/tables';

/** Valid-looking IDs that occur nowhere else in the code, so a search for them finds only leaks. */
export const VIDEO_IDS = { preview: 'Qz7PrevW3xY', members: 'Lk9MembR2tA' } as const;

export interface SeededVideoCourse extends SeededCourse {
  /** The members-only lesson's video length in seconds. */
  durationSeconds: number;
}

/**
 * seedCourse's course, with a video on both lessons (`VIDEO_IDS.preview` on the preview
 * lesson, `VIDEO_IDS.members` on the members-only one), set as an instructor would.
 */
export async function seedVideoCourse(
  services: TestServices,
  owner: AuthUser,
  options: { published?: boolean; durationSeconds?: number } = {},
): Promise<SeededVideoCourse> {
  const course = await seedCourse(services, owner, { published: options.published ?? true });
  const durationSeconds = options.durationSeconds ?? 600;
  for (const [lessonId, videoId] of [
    [course.previewLessonId, VIDEO_IDS.preview],
    [course.lessonId, VIDEO_IDS.members],
  ] as const) {
    await setLessonVideo(scopeFor(services, owner), {
      lessonId,
      youtubeUrl: `https://www.youtube.com/watch?v=${videoId}&t=42s`,
      videoDuration: durationSeconds,
    });
  }
  return { ...course, durationSeconds };
}

const count = async (services: TestServices, ref: TableRef, filters: string[] = []) =>
  (await services.backend.tables.list({ ...ref, queries: [...filters, Query.limit(1)] })).total;

/** Everything a refused video call could have written (besides its own audit row). */
export async function videoWritesSoFar(services: TestServices) {
  const lessons = await services.backend.tables.list({
    ...LESSONS,
    queries: [Query.orderAsc('$id'), Query.limit(1000)],
  });
  return {
    lessons: lessons.rows.map((row) => [row.$id, row.encryptedVideoData, row.videoDuration, row.updatedAt]),
    tokens: await count(services, VIDEO_ACCESS_TOKENS),
    usedTokens: await count(services, VIDEO_ACCESS_TOKENS, [Query.equal('isUsed', true)]),
    revokedTokens: await count(services, VIDEO_ACCESS_TOKENS, [Query.isNotNull('revokedAt')]),
    progress: await count(services, VIDEO_PROGRESS),
    thumbnails: (await services.backend.storage.list({ bucketId: 'thumbnails' })).total,
  };
}

/** The `security_logs` actions written so far, oldest first. */
export async function securityActions(services: TestServices, filters: string[] = []): Promise<string[]> {
  const { rows } = await services.backend.tables.list({
    ...SECURITY_LOGS,
    queries: [...filters, Query.orderAsc('timestamp'), Query.limit(1000)],
  });
  return rows.map((row) => String(row.action));
}
