/**
 * Queries write nothing (issue 12): `course.get` and `lesson.get` change no row, whoever
 * calls them; the learner-facing course page records one course view per page view and
 * the lesson page notes the lesson opened, while the editor and the CSV export, which
 * read the same course, record nothing. Loaders run against the real router and backend.
 */
import type { AppLoadContext } from '@remix-run/node';
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as coursePage } from '../../app/routes/courses.$courseId._index';
import { loader as lessonPage } from '../../app/routes/courses.$courseId.lessons.$lessonId';
import { loader as courseEditor } from '../../app/routes/teach.courses.$courseId._index/route';
import { loader as studentsCsv } from '../../app/routes/teach.courses.$courseId.students[.]csv';
import type { AuthUser } from '../../server/backend/port';
import { pageViewsOf } from '../../server/http/load-context';
import { USER_ACTIVITY } from '../../server/services/tables';
import type { Context } from '../../server/trpc/context';
import { createCaller } from '../../server/trpc/root';
import { courseWritesSoFar, seedCourse, type SeededCourse } from '../helpers/courses';
import {
  contextAs,
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../helpers/services';

let services: TestServices;
let owner: AuthUser;
let learner: AuthUser;
let course: SeededCourse;

beforeAll(async () => {
  services = await createTestServices();
  owner = await createTestUser(services, 'instructor');
  learner = await createTestUser(services, 'regular');
  course = await seedCourse(services, owner);
  await createCaller(await contextFor(services, learner)).enrollment.enroll({ courseId: course.courseId });
});
afterAll(async () => {
  await services.cleanup();
});

/** What Remix hands a loader for a request made with `ctx` (server/http/load-context.ts). */
function loadContext(ctx: Context): AppLoadContext {
  return {
    trpc: createCaller(ctx),
    cspNonce: 'test',
    responseHeaders: ctx.responseHeaders,
    pageViews: pageViewsOf(ctx),
    signedIn: ctx.user !== null,
  };
}

function page(path: string, ctx: Context, params: Record<string, string>) {
  return {
    request: new Request(`${services.env.publicUrl.origin}${path}`),
    params,
    context: loadContext(ctx),
  };
}

const courseViews = async (userId: string) =>
  (
    await services.backend.tables.list({
      ...USER_ACTIVITY,
      queries: [
        Query.equal('userId', userId),
        Query.equal('action', 'course_view'),
        Query.equal('resourceId', course.courseId),
        Query.limit(100),
      ],
    })
  ).total;

/** Every row the learner's enrollment holds, to see that nothing touched it. */
const learnerEnrollment = async () =>
  createCaller(await contextFor(services, learner)).enrollment.get({ courseId: course.courseId });

describe('course.get and lesson.get', () => {
  it('change no row, for the enrolled learner, the owner, an admin or a visitor', async () => {
    const callers = [
      createCaller(await contextFor(services, learner)),
      createCaller(await contextFor(services, owner)),
      createCaller(await contextAs(services, 'admin')),
      createCaller(await contextAs(services, 'anonymous')),
    ];
    const enrollmentBefore = await learnerEnrollment();
    const before = await courseWritesSoFar(services);
    for (const caller of callers) {
      await caller.course.get({ courseId: course.courseId });
      await caller.lesson.get({ lessonId: course.previewLessonId });
    }
    for (const caller of callers.slice(0, 3)) await caller.lesson.get({ lessonId: course.lessonId });
    expect(await courseWritesSoFar(services)).toEqual(before);
    expect(await learnerEnrollment()).toEqual(enrollmentBefore);
  });
});

describe('the learner-facing pages', () => {
  it('record exactly one course view per view of the course page', async () => {
    const ctx = await contextFor(services, learner);
    const before = await courseViews(learner.id);
    await coursePage(page(`/courses/${course.courseId}`, ctx, { courseId: course.courseId }));
    expect(await courseViews(learner.id)).toBe(before + 1);
    await coursePage(page(`/courses/${course.courseId}`, ctx, { courseId: course.courseId }));
    expect(await courseViews(learner.id)).toBe(before + 2);
  });

  it('count no visitor: the course page shown to one writes nothing', async () => {
    const before = await courseWritesSoFar(services);
    const answer = await coursePage(
      page(`/courses/${course.courseId}`, await contextAs(services, 'anonymous'), {
        courseId: course.courseId,
      }),
    );
    expect(answer).toMatchObject({ signedIn: false });
    expect(await courseWritesSoFar(services)).toEqual(before);
  });

  it('note the lesson opened on the lesson page, and record no course view there', async () => {
    const ctx = await contextFor(services, learner);
    const views = await courseViews(learner.id);
    const path = `/courses/${course.courseId}/lessons/${course.lessonId}`;
    await lessonPage(page(path, ctx, { courseId: course.courseId, lessonId: course.lessonId }));
    const enrollment = await learnerEnrollment();
    expect(enrollment?.lastLessonId).toBe(course.lessonId);
    expect(enrollment?.lastActivityAt).not.toBeNull();
    expect(await courseViews(learner.id)).toBe(views);
  });
});

describe('the editor and the CSV export', () => {
  it('read the course without recording a view', async () => {
    const ctx = await contextFor(services, owner);
    const before = await courseWritesSoFar(services);
    const params = { courseId: course.courseId };
    await courseEditor(page(`/teach/courses/${course.courseId}`, ctx, params));
    const csv = await studentsCsv(page(`/teach/courses/${course.courseId}/students.csv`, ctx, params));
    expect(csv.status).toBe(200);
    expect(await courseWritesSoFar(services)).toEqual(before);
    expect(await courseViews(owner.id)).toBe(0);
  });
});
