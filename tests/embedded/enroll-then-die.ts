/**
 * Child process of mail-after-restart.test.ts: a server that enrolls a learner through
 * the real service and dies before any job runs. It opens the embedded backend on the
 * data directory it is given, makes an instructor, a published course with a lesson and
 * a learner, enrolls the learner, prints one JSON line saying what it made, and then
 * waits to be killed (no job runner is ever started, so the welcome mail is not even
 * queued yet: only the enrollment's event is in the outbox).
 */
import { createEmbeddedBackend } from '../../server/backend/embedded/index';
import { loadEnv } from '../../server/env';
import { createCourse, publishCourse } from '../../server/services/courses/courses';
import { createLesson } from '../../server/services/courses/lessons';
import { enroll } from '../../server/services/enrollments/membership';
import { outboxOnlyMailer } from '../../server/services/mail/mailer';
import type { AppServices } from '../../server/services/scope';
import { courseFields } from '../helpers/courses';
import { createTestUser, scopeFor } from '../helpers/services';

const dataDir = process.argv[2];
const publicUrl = process.argv[3];
if (!dataDir || !publicUrl) throw new Error('usage: enroll-then-die <dataDir> <publicUrl>');

const services: AppServices = {
  env: loadEnv({
    AURORA_DATA_DIR: dataDir,
    NODE_ENV: 'test',
    AURORA_DEMO: '0',
    AURORA_PUBLIC_URL: publicUrl,
  }),
  backend: createEmbeddedBackend({ dataDir }),
  startedAt: new Date(),
  now: () => new Date(),
  mailer: outboxOnlyMailer,
};

const instructor = await createTestUser(services, 'instructor', { name: 'Grace Hopper' });
const learner = await createTestUser(services, 'regular', { name: 'Ada Lovelace' });
const teaching = scopeFor(services, instructor);
const course = await createCourse(teaching, courseFields({ title: 'Compilers from Scratch' }));
const lesson = await createLesson(teaching, {
  courseId: course.id,
  title: 'Lexing',
  description: '',
  content: '<p>Tokens</p>',
  isPreview: false,
});
await publishCourse(teaching, course.id);
const enrollment = await enroll(scopeFor(services, learner), { courseId: course.id });

process.stdout.write(
  `${JSON.stringify({
    enrollmentId: enrollment.id,
    courseId: course.id,
    lessonId: lesson.id,
    learnerEmail: learner.email,
  })}\n`,
);
// Killed here, with the backend still open.
setInterval(() => undefined, 60_000);
