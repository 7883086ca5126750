/**
 * Watch time (decision 0014). The embed page reports the furthest second watched; the
 * server believes no more than the wall clock allows since its previous report (or since
 * the page opened, whichever is later, plus a small tolerance), caps it at the video's
 * duration, and completes the lesson in the enrollment at 90%.
 */
import { Query } from 'node-appwrite';
import { firstRow } from '../rows';
import { isBackendError } from '../../backend/errors';
import type { Backend } from '../../backend/port';
import { requireReadableLesson } from '../courses/lessons';
import { findEnrollment } from '../enrollments/records';
import { completeLesson } from '../enrollments/learning';
import { ServiceError } from '../errors';
import { parseProgress, type ProgressRecord } from './records';
import type { Env } from '../../env';
import type { SignedInScope } from '../scope';
import { VIDEO_PROGRESS } from '../tables';
import { decideVideoAccess } from './access';
import { readableVideoId } from './video-crypto';
import { verifyProgressToken, videoVersionOf } from './tokens';

export const COMPLETION_SHARE = 0.9;
/** Reports arrive every ~10 s; network and timer jitter may put one a few seconds ahead. */
export const CLOCK_TOLERANCE_SECONDS = 5;
const CAS_ROUNDS = 5;

export interface VideoProgress {
  watchedSeconds: number;
  totalSeconds: number;
  /** Whole percent of the video watched. */
  percent: number;
  /** Where playback should start next time. */
  resumeAt: number;
}

/**
 * Where to start next time: where the learner got to, or the beginning once the video
 * is finished — within 5% (at most 5 s) of the end, where resuming would show only credits.
 */
export function resumePointOf(watchedSeconds: number, totalSeconds: number | null): number {
  if (totalSeconds === null || totalSeconds <= 0) return watchedSeconds;
  const margin = Math.min(5, totalSeconds * 0.05);
  return watchedSeconds >= totalSeconds - margin ? 0 : watchedSeconds;
}

function toProgress(watchedSeconds: number, totalSeconds: number): VideoProgress {
  const percent = totalSeconds > 0 ? Math.min(100, Math.floor((100 * watchedSeconds) / totalSeconds)) : 0;
  return { watchedSeconds, totalSeconds, percent, resumeAt: resumePointOf(watchedSeconds, totalSeconds) };
}

export async function findVideoProgress(
  backend: Backend,
  userId: string,
  lessonId: string,
): Promise<ProgressRecord | null> {
  const row = await firstRow(backend, VIDEO_PROGRESS, [
    Query.equal('userId', userId),
    Query.equal('lessonId', lessonId),
  ]);
  return row ? parseProgress(row) : null;
}

/** The learner's own position in a lesson's video (zero before the first report). */
export async function getVideoProgress(scope: SignedInScope, lessonId: string): Promise<VideoProgress> {
  const { backend, actor: viewer } = scope;
  const { lesson } = await requireReadableLesson(backend, scope.access, lessonId);
  const stored = await findVideoProgress(backend, viewer.id, lessonId);
  return toProgress(stored?.watchedSeconds ?? 0, lesson.videoDuration ?? stored?.totalSeconds ?? 0);
}

export interface ProgressReport {
  progressToken: string;
  watchedSeconds: number;
  totalSeconds: number;
}

export interface ProgressAnswer extends VideoProgress {
  /** Seconds of the report the wall clock did not allow. */
  refusedSeconds: number;
  /** Whether this report completed the lesson in the learner's enrollment. */
  lessonCompleted: boolean;
}

/**
 * Stores the new furthest point with a compare-and-set, so two reports racing (two
 * tabs) cannot move it back or both claim the same stretch of wall-clock time.
 */
