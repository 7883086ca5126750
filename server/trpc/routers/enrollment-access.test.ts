/**
 * Access requests for paid courses (decision 0020) through the real procedures on the
 * embedded backend: ask, see it pending, approve (enrolls) or decline, ask again later;
 * idempotent approvals, races with one winner, and refusals that write nothing.
 */
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCourse } from '../../../tests/helpers/courses';
import { analyticsOf, enrollmentRows, enrollmentWritesSoFar } from '../../../tests/helpers/enrollments';
import { outcome } from '../../../tests/helpers/identity';
import {
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import { ASK_AGAIN_AFTER_DAYS } from '../../services/enrollments/access-requests';
import { createCaller, type Caller } from '../root';
import { ACCESS_REQUESTS } from '../../services/tables';

const DAY = 24 * 60 * 60 * 1000;
let clock = new Date('2026-03-02T09:00:00.000Z');
let services: TestServices;
let owner: AuthUser;
let teacher: Caller;
let admin: Caller;
beforeAll(async () => {
  services = await createTestServices({ now: () => clock });
  owner = await createTestUser(services, 'instructor', { name: 'Maya Teacher' });
  teacher = createCaller(await contextFor(services, owner));
  admin = createCaller(await contextFor(services, await createTestUser(services, 'admin')));
});
afterAll(async () => {
  await services.cleanup();
});

async function learner(name?: string): Promise<{ user: AuthUser; caller: Caller }> {
  const user = await createTestUser(services, 'regular', name ? { name } : {});
  return { user, caller: createCaller(await contextFor(services, user)) };
}

const paidCourse = () => seedCourse(services, owner, { fields: { price: 49 } });

const requestRows = async (filters: string[] = []) =>
  (await services.backend.tables.list({ ...ACCESS_REQUESTS, queries: [...filters, Query.limit(1)] })).total;

/** Everything an access-request call could write: requests, enrollments, analytics, events. */
async function writesSoFar() {
  return { requests: await requestRows(), ...(await enrollmentWritesSoFar(services)) };
}

const message = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: Error) => error.message,
  );

