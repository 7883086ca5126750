/**
 * A lesson's video, as its instructor manages it: set from a YouTube link (checked with
 * the YouTube Data API when a key is configured), removed, or checked without saving.
 * The ID is encrypted before it is written and never returned; changing or removing a
 * video revokes the tokens issued for the old one and forgets positions in it.
 */
import { requestOrJob, type AppServices, type SignedInScope } from '../scope';
import { requireEditableLesson } from '../courses/lessons';
import { toLessonView, type LessonView } from '../courses/lesson-view';
import { parseLesson, type LessonRecord } from '../courses/records';
import { checkThumbnailBytes, discardThumbnail, storeThumbnail } from '../courses/thumbnails';
import { ServiceError } from '../errors';
import { LESSONS } from '../tables';
import { revokeLessonTokens } from './access';
import { recordVideoEvent, VIDEO_ACTIONS } from './audit';
import { forgetVideoLeftovers } from './cleanup';
import { encryptVideoId, readableVideoId } from './video-crypto';
import { fetchVideoMetadata, fetchVideoThumbnail, type YouTubeApiConfig } from './youtube-api';
import { parseYouTubeLink } from './youtube-link';

type Services = Pick<AppServices, 'backend' | 'env'>;

export const DURATION_NEEDED =
  "Enter the video's length: without a YouTube API key Aurora cannot look it up (see README, Configuration).";

function apiConfig(services: Services): YouTubeApiConfig | null {
  const { youtubeApiKey, youtubeApiBaseUrl } = services.env;
  return youtubeApiKey ? { apiKey: youtubeApiKey, baseUrl: youtubeApiBaseUrl } : null;
}

interface InspectedVideo {
  videoId: string;
  title: string | null;
  durationSeconds: number | null;
  thumbnailUrl: string | null;
  checkedWithYouTube: boolean;
}

type Inspection = { ok: true; video: InspectedVideo } | { ok: false; reason: string; unreachable: boolean };

async function inspectVideo(services: Services, videoId: string): Promise<Inspection> {
  const config = apiConfig(services);
  if (!config) {
    return {
      ok: true,
      video: { videoId, title: null, durationSeconds: null, thumbnailUrl: null, checkedWithYouTube: false },
    };
  }
  const result = await fetchVideoMetadata(config, videoId);
  if (!result.ok) return { ok: false, reason: result.reason, unreachable: result.problem === 'unreachable' };
  return {
    ok: true,
    video: {
      videoId,
      title: result.video.title,
      durationSeconds: result.video.durationSeconds,
      thumbnailUrl: result.video.thumbnailUrl,
      checkedWithYouTube: true,
    },
  };
}

async function inspectLink(services: Services, youtubeUrl: string): Promise<Inspection> {
  const link = parseYouTubeLink(youtubeUrl);
  if (!link.ok) return { ok: false, reason: link.reason, unreachable: false };
  return inspectVideo(services, link.videoId);
}

function refuse(inspection: Extract<Inspection, { ok: false }>): never {
  throw new ServiceError(inspection.unreachable ? 'unavailable' : 'bad_request', inspection.reason);
}

/** The thumbnail in our own bucket: a YouTube thumbnail URL would carry the video ID. */
async function cacheThumbnail(services: Services, url: string | null): Promise<string | null> {
  const config = apiConfig(services);
  if (!url || !config) return null;
  const image = await fetchVideoThumbnail(config, url);
  if (!image) return null;
  try {
    const stored = await storeThumbnail(services.backend, checkThumbnailBytes(image.data));
    return stored.id;
  } catch (error) {
    if (error instanceof ServiceError) return null; // Beyond our limits: the lesson simply shows none.
    throw error;
  }
}

/** Outstanding tokens and saved positions belong to the video that is going away. */
async function forgetOldVideo(scope: SignedInScope, lesson: LessonRecord): Promise<void> {
  await revokeLessonTokens(scope, lesson.$id);
  await forgetVideoLeftovers(scope.backend, lesson);
}

/** The lesson's current video ID, or null when there is none or it cannot be read. */
function storedVideoId(services: Services, lesson: LessonRecord): string | null {
  if (!lesson.encryptedVideoData) return null;
  return readableVideoId(services.env.videoEncryptionKeys, lesson.$id, lesson.encryptedVideoData);
}

