/**
 * The daily YouTube check against the fake YouTube (real HTTP) on the real embedded
 * backend: 50 ids per call, a flag and one mail for a video that stopped playing, the
 * flag cleared when it plays again, nothing touched when YouTube fails, and a recorded
 * skip without an API key.
 */
import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeYouTube, type FakeYouTube } from '../../tests/helpers/fake-youtube';
import { backgroundScope } from '../services/scope';
import {
  createTestServices,
  createTestUser,
  scopeFor,
  type TestServices,
} from '../../tests/helpers/services';
import type { AuthUser } from '../backend/port';
import { getCourse, myCourses } from '../services/courses/catalog';
import { createCourse, publishCourse } from '../services/courses/courses';
import { getLesson } from '../services/courses/lessons';
import { encryptVideoId } from '../services/video/video-crypto';
import { courseFields } from '../../tests/helpers/courses';
import { recordingLogger, testJobContext } from './testing';
import { checkLessonVideos, youtubeMonitorJob } from './youtube-monitor';
import { COURSES, LESSONS, MAIL_MESSAGES } from '../services/tables';

const API_KEY = 'monitor-test-key';
let fake: FakeYouTube;
let services: TestServices;
let instructor: AuthUser;
let courseId: string;

const videoIdOf = (index: number) => `vid${String(index).padStart(8, '0')}`;

beforeEach(async () => {
  fake = await startFakeYouTube({ apiKey: API_KEY, videos: {} });
  services = await createTestServices({
    env: {
      YOUTUBE_API_KEY: API_KEY,
      YOUTUBE_API_BASE_URL: fake.baseUrl,
      AURORA_PUBLIC_URL: 'https://learn.example.org',
    },
  });
  instructor = await createTestUser(services, 'instructor', { name: 'Grace Hopper' });
  courseId = (await createCourse(scopeFor(services, instructor), courseFields({ title: 'Compilers' }))).id;
});
afterEach(async () => {
  await fake.close();
  await services.cleanup();
});

/** `count` lessons, each with its own (working) video; returns their ids in order. */
async function lessonsWithVideos(count: number): Promise<string[]> {
  const ids: string[] = [];
  const stamp = services.now().toISOString();
  for (let index = 0; index < count; index += 1) {
    const row = await services.backend.tables.create({
      ...LESSONS,
      data: { courseId, title: `Lesson ${index + 1}`, order: index, createdAt: stamp, updatedAt: stamp },
    });
    const videoId = videoIdOf(index);
    fake.videos[videoId] = {};
    await services.backend.tables.update({
      ...LESSONS,
      rowId: row.$id,
      data: { encryptedVideoData: encryptVideoId(services.env.videoEncryptionKeys, row.$id, videoId) },
    });
    // Written past createLesson, so the course's kept lesson count is kept here too.
    await services.backend.tables.increment({ ...COURSES, rowId: courseId, column: 'lessonCount', by: 1 });
    ids.push(row.$id);
  }
  return ids;
}

const apiCalls = () => fake.requests.filter((request) => request.startsWith('/youtube/v3/videos'));
const issueOf = async (lessonId: string) =>
  (await services.backend.tables.get({ ...LESSONS, rowId: lessonId })).videoIssue ?? null;
const monitorMails = async () =>
  (
    await services.backend.tables.list({
      ...MAIL_MESSAGES,
      queries: [Query.equal('kind', 'video-unavailable'), Query.limit(100)],
    })
  ).rows;