describe('asking to join a paid course', () => {
  it('makes one pending request however often it is asked, which the instructor sees and approves', async () => {
    const course = await paidCourse();
    const { user, caller } = await learner('Ada Asker');
    expect(await caller.enrollment.myAccessRequest({ courseId: course.courseId })).toBeNull();

    const asked = await Promise.all(
      Array.from({ length: 5 }, () => caller.enrollment.requestAccess({ courseId: course.courseId })),
    );
    expect(new Set(asked.map((request) => request.id)).size).toBe(1);
    expect(asked[0]).toMatchObject({
      status: 'pending',
      createdAt: clock.toISOString(),
      decidedAt: null,
      mayAskAgain: false,
    });
    expect(await requestRows([Query.equal('userId', user.id)])).toBe(1);
    expect(await caller.enrollment.myAccessRequest({ courseId: course.courseId })).toMatchObject({
      status: 'pending',
    });
    // Still not in: the members-only lesson stays closed.
    expect(await outcome(caller.lesson.get({ lessonId: course.lessonId }))).toBe('FORBIDDEN');

    const page = await teacher.enrollment.accessRequests({ courseId: course.courseId });
    expect(page).toMatchObject({ total: 1, nextCursor: null });
    expect(page.items[0]).toMatchObject({
      user: { id: user.id, name: 'Ada Asker', email: user.email },
      status: 'pending',
    });

    clock = new Date(clock.getTime() + 60_000);
    const decided = await teacher.enrollment.decideAccess({
      requestId: asked[0]?.id ?? '',
      decision: 'approve',
    });
    expect(decided.request).toMatchObject({ status: 'approved', decidedAt: clock.toISOString() });
    expect(decided.enrollmentId).toBeTruthy();
    expect((await caller.enrollment.get({ courseId: course.courseId }))?.id).toBe(decided.enrollmentId);
    expect(await outcome(caller.lesson.get({ lessonId: course.lessonId }))).toBe('ok');
    expect(await analyticsOf(services, course.courseId)).toEqual({ totalEnrollments: 1, completionRate: 0 });
    expect((await teacher.enrollment.accessRequests({ courseId: course.courseId })).total).toBe(0);
    expect(
      (await teacher.enrollment.accessRequests({ courseId: course.courseId, status: 'approved' })).total,
    ).toBe(1);
    // Now in, asking again is pointless.
    expect(await message(caller.enrollment.requestAccess({ courseId: course.courseId }))).toBe(
      'You are already enrolled in this course.',
    );
  });

  it('approving twice enrolls once and writes nothing the second time', async () => {
    const course = await paidCourse();
    const { user, caller } = await learner();
    const request = await caller.enrollment.requestAccess({ courseId: course.courseId });
    const first = await teacher.enrollment.decideAccess({ requestId: request.id, decision: 'approve' });
    const before = await writesSoFar();
    const again = await admin.enrollment.decideAccess({ requestId: request.id, decision: 'approve' });
    expect(again.enrollmentId).toBe(first.enrollmentId);
    expect(again.request.decidedAt).toBe(first.request.decidedAt);
    expect(await writesSoFar()).toEqual(before);
    expect(await enrollmentRows(services, [Query.equal('userId', user.id)])).toBe(1);
  });

  it('racing approvals (owner and admin, many tabs) enroll the learner exactly once', async () => {
    const course = await paidCourse();
    const { user, caller } = await learner();
    const request = await caller.enrollment.requestAccess({ courseId: course.courseId });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        (index % 2 ? admin : teacher).enrollment.decideAccess({ requestId: request.id, decision: 'approve' }),
      ),
    );
    expect(new Set(results.map((result) => result.enrollmentId)).size).toBe(1);
    expect(await enrollmentRows(services, [Query.equal('userId', user.id)])).toBe(1);
    expect(await analyticsOf(services, course.courseId)).toEqual({ totalEnrollments: 1, completionRate: 0 });
    expect(await caller.enrollment.myAccessRequest({ courseId: course.courseId })).toMatchObject({
      status: 'approved',
    });
  });

  it('an approval racing a decline ends consistent: approved and enrolled, or declined and not', async () => {
    const course = await paidCourse();
    const { user, caller } = await learner();
    const request = await caller.enrollment.requestAccess({ courseId: course.courseId });
    await Promise.allSettled([
      teacher.enrollment.decideAccess({ requestId: request.id, decision: 'decline' }),
      admin.enrollment.decideAccess({ requestId: request.id, decision: 'approve' }),
      teacher.enrollment.decideAccess({ requestId: request.id, decision: 'decline' }),
    ]);
    const mine = await caller.enrollment.myAccessRequest({ courseId: course.courseId });
    const enrolled = await enrollmentRows(services, [
      Query.equal('userId', user.id),
      Query.equal('courseId', course.courseId),
    ]);
    expect(enrolled).toBe(mine?.status === 'approved' ? 1 : 0);
  });

  it('after a decline shows it, refuses asking again for a week, then reopens the same request', async () => {
    const course = await paidCourse();
    const { user } = await learner();
    const caller = createCaller(await contextFor(services, user));
    const request = await caller.enrollment.requestAccess({ courseId: course.courseId });
    const decided = await teacher.enrollment.decideAccess({ requestId: request.id, decision: 'decline' });
    expect(decided).toMatchObject({ request: { status: 'declined' }, enrollmentId: null });
    // Declining again changes nothing; approving an approval's opposite is refused.
    const before = await writesSoFar();
    await teacher.enrollment.decideAccess({ requestId: request.id, decision: 'decline' });
    expect(await writesSoFar()).toEqual(before);

    const declined = await caller.enrollment.myAccessRequest({ courseId: course.courseId });
    const askAgainFrom = new Date(clock.getTime() + ASK_AGAIN_AFTER_DAYS * DAY).toISOString();
    expect(declined).toMatchObject({ status: 'declined', askAgainFrom, mayAskAgain: false });
    expect(await message(caller.enrollment.requestAccess({ courseId: course.courseId }))).toBe(
      `Your request was declined. You can ask again from ${askAgainFrom.slice(0, 10)}.`,
    );
    expect(await writesSoFar()).toEqual(before);

    clock = new Date(clock.getTime() + (ASK_AGAIN_AFTER_DAYS + 1) * DAY);
    const later = createCaller(await contextFor(services, user));
    expect(await later.enrollment.myAccessRequest({ courseId: course.courseId })).toMatchObject({
      mayAskAgain: true,
    });
    const reopened = await later.enrollment.requestAccess({ courseId: course.courseId });
    expect(reopened).toMatchObject({ id: request.id, status: 'pending', createdAt: clock.toISOString() });
    expect(await requestRows([Query.equal('userId', user.id)])).toBe(1);

    // An approval may follow a decline, but a decline never undoes an approval.
    await teacher.enrollment.decideAccess({ requestId: request.id, decision: 'approve' });
    expect(
      await outcome(teacher.enrollment.decideAccess({ requestId: request.id, decision: 'decline' })),
    ).toBe('CONFLICT');
    expect(await later.enrollment.get({ courseId: course.courseId })).not.toBeNull();
  });
});

