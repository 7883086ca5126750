/**
 * The daily YouTube availability check (issue 12 §4). Every lesson with a video is
 * checked, 50 lessons a batch: one page of lessons, one YouTube call, then writes only
 * for lessons whose state changed. A video that became private, deleted or not
 * embeddable flags its lesson (`videoIssue`, shown in the lesson editor and the
 * instructor's course list) and its instructor gets one mail (key
 * `video-unavailable:<lessonId>:<issue>`); a video that plays again clears the flag.
 *
 * Without YOUTUBE_API_KEY nothing can be checked: the run says so in the log and ends.
 * When YouTube gives no usable answer the run stops without touching any flag, so an
 * outage or a spent quota never marks videos as gone.
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import type { Backend, Row } from '../backend/port';
import type { Env } from '../env';
import { profilesByIds } from '../services/identity/profiles';
import { queueMail } from '../services/mail/queue';
import { videoUnavailableMail, type VideoIssue } from '../services/mail/templates/video-unavailable';
import { readableVideoId } from '../services/video/video-crypto';
import type { JobContext, ScheduledJob } from './job';
import { fetchVideoAvailability, YOUTUBE_IDS_PER_CALL } from './youtube-monitor-api';
import { listByIds } from '../services/rows-by-ids';
import { COURSES, LESSONS } from '../services/tables';

export const VIDEO_ISSUES: readonly VideoIssue[] = ['private', 'deleted', 'not_embeddable'];
const videoIssueSchema = z.enum(['private', 'deleted', 'not_embeddable']);

export const videoUnavailableMailKey = (lessonId: string, issue: VideoIssue) =>
  `video-unavailable:${lessonId}:${issue}`;

const lessonSchema = z.object({
  $id: z.string(),
  courseId: z.string(),
  title: z.string(),
  encryptedVideoData: z.string(),
  videoIssue: videoIssueSchema.nullish().transform((value) => value ?? null),
});
type CheckedLesson = z.output<typeof lessonSchema>;

const courseSchema = z.object({ $id: z.string(), title: z.string(), instructor: z.string() });

export interface MonitorSummary {
  checked: number;
  flagged: number;
  cleared: number;
  unreadable: number;
  youtubeCalls: number;
}

async function lessonPage(backend: Backend, afterId: string | null): Promise<Row[]> {
  const queries = [
    Query.isNotNull('encryptedVideoData'),
    Query.select(['$id', 'courseId', 'title', 'encryptedVideoData', 'videoIssue']),
    Query.orderAsc('$id'),
    Query.limit(YOUTUBE_IDS_PER_CALL),
  ];
  if (afterId) queries.push(Query.greaterThan('$id', afterId));
  return (await backend.tables.list({ ...LESSONS, queries })).rows;
}

/** The instructor mails of a batch's newly flagged lessons: two reads for the whole batch. */
async function mailInstructors(
  backend: Backend,
  env: Env,
  flagged: { lesson: CheckedLesson; issue: VideoIssue }[],
  now: Date,
): Promise<void> {
  if (flagged.length === 0) return;
  const courseIds = [...new Set(flagged.map(({ lesson }) => lesson.courseId))];
  const rows = await listByIds(backend, COURSES, courseIds, {
    queries: [Query.select(['$id', 'title', 'instructor'])],
  });
  const courses = new Map(rows.map((row) => courseSchema.parse(row)).map((course) => [course.$id, course]));
  const instructors = await profilesByIds(backend, [
    ...new Set([...courses.values()].map((c) => c.instructor)),
  ]);
  for (const { lesson, issue } of flagged) {
    const course = courses.get(lesson.courseId);
    const instructor = course ? instructors.get(course.instructor) : undefined;
    if (!course || !instructor) continue;
    const rendered = videoUnavailableMail(
      {
        instructorName: instructor.name,
        courseTitle: course.title,
        lessonTitle: lesson.title,
        issue,
        lessonEditorUrl: new URL(`/teach/courses/${course.$id}/lessons/${lesson.$id}`, env.publicUrl.origin)
          .href,
      },
      { publicUrl: env.publicUrl },
    );
    await queueMail(
      backend,
      {
        key: videoUnavailableMailKey(lesson.$id, issue),
        to: instructor.email,
        userId: instructor.$id,
        kind: 'video-unavailable',
        rendered,
      },
      now,
    );
  }
}

export async function checkLessonVideos(context: JobContext): Promise<MonitorSummary | 'skipped'> {
  const { backend, env, logger } = context;
  if (!env.youtubeApiKey) {
    logger.info('youtube-monitor skipped: YOUTUBE_API_KEY is not set, so no video can be checked');
    return 'skipped';
  }
  const config = { apiKey: env.youtubeApiKey, baseUrl: env.youtubeApiBaseUrl };
  const summary: MonitorSummary = { checked: 0, flagged: 0, cleared: 0, unreadable: 0, youtubeCalls: 0 };
  let afterId: string | null = null;
  for (;;) {
    const rows = await lessonPage(backend, afterId);
    if (rows.length === 0) break;
    afterId = rows.at(-1)?.$id ?? null;
    const lessons: { lesson: CheckedLesson; videoId: string }[] = [];
    for (const row of rows) {
      const lesson = lessonSchema.parse(row);
      const videoId = readableVideoId(env.videoEncryptionKeys, lesson.$id, lesson.encryptedVideoData);
      if (videoId) lessons.push({ lesson, videoId });
      else summary.unreadable += 1;
    }
    const answer = await fetchVideoAvailability(config, [...new Set(lessons.map(({ videoId }) => videoId))]);
    summary.youtubeCalls += lessons.length > 0 ? 1 : 0;
    if (!answer.ok) {
      throw new Error(`YouTube gave no usable answer (${answer.problem}); no flag was changed in this batch`);
    }
    const now = context.now();
    const flagged: { lesson: CheckedLesson; issue: VideoIssue }[] = [];
    for (const { lesson, videoId } of lessons) {
      summary.checked += 1;
      const issue = answer.issues.get(videoId) ?? null;
      if (issue === lesson.videoIssue) continue;
      await backend.tables.update({
        ...LESSONS,
        rowId: lesson.$id,
        data: { videoIssue: issue, videoCheckedAt: now.toISOString() },
      });
      if (issue) {
        summary.flagged += 1;
        flagged.push({ lesson, issue });
      } else {
        summary.cleared += 1;
      }
    }
    await mailInstructors(backend, env, flagged, now);
    if (rows.length < YOUTUBE_IDS_PER_CALL) break;
  }
  if (summary.unreadable > 0) {
    logger.error('youtube-monitor could not decrypt some lessons’ video data (a retired key?)', {
      unreadable: summary.unreadable,
    });
  }
  logger.info('youtube-monitor finished', { ...summary });
  return summary;
}

export const youtubeMonitorJob: ScheduledJob<Record<string, never>> = {
  name: 'youtube-monitor',
  description:
    'Checks every lesson video on YouTube daily; flags lessons whose video stopped playing and mails the instructor.',
  // 03:20 UTC: a quiet hour, off the round hour other schedules like.
  schedule: '20 3 * * *',
  payload: z.object({}),
  async handle(_payload, context) {
    await checkLessonVideos(context);
  },
};
