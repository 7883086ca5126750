/**
 * The enrollment jobs on the real embedded backend, with mail going to a real SMTP
 * server started here: one welcome mail per enrollment however often its event is
 * delivered, and course_analytics right after enrolling, completing and unenrolling,
 * with events duplicated, reordered or missed (the catch-up).
 */
import { Query } from 'node-appwrite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedCourse } from '../../tests/helpers/courses';
import {
  createTestServices,
  createTestUser,
  scopeFor,
  type TestServices,
} from '../../tests/helpers/services';
import { startSmtpServer, type TestSmtpServer } from '../../tests/helpers/smtp';
import type { AuthUser } from '../backend/port';
import { completeLesson } from '../services/enrollments/learning';
import { enroll, unenroll } from '../services/enrollments/membership';
import type { Mailer } from '../services/mail/mailer';
import { createSmtpMailer } from '../services/mail/smtp-mailer';
import { catchUpEnrollments, enrollmentCatchUpJob } from './enrollment-catch-up';
import { enrollmentChangedJob } from './enrollment-changed';
import { enrollmentCreatedJob } from './enrollment-created';
import type { JobContext } from './job';
import { mailCatchUpJob, mailDeliveryJob } from './mail-delivery';
import { createJobRunner } from './runner';
import { testJobContext } from './testing';
import { ANALYTICS_RECEIPTS, COURSE_ANALYTICS, ENROLLMENTS, MAIL_MESSAGES } from '../services/tables';

let smtp: TestSmtpServer;
let services: TestServices;
let mailer: Mailer;
let context: JobContext;
let instructor: AuthUser;
let course: Awaited<ReturnType<typeof seedCourse>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  services = await createTestServices({ env: { AURORA_PUBLIC_URL: 'https://learn.example.org' } });
  mailer = createSmtpMailer({ url: smtp.url, from: services.env.mailFrom });
  context = testJobContext(services, { mailer });
  smtp.received.length = 0;
  instructor = await createTestUser(services, 'instructor', { name: 'Grace Hopper' });
  course = await seedCourse(services, instructor, { fields: { title: 'Compilers for Everyone' } });
});
afterEach(async () => {
  await mailer.close();
  await services.cleanup();
});

const jobs = [
  enrollmentCreatedJob,
  enrollmentChangedJob,
  enrollmentCatchUpJob,
  mailDeliveryJob,
  mailCatchUpJob,
];
const drain = () =>
  createJobRunner({ jobs, context, outbox: services.backend.outbox, schedules: false }).drain();

async function analytics() {
  const row = await services.backend.tables
    .get({ ...COURSE_ANALYTICS, rowId: course.courseId })
    .catch(() => null);
  if (!row) return null;
  return {
    total: row.totalEnrollments,
    completed: row.completedEnrollments,
    rate: row.completionRate,
  };
}

const mailRows = async (kind = 'welcome') =>
  (
    await services.backend.tables.list({
      ...MAIL_MESSAGES,
      queries: [Query.equal('kind', kind), Query.limit(100)],
    })
  ).rows;

async function learner(name?: string) {
  const user = await createTestUser(services, 'regular', name ? { name } : {});
  const enrollment = await enroll(scopeFor(services, user), { courseId: course.courseId });
  return { user, enrollment };
}

async function enrollmentRow(enrollmentId: string) {
  return services.backend.tables.get({ ...ENROLLMENTS, rowId: enrollmentId });
}

describe('enrollment-created', () => {
  it('sends exactly one welcome mail to the learner through SMTP, with the course, the instructor and the first lesson', async () => {
    const { user } = await learner('Ada Lovelace');
    expect(await analytics()).toBeNull(); // nothing counted inline: the event does it
    await drain();
    const [mail] = await smtp.waitFor(1);
    await drain();
    expect(smtp.received).toHaveLength(1);
    expect(mail?.envelopeTo).toEqual([user.email]);
    expect(mail?.parsed.subject).toBe('Welcome to Compilers for Everyone');
    const text = mail?.parsed.text ?? '';
    expect(text).toContain('Hi Ada Lovelace,');
    expect(text).toContain('taught by Grace Hopper');
    // The preview lesson comes first by order.
    expect(text).toContain(
      `https://learn.example.org/courses/${course.courseId}/lessons/${course.previewLessonId}`,
    );
    expect(mail?.parsed.html).toContain(`/courses/${course.courseId}/lessons/${course.previewLessonId}`);
    expect(await analytics()).toEqual({ total: 1, completed: 0, rate: 0 });
  });

  it('delivered twice, still sends one mail and counts one enrollment', async () => {
    const { enrollment } = await learner();
    const event = await enrollmentRow(enrollment.id);
    await drain();
    await smtp.waitFor(1);
    const run = {
      trigger: 'event',
      event: `databases.aurora_main.tables.enrollments.rows.${enrollment.id}.create`,
    } as const;
    await enrollmentCreatedJob.handle(enrollmentCreatedJob.payload.parse(event), context, run);
    await enrollmentCreatedJob.handle(enrollmentCreatedJob.payload.parse(event), context, run);
    expect((await services.backend.outbox.pending()).waiting).toBe(0); // the repeats wrote nothing
    await drain();
    expect(await mailRows()).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
    expect(await analytics()).toEqual({ total: 1, completed: 0, rate: 0 });
  });

  it('welcomes nobody who left before the event arrived, and counts them nowhere', async () => {
    const { user, enrollment } = await learner();
    const created = await enrollmentRow(enrollment.id);
    await unenroll(scopeFor(services, user), course.courseId);
    // Delete delivered before the create (a retry reorders them).
    await enrollmentChangedJob.handle({ $id: enrollment.id, courseId: course.courseId }, context, {
      trigger: 'event',
      event: 'delete',
    });
    await enrollmentCreatedJob.handle(enrollmentCreatedJob.payload.parse(created), context, {
      trigger: 'event',
      event: 'create',
    });
    await drain();
    expect(await mailRows()).toHaveLength(0);
    expect((await analytics())?.total ?? 0).toBe(0);
  });
});

