/**
 * The welcome mail of one enrollment: course title, instructor, a link to the first
 * lesson (by order) and to the course. Queued in the mail outbox under the key
 * `welcome:<enrollmentId>`, so however often this runs for an enrollment, one mail
 * exists (the key is unique) and the mail-delivery job sends it once.
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../backend/port';
import type { Env } from '../env';
import { findCourse } from '../services/courses/records';
import { findProfile } from '../services/identity/profiles';
import { queueMail } from '../services/mail/queue';
import { welcomeMail } from '../services/mail/templates/welcome';
import type { EnrollmentRecord } from '../services/enrollments/records';
import { LESSONS } from '../services/tables';

export const welcomeMailKey = (enrollmentId: string) => `welcome:${enrollmentId}`;

async function firstLessonId(backend: Backend, courseId: string): Promise<string | null> {
  const { rows } = await backend.tables.list({
    ...LESSONS,
    queries: [
      Query.equal('courseId', courseId),
      Query.orderAsc('order'),
      Query.select(['$id']),
      Query.limit(1),
    ],
  });
  return rows[0]?.$id ?? null;
}

export type WelcomeOutcome = 'queued' | 'skipped';

/** Queues the mail; skipped (nothing written) when the learner or the course is gone. */
export async function queueWelcomeMail(
  backend: Backend,
  env: Env,
  enrollment: Pick<EnrollmentRecord, '$id' | 'userId' | 'courseId'>,
  now: Date,
): Promise<WelcomeOutcome> {
  const [learner, course, lessonId] = await Promise.all([
    findProfile(backend, enrollment.userId),
    findCourse(backend, enrollment.courseId),
    firstLessonId(backend, enrollment.courseId),
  ]);
  if (!learner || !course) return 'skipped';
  const instructor = await findProfile(backend, course.instructor);
  const site = { publicUrl: env.publicUrl };
  const courseUrl = new URL(`/courses/${course.$id}`, env.publicUrl.origin).href;
  const rendered = welcomeMail(
    {
      learnerName: learner.name,
      courseTitle: course.title,
      instructorName: instructor?.name ?? 'the course team',
      firstLessonUrl: lessonId
        ? new URL(`/courses/${course.$id}/lessons/${lessonId}`, env.publicUrl.origin).href
        : null,
      courseUrl,
    },
    site,
  );
  await queueMail(
    backend,
    {
      key: welcomeMailKey(enrollment.$id),
      to: learner.email,
      userId: learner.$id,
      kind: 'welcome',
      rendered,
    },
    now,
  );
  return 'queued';
}