async function storeWatched(
  backend: Backend,
  input: { userId: string; lessonId: string; totalSeconds: number; sinceMs: number; reported: number },
  now: Date,
): Promise<{ watched: number; refused: number }> {
  for (let round = 0; round < CAS_ROUNDS; round++) {
    const stored = await findVideoProgress(backend, input.userId, input.lessonId);
    const previous = stored?.watchedSeconds ?? 0;
    if (input.reported <= previous) return { watched: previous, refused: 0 };
    const baseline = Math.max(input.sinceMs, stored ? Date.parse(stored.updatedAt) : 0);
    const allowance = Math.max(0, (now.getTime() - baseline) / 1000) + CLOCK_TOLERANCE_SECONDS;
    const watched = Math.floor(Math.min(input.reported, previous + allowance, input.totalSeconds));
    const refused = Math.max(0, Math.floor(input.reported - watched));
    if (watched <= previous) return { watched: previous, refused };
    const data = { watchedSeconds: watched, totalSeconds: input.totalSeconds, updatedAt: now.toISOString() };
    if (!stored) {
      try {
        await backend.tables.create({
          ...VIDEO_PROGRESS,
          data: { userId: input.userId, lessonId: input.lessonId, ...data },
        });
        return { watched, refused };
      } catch (error) {
        // Another report created the row first: go round and compare with it.
        if (isBackendError(error, 'conflict')) continue;
        throw error;
      }
    }
    const updated = await backend.tables.updateIf({
      ...VIDEO_PROGRESS,
      rowId: stored.$id,
      where: [Query.equal('watchedSeconds', stored.watchedSeconds)],
      data,
    });
    if (updated) return { watched, refused };
  }
  throw new ServiceError('conflict', 'Your progress is being saved from elsewhere. Try again in a moment.');
}

/**
 * Versions already worked out, by lesson and stored ciphertext: every report of every
 * player asks, and the answer only changes with the lesson's video (a new ciphertext).
 * Bounded, and per env, since keys are part of the answer.
 */
const knownVersions = new WeakMap<Env, Map<string, string | null>>();
const KNOWN_VERSIONS = 1000;

/** The version of the lesson's video today; null when it cannot be read (then no report matches). */
function currentVideoVersion(env: Env, lessonId: string, encrypted: string): string | null {
  let known = knownVersions.get(env);
  if (!known) knownVersions.set(env, (known = new Map()));
  const key = `${lessonId}\n${encrypted}`;
  const remembered = known.get(key);
  if (remembered !== undefined) return remembered;
  const videoId = readableVideoId(env.videoEncryptionKeys, lessonId, encrypted);
  const version = videoId ? videoVersionOf(env.videoAccessSecret, lessonId, videoId) : null;
  if (known.size >= KNOWN_VERSIONS) known.clear();
  known.set(key, version);
  return version;
}

export async function reportVideoProgress(
  scope: SignedInScope,
  report: ProgressReport,
): Promise<ProgressAnswer> {
  const { actor: viewer } = scope;
  const now = scope.now();
  const { backend } = scope;
  const check = await verifyProgressToken(scope.env.videoAccessSecret, report.progressToken, now);
  if (!check.ok) {
    throw new ServiceError(
      'unauthorized',
      check.problem === 'expired'
        ? 'This player has been open too long to save progress. Reload the lesson to continue.'
        : 'This progress token is not valid. Reload the lesson to continue.',
    );
  }
  const { claims } = check;
  if (claims.sub !== viewer.id) {
    throw new ServiceError('forbidden', 'This progress token was issued to someone else.');
  }
  // Access is checked again: unenrolling (or unpublishing) stops the credit at once.
  const { lesson, course, access } = await decideVideoAccess(backend, scope.access, claims.lid);
  if (access === 'no_video' || !lesson.encryptedVideoData) {
    throw new ServiceError('not_found', 'This lesson has no video any more.');
  }
  if (access !== 'ok') throw new ServiceError('forbidden', 'You no longer have access to this video.');
  if (claims.vv !== currentVideoVersion(scope.env, lesson.$id, lesson.encryptedVideoData)) {
    throw new ServiceError(
      'conflict',
      'The video of this lesson has changed. Reload the lesson to watch the new one.',
    );
  }
  // The server's duration is the truth when it has one; the player's is a fallback, bounded by the column.
  const totalSeconds = Math.floor(lesson.videoDuration ?? Math.min(report.totalSeconds, 86_400));
  const { watched, refused } = await storeWatched(
    backend,
    {
      userId: viewer.id,
      lessonId: lesson.$id,
      totalSeconds,
      sinceMs: claims.iat * 1000,
      reported: Math.min(report.watchedSeconds, 86_400),
    },
    now,
  );

  let lessonCompleted = false;
  if (totalSeconds > 0 && watched >= COMPLETION_SHARE * totalSeconds) {
    const enrollment = await findEnrollment(backend, viewer.id, course.$id);
    if (enrollment && !enrollment.completedLessons.includes(lesson.$id)) {
      await completeLesson(scope, lesson.$id);
      lessonCompleted = true;
    }
  }
  return { ...toProgress(watched, totalSeconds), refusedSeconds: refused, lessonCompleted };
}