describe('youtube-monitor', () => {
  it('checks 120 lessons in 3 calls of at most 50 ids, and flags nothing that plays', async () => {
    await lessonsWithVideos(120);
    // A lesson without a video is not asked about.
    await services.backend.tables.create({
      ...LESSONS,
      data: {
        courseId,
        title: 'Reading',
        order: 200,
        createdAt: services.now().toISOString(),
        updatedAt: services.now().toISOString(),
      },
    });
    const summary = await checkLessonVideos(testJobContext(services));
    expect(summary).toEqual({ checked: 120, flagged: 0, cleared: 0, unreadable: 0, youtubeCalls: 3 });
    const calls = apiCalls();
    expect(calls).toHaveLength(3);
    const idsPerCall = calls.map(
      (call) => new URL(call, fake.origin).searchParams.get('id')?.split(',').length,
    );
    expect(idsPerCall).toEqual([50, 50, 20]);
    expect(calls.every((call) => call.includes('key=REDACTED'))).toBe(true);
    expect(await monitorMails()).toHaveLength(0);
  });

  it('flags a private, a deleted and a non-embeddable video, mails the instructor once each, and clears a fixed one', async () => {
    const lessons = await lessonsWithVideos(4);
    const [privateLesson = '', deletedLesson = '', lockedLesson = '', fineLesson = ''] = lessons;
    fake.videos[videoIdOf(0)] = { privacyStatus: 'private' };
    Reflect.deleteProperty(fake.videos, videoIdOf(1)); // gone from YouTube altogether
    fake.videos[videoIdOf(2)] = { embeddable: false };

    const context = testJobContext(services);
    await youtubeMonitorJob.handle({}, context, { trigger: 'schedule', scheduledFor: services.now() });
    expect(await issueOf(privateLesson)).toBe('private');
    expect(await issueOf(deletedLesson)).toBe('deleted');
    expect(await issueOf(lockedLesson)).toBe('not_embeddable');
    expect(await issueOf(fineLesson)).toBeNull();
    const mails = await monitorMails();
    expect(mails.map((mail) => mail.key).sort()).toEqual(
      [
        `video-unavailable:${deletedLesson}:deleted`,
        `video-unavailable:${lockedLesson}:not_embeddable`,
        `video-unavailable:${privateLesson}:private`,
      ].sort(),
    );
    expect(mails.every((mail) => mail.to === instructor.email)).toBe(true);
    const privateMail = mails.find((mail) => mail.key === `video-unavailable:${privateLesson}:private`);
    expect(privateMail?.subject).toBe('A video in Compilers cannot be played');
    expect(String(privateMail?.text)).toContain('Lesson 1');
    expect(String(privateMail?.text)).toContain(
      `https://learn.example.org/teach/courses/${courseId}/lessons/${privateLesson}`,
    );

    // The next day, nothing changed: no writes, no second mail.
    const waiting = (await services.backend.outbox.pending()).waiting;
    expect(await checkLessonVideos(context)).toMatchObject({ flagged: 0, cleared: 0 });
    expect((await services.backend.outbox.pending()).waiting).toBe(waiting);
    expect(await monitorMails()).toHaveLength(3);

    // The instructor makes it unlisted again: the flag goes.
    fake.videos[videoIdOf(0)] = { privacyStatus: 'unlisted' };
    expect(await checkLessonVideos(context)).toMatchObject({ flagged: 0, cleared: 1 });
    expect(await issueOf(privateLesson)).toBeNull();
    expect(await monitorMails()).toHaveLength(3);
  });

  it('changes no flag when YouTube fails, and says why', async () => {
    const [lesson = ''] = await lessonsWithVideos(2);
    await services.backend.tables.update({ ...LESSONS, rowId: lesson, data: { videoIssue: 'private' } });
    await fake.close();
    fake = await startFakeYouTube({ apiKey: API_KEY, videos: {}, failStatus: 503 });
    const context = testJobContext(services, { env: { ...services.env, youtubeApiBaseUrl: fake.baseUrl } });
    await expect(checkLessonVideos(context)).rejects.toThrow(/YouTube gave no usable answer \(unreachable\)/);
    expect(apiCalls()).toHaveLength(1);
    expect(await issueOf(lesson)).toBe('private');
    expect(await monitorMails()).toHaveLength(0);
  });

  it('without an API key, records that it skipped and asks YouTube nothing', async () => {
    await lessonsWithVideos(2);
    const logger = recordingLogger();
    const context = testJobContext(services, { env: { ...services.env, youtubeApiKey: null }, logger });
    expect(await checkLessonVideos(context)).toBe('skipped');
    expect(apiCalls()).toHaveLength(0);
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'info',
        message: expect.stringContaining('skipped: YOUTUBE_API_KEY is not set'),
      }),
    ]);
  });

  it('shows the flag to the course’s editors only: the editor, the course outline and the instructor’s list', async () => {
    const [flagged = '', fine = ''] = await lessonsWithVideos(2);
    fake.videos[videoIdOf(0)] = { embeddable: false };
    await checkLessonVideos(testJobContext(services));
    await publishCourse(scopeFor(services, instructor), courseId);
    const learner = await createTestUser(services, 'regular');

    expect((await getLesson(scopeFor(services, instructor), flagged)).video?.issue).toBe('not_embeddable');
    const outline = (await getCourse(scopeFor(services, instructor), courseId)).lessons;
    expect(outline.map((lesson) => [lesson.id, lesson.videoIssue])).toEqual([
      [flagged, 'not_embeddable'],
      [fine, null],
    ]);
    const mine = await myCourses(scopeFor(services, instructor), { limit: 10 });
    expect(mine.items.map((item) => item.lessonsWithVideoIssues)).toEqual([1]);

    // Learners and visitors are not told.
    const seen = (await getCourse(scopeFor(services, learner), courseId)).lessons;
    expect(seen.every((lesson) => lesson.videoIssue === null)).toBe(true);
    const visitorView = await getCourse(backgroundScope(services), courseId);
    expect(visitorView.lessons.every((lesson) => lesson.videoIssue === null)).toBe(true);
  });
});
