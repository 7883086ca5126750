/**
 * The hand-made part of a bench data set, written through the real services so every
 * row, index entry, denormalised field and job effect is what Aurora itself writes:
 * - a template instructor, learner and published course (tags, 5 lessons, one
 *   enrollment), which clone.ts copies in bulk to reach the requested scale;
 * - the video course: a published course with a video on every lesson, and the bench
 *   learner enrolled in it (the lesson scenarios and video.progress use it).
 * The clock is set SEED_AGE_MS in the past, so the seeded enrollments are older than the
 * enrollment catch-up's one-day window and a server started on the data does not
 * reconcile them all on its first run; the welcome mails and analytics of the template
 * enrollments are made by draining the real jobs once.
 */
import type { AuthUser } from '../../../server/backend/port';
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../server/backend/embedded/index';
import { loadEnv } from '../../../server/env';
import { createJobContext } from '../../../server/jobs/context';
import { jobs } from '../../../server/jobs/index';
import { createJobRunner } from '../../../server/jobs/runner';
import { createCourse, publishCourse } from '../../../server/services/courses/courses';
import { createLesson } from '../../../server/services/courses/lessons';
import { courseFieldsSchema } from '../../../server/services/courses/schemas';
import { enroll } from '../../../server/services/enrollments/membership';
import { createAccount } from '../../../server/services/identity/accounts';
import { outboxOnlyMailer } from '../../../server/services/mail/mailer';
import { actingAs, backgroundScope, type AppServices } from '../../../server/services/scope';
import { setLessonVideo } from '../../../server/services/video/lesson-video';

export const SEED_AGE_MS = 3 * 24 * 60 * 60 * 1000;
export const LESSONS_PER_COURSE = 5;
/** Every seeded account has this password (sign-in is part of no scenario, but it works). */
export const BENCH_PASSWORD = 'bench-learner-password';
export const VIDEO_SECONDS = 1800;

/** Words that occur nowhere else in the template's rows, so clones can replace them safely. */
export const TEMPLATE_WORDS = {
  courseTitle: 'Templatecourse',
  instructorName: 'Templateteacher',
  learnerName: 'Templatelearner',
} as const;

export interface TemplateWorld {
  instructor: AuthUser;
  learner: AuthUser;
  courseId: string;
  lessonIds: string[];
  videoCourseId: string;
  videoLessonIds: string[];
  benchLearner: AuthUser;
}

const fields = (title: string, tags: string[]) =>
  courseFieldsSchema.parse({
    title,
    description: 'Seeded for the benchmark: a course like the ones instructors write, with a few tags.',
    category: 'development',
    difficulty: 'beginner',
    duration: 6,
    price: 0,
    tags,
  });

async function account(services: AppServices, email: string, name: string, role: AuthUser['role']) {
  const { user } = await createAccount(
    services.backend,
    { email, password: BENCH_PASSWORD, name, role },
    services.now(),
  );
  return user;
}

async function publishedCourse(
  services: AppServices,
  instructor: AuthUser,
  title: string,
): Promise<{ courseId: string; lessonIds: string[] }> {
  const as = actingAs(backgroundScope(services), instructor);
  const course = await createCourse(as, fields(title, ['bench', 'seeded']));
  const lessonIds: string[] = [];
  for (let index = 1; index <= LESSONS_PER_COURSE; index++) {
    const lesson = await createLesson(as, {
      courseId: course.id,
      title: `Lesson ${index}`,
      description: 'A lesson of a seeded course.',
      content: `<h2>Part ${index}</h2><p>${'Text of a seeded lesson. '.repeat(40)}</p>`,
      isPreview: index === 1,
    });
    lessonIds.push(lesson.id);
  }
  await publishCourse(as, course.id);
  return { courseId: course.id, lessonIds };
}

/** Opens the backend and services on `dataDir` with the seeding clock. */
export function seedServices(dataDir: string): { services: AppServices; backend: EmbeddedBackend } {
  const now = () => new Date(Date.now() - SEED_AGE_MS);
  const env = loadEnv({ AURORA_DATA_DIR: dataDir, NODE_ENV: 'production', AURORA_DEMO: '0' });
  const backend = createEmbeddedBackend({ dataDir, now });
  return { backend, services: { env, backend, mailer: outboxOnlyMailer, startedAt: new Date(), now } };
}

export async function createTemplateWorld(services: AppServices, backend: EmbeddedBackend) {
  const { courseTitle, instructorName, learnerName } = TEMPLATE_WORDS;
  const instructor = await account(services, 'teacher0@bench.test', `${instructorName} Zero`, 'instructor');
  const learner = await account(services, 'learner0@bench.test', `${learnerName} Zero`, 'regular');
  const template = await publishedCourse(services, instructor, `${courseTitle} for everyone`);
  await enroll(actingAs(backgroundScope(services), learner), { courseId: template.courseId });

  const video = await publishedCourse(services, instructor, 'Video course of the benchmark');
  const as = actingAs(backgroundScope(services), instructor);
  for (const [index, lessonId] of video.lessonIds.entries()) {
    await setLessonVideo(as, {
      lessonId,
      youtubeUrl: `https://www.youtube.com/watch?v=BenchVid${String(index).padStart(3, '0')}`,
      videoDuration: VIDEO_SECONDS,
    });
  }
  const benchLearner = await account(services, 'bench0@bench.test', 'Bench Learner 0', 'regular');
  await enroll(actingAs(backgroundScope(services), benchLearner), { courseId: video.courseId });

  // The welcome mails and analytics of these enrollments, as the runner makes them.
  await createJobRunner({
    jobs,
    outbox: backend.outbox,
    context: createJobContext({ backend, mailer: outboxOnlyMailer, env: services.env, now: services.now }),
    schedules: false,
  }).drain();

  return {
    instructor,
    learner,
    courseId: template.courseId,
    lessonIds: template.lessonIds,
    videoCourseId: video.courseId,
    videoLessonIds: video.lessonIds,
    benchLearner,
  } satisfies TemplateWorld;
}