describe('course analytics from events', () => {
  it('follows enrolling, completing and unenrolling, and ignores repeated events', async () => {
    const a = await learner();
    const b = await learner();
    const c = await learner();
    await drain();
    expect(await analytics()).toEqual({ total: 3, completed: 0, rate: 0 });

    for (const lessonId of [course.previewLessonId, course.lessonId]) {
      await completeLesson(scopeFor(services, a.user), lessonId);
    }
    await drain();
    expect(await analytics()).toEqual({ total: 3, completed: 1, rate: 33.33 });

    // The completion's update event, delivered again: nothing moves.
    const completedRow = await enrollmentRow(a.enrollment.id);
    await enrollmentChangedJob.handle(enrollmentChangedJob.payload.parse(completedRow), context, {
      trigger: 'event',
      event: 'update',
    });
    expect(await analytics()).toEqual({ total: 3, completed: 1, rate: 33.33 });

    await unenroll(scopeFor(services, b.user), course.courseId);
    await drain();
    expect(await analytics()).toEqual({ total: 2, completed: 1, rate: 50 });
    // The delete, twice more: still one removal.
    for (let i = 0; i < 2; i += 1) {
      await enrollmentChangedJob.handle({ $id: b.enrollment.id, courseId: course.courseId }, context, {
        trigger: 'event',
        event: 'delete',
      });
    }
    expect(await analytics()).toEqual({ total: 2, completed: 1, rate: 50 });

    await unenroll(scopeFor(services, a.user), course.courseId);
    await drain();
    expect(await analytics()).toEqual({ total: 1, completed: 0, rate: 0 });
    expect(c.enrollment.courseId).toBe(course.courseId);
  });

  it('a repeated event writes nothing at all', async () => {
    const { enrollment } = await learner();
    await drain();
    const before = await services.backend.tables.get({ ...COURSE_ANALYTICS, rowId: course.courseId });
    const receipt = await services.backend.tables.get({ ...ANALYTICS_RECEIPTS, rowId: enrollment.id });
    await enrollmentChangedJob.handle({ $id: enrollment.id, courseId: course.courseId }, context, {
      trigger: 'event',
      event: 'update',
    });
    expect((await services.backend.outbox.pending()).waiting).toBe(0);
    expect(await services.backend.tables.get({ ...COURSE_ANALYTICS, rowId: course.courseId })).toEqual(
      before,
    );
    expect(await services.backend.tables.get({ ...ANALYTICS_RECEIPTS, rowId: enrollment.id })).toEqual(
      receipt,
    );
  });
});

describe('enrollment-catch-up', () => {
  it('welcomes and counts enrollments whose events were lost, once', async () => {
    await learner();
    await learner();
    // The events are lost: claimed and completed without any job seeing them.
    for (const entry of await services.backend.outbox.claim({ limit: 100, leaseMs: 60_000 })) {
      await services.backend.outbox.complete(entry.id);
    }
    expect(await analytics()).toBeNull();

    expect(await catchUpEnrollments(context)).toEqual({ examined: 2, reconciled: 2, welcomed: 2 });
    expect(await analytics()).toEqual({ total: 2, completed: 0, rate: 0 });
    await drain();
    await smtp.waitFor(2);

    expect(await catchUpEnrollments(context)).toEqual({ examined: 2, reconciled: 0, welcomed: 0 });
    await drain();
    expect(smtp.received).toHaveLength(2);
    expect(await mailRows()).toHaveLength(2);
  });
});