describe('bad input', () => {
  it('is refused with a clear message and changes nothing', async () => {
    const paid = await paidCourse();
    const free = await seedCourse(services, owner);
    const draft = await seedCourse(services, owner, { published: false, fields: { price: 49 } });
    const { user, caller } = await learner();
    const pending = await caller.enrollment.requestAccess({ courseId: paid.courseId });
    const unpublishedLater = await paidCourse();
    const other = await learner();
    const late = await other.caller.enrollment.requestAccess({ courseId: unpublishedLater.courseId });
    await teacher.course.unpublish({ courseId: unpublishedLater.courseId });
    const stranger = createCaller(await contextFor(services, await createTestUser(services, 'instructor')));
    const enrolledIn = await seedCourse(services, owner, { fields: { price: 49 } });
    await admin.enrollment.enroll({ courseId: enrolledIn.courseId, userId: user.id });

    const before = await writesSoFar();
    const refusals: [Promise<unknown>, string][] = [
      [caller.enrollment.requestAccess({ courseId: free.courseId }), 'BAD_REQUEST'],
      [caller.enrollment.requestAccess({ courseId: draft.courseId }), 'NOT_FOUND'],
      [caller.enrollment.requestAccess({ courseId: 'no-such-course' }), 'NOT_FOUND'],
      [caller.enrollment.requestAccess({ courseId: '../../etc' }), 'BAD_REQUEST'],
      [caller.enrollment.requestAccess({ courseId: enrolledIn.courseId }), 'BAD_REQUEST'],
      [teacher.enrollment.requestAccess({ courseId: paid.courseId }), 'BAD_REQUEST'],
      [admin.enrollment.requestAccess({ courseId: paid.courseId }), 'BAD_REQUEST'],
      [teacher.enrollment.decideAccess({ requestId: 'no-such-request', decision: 'approve' }), 'NOT_FOUND'],
      [
        teacher.enrollment.decideAccess({
          requestId: pending.id,
          decision: 'maybe' as unknown as 'approve',
        }),
        'BAD_REQUEST',
      ],
      [stranger.enrollment.decideAccess({ requestId: pending.id, decision: 'approve' }), 'FORBIDDEN'],
      [caller.enrollment.decideAccess({ requestId: pending.id, decision: 'approve' }), 'FORBIDDEN'],
      [teacher.enrollment.decideAccess({ requestId: late.id, decision: 'approve' }), 'BAD_REQUEST'],
      [stranger.enrollment.accessRequests({ courseId: paid.courseId }), 'FORBIDDEN'],
      [teacher.enrollment.accessRequests({ courseId: paid.courseId, cursor: 'gone' }), 'BAD_REQUEST'],
      [
        teacher.enrollment.accessRequests({
          courseId: paid.courseId,
          status: 'everything' as unknown as 'pending',
        }),
        'BAD_REQUEST',
      ],
    ];
    for (const [call, expected] of refusals) expect(await outcome(call)).toBe(expected);
    expect(await writesSoFar()).toEqual(before);
    expect(await message(teacher.enrollment.requestAccess({ courseId: paid.courseId }))).toBe(
      'You teach this course: every lesson is already open to you.',
    );
    expect(await message(caller.enrollment.requestAccess({ courseId: free.courseId }))).toBe(
      'This course is free: enroll instead of asking.',
    );
  });
});

describe('the instructor’s list', () => {
  it('pages oldest first, counts, and leaves out people whose account was deleted', async () => {
    const course = await paidCourse();
    const people = [];
    for (const name of ['First', 'Second', 'Third', 'Gone']) {
      const person = await learner(`${name} Learner`);
      clock = new Date(clock.getTime() + 1000);
      await person.caller.enrollment.requestAccess({ courseId: course.courseId });
      people.push(person);
    }
    await admin.users.delete({ userId: people[3]?.user.id ?? '' });

    const first = await teacher.enrollment.accessRequests({ courseId: course.courseId, limit: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((row) => row.user.name)).toEqual(['First Learner', 'Second Learner']);
    expect(first.nextCursor).toBe(first.items[1]?.id);
    const second = await teacher.enrollment.accessRequests({
      courseId: course.courseId,
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items.map((row) => row.user.name)).toEqual(['Third Learner']);
    expect(second.nextCursor).toBeNull();
  });
});