export async function setLessonVideo(
  scope: SignedInScope,
  input: { lessonId: string; youtubeUrl: string; videoDuration?: number | undefined },
): Promise<LessonView> {
  const { actor, access } = scope;
  const request = requestOrJob(scope);
  const now = scope.now();
  const { backend, env } = scope;
  const { lesson, course } = await requireEditableLesson(backend, access, input.lessonId);
  const inspection = await inspectLink(scope, input.youtubeUrl);
  if (!inspection.ok) refuse(inspection);
  const video = inspection.video;
  const durationSeconds = video.durationSeconds ?? input.videoDuration ?? null;
  if (durationSeconds === null) throw new ServiceError('bad_request', DURATION_NEEDED);
  const thumbnail = await cacheThumbnail(scope, video.thumbnailUrl);

  const row = await backend.tables.update({
    ...LESSONS,
    rowId: lesson.$id,
    data: {
      encryptedVideoData: encryptVideoId(env.videoEncryptionKeys, lesson.$id, video.videoId),
      videoDuration: Math.min(86_400, Math.round(durationSeconds)),
      youtubeThumbnail: thumbnail,
      // Just checked with YouTube (or no key to check with): the daily monitor's flag is stale.
      videoIssue: null,
      videoCheckedAt: null,
      updatedAt: now.toISOString(),
    },
  });
  // The same video again (say, to correct its length) keeps tokens and learners' positions.
  const same = lesson.encryptedVideoData !== null && storedVideoId(scope, lesson) === video.videoId;
  if (lesson.encryptedVideoData && !same) await forgetOldVideo(scope, lesson);
  else if (lesson.youtubeThumbnail && lesson.youtubeThumbnail !== thumbnail) {
    await discardThumbnail(backend, lesson.youtubeThumbnail);
  }
  const what = !lesson.encryptedVideoData ? 'set' : same ? 'updated (same video)' : 'replaced';
  await recordVideoEvent(
    backend,
    {
      action: VIDEO_ACTIONS.changed,
      userId: actor.id,
      reason: `lesson ${lesson.$id}: video ${what}${video.checkedWithYouTube ? ', checked with YouTube' : ''}`,
      request,
    },
    now,
  );
  return toLessonView(backend, access, parseLesson(row), course);
}

export async function removeLessonVideo(scope: SignedInScope, lessonId: string): Promise<LessonView> {
  const { actor, access } = scope;
  const request = requestOrJob(scope);
  const now = scope.now();
  const { backend } = scope;
  const { lesson, course } = await requireEditableLesson(backend, access, lessonId);
  if (!lesson.encryptedVideoData) return toLessonView(backend, access, lesson, course);
  const row = await backend.tables.update({
    ...LESSONS,
    rowId: lesson.$id,
    data: {
      encryptedVideoData: null,
      videoDuration: null,
      youtubeThumbnail: null,
      videoIssue: null,
      videoCheckedAt: null,
      updatedAt: now.toISOString(),
    },
  });
  await forgetOldVideo(scope, lesson);
  await recordVideoEvent(
    backend,
    {
      action: VIDEO_ACTIONS.removed,
      userId: actor.id,
      reason: `lesson ${lesson.$id}: video removed`,
      request,
    },
    now,
  );
  return toLessonView(backend, access, parseLesson(row), course);
}

export interface VideoValidation {
  valid: boolean;
  /** Why not, in words an instructor can act on; null when valid. */
  reason: string | null;
  title: string | null;
  durationSeconds: number | null;
  /** False without a YouTube API key: only the link's form was checked. */
  checkedWithYouTube: boolean;
}

/**
 * Checks a link before saving it, or — without one — whether the lesson's current video
 * can still be played (made private or deleted on YouTube since).
 */
export async function validateLessonVideo(
  scope: SignedInScope,
  input: { lessonId: string; youtubeUrl?: string | undefined },
): Promise<VideoValidation> {
  const { access } = scope;
  const { lesson } = await requireEditableLesson(scope.backend, access, input.lessonId);
  let inspection: Inspection;
  if (input.youtubeUrl !== undefined) {
    inspection = await inspectLink(scope, input.youtubeUrl);
  } else {
    if (!lesson.encryptedVideoData)
      throw new ServiceError('bad_request', 'This lesson has no video to check.');
    const videoId = storedVideoId(scope, lesson);
    if (!videoId) {
      return {
        valid: false,
        reason:
          'The stored video cannot be read (its encryption key is gone or the data was altered). Set the video again.',
        title: null,
        durationSeconds: lesson.videoDuration,
        checkedWithYouTube: false,
      };
    }
    inspection = await inspectVideo(scope, videoId);
  }
  if (!inspection.ok) {
    if (inspection.unreachable) refuse(inspection);
    return {
      valid: false,
      reason: inspection.reason,
      title: null,
      durationSeconds: null,
      checkedWithYouTube: apiConfig(scope) !== null,
    };
  }
  const { video } = inspection;
  return {
    valid: true,
    reason: null,
    title: video.title,
    durationSeconds: video.durationSeconds ?? (input.youtubeUrl === undefined ? lesson.videoDuration : null),
    checkedWithYouTube: video.checkedWithYouTube,
  };
}
