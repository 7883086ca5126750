/**
 * Review before publishing (issue 15, decision 0040) through the real router on an
 * embedded backend: every transition, and every refusal changing nothing. The author is
 * a Content Creator (a learner by base role), the reviewer a Moderator, as on the issue.
 */
import { Query } from 'node-appwrite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCourse, type SeededCourse } from '../../../tests/helpers/courses';
import { outcome } from '../../../tests/helpers/identity';
import { createOwner, giveOrgRole } from '../../../tests/helpers/org-roles';
import {
  contextFor,
  createTestServices,
  createTestUser,
  type TestServices,
} from '../../../tests/helpers/services';
import type { AuthUser } from '../../backend/port';
import { REVIEW_FIRST } from '../../services/courses/review-rule';
import { COURSES, SECURITY_LOGS } from '../../services/tables';
import { createCaller } from '../root';

let services: TestServices;
/** How far the tests have moved the clock on. */
let laterMs = 0;
let owner: AuthUser;
let author: AuthUser;
let moderator: AuthUser;
let outsider: AuthUser;
let admin: AuthUser;

const as = async (user: AuthUser) => createCaller(await contextFor(services, user));

async function setReview(on: boolean) {
  await (await as(owner)).settings.update({ reviewBeforePublishing: on });
}

/** A draft of the author's, with lessons. */
const draftOf = (user: AuthUser = author): Promise<SeededCourse> =>
  seedCourse(services, user, { published: false });

async function courseRow(courseId: string) {
  return services.backend.tables.get({ ...COURSES, rowId: courseId });
}

async function securityActions(courseId: string): Promise<string[]> {
  const { rows } = await services.backend.tables.list({
    ...SECURITY_LOGS,
    queries: [Query.startsWith('action', 'course_review'), Query.orderAsc('timestamp'), Query.limit(100)],
  });
  return rows.filter((row) => String(row.reason).includes(courseId)).map((row) => String(row.action));
}

/** Everything a refused call could have written: the course row, audit rows and events. */
async function snapshot(courseId: string | null) {
  return {
    course: courseId ? await courseRow(courseId) : null,
    securityLogs: (await services.backend.tables.list({ ...SECURITY_LOGS, queries: [Query.limit(1)] })).total,
    events: (await services.backend.outbox.pending()).waiting,
  };
}

async function expectRefusedUnchanged(courseId: string | null, call: () => Promise<unknown>, code: string) {
  const before = await snapshot(courseId);
  expect(await outcome(call())).toBe(code);
  expect(await snapshot(courseId)).toEqual(before);
}

beforeAll(async () => {
  services = await createTestServices({ now: () => new Date(Date.now() + laterMs) });
  owner = await createOwner(services);
  admin = await createTestUser(services, 'admin');
  author = await giveOrgRole(
    services,
    await createTestUser(services, 'regular', { name: 'Cora Creator' }),
    'content_creator',
  );
  moderator = await giveOrgRole(
    services,
    await createTestUser(services, 'regular', { name: 'Mo Moderator' }),
    'moderator',
  );
  outsider = await createTestUser(services, 'instructor');
});
afterAll(async () => {
  await services.cleanup();
});

describe('with review off (the default)', () => {
  it('lets the author publish directly, and the editor offers Publish', async () => {
    await setReview(false);
    const { courseId } = await draftOf();
    const authorCalls = await as(author);
    expect(await authorCalls.course.reviewState({ courseId })).toMatchObject({
      status: null,
      required: false,
      mayPublishDirectly: true,
    });
    await authorCalls.course.publish({ courseId });
    expect((await courseRow(courseId)).isPublished).toBe(true);
  });
});

describe('with review on for the platform', () => {
  beforeAll(async () => {
    await setReview(true);
  });
  afterAll(async () => {
    await setReview(false);
  });

  it('goes draft → in review → changes requested → in review → approved and published, each step seen by both', async () => {
    const { courseId, lessonId } = await draftOf();
    const authorCalls = await as(author);
    const moderatorCalls = await as(moderator);

    expect(await authorCalls.course.reviewState({ courseId })).toMatchObject({
      status: null,
      required: true,
      mayPublishDirectly: false,
    });
    // Publishing is refused with the way forward, and nothing changes.
    const before = await snapshot(courseId);
    await expect(authorCalls.course.publish({ courseId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: REVIEW_FIRST,
    });
    expect(await snapshot(courseId)).toEqual(before);
    // Not in review yet: the draft stays secret from the moderator.
    expect(await outcome(moderatorCalls.course.get({ courseId }))).toBe('NOT_FOUND');

    const submitted = await authorCalls.course.submitForReview({ courseId });
    expect(submitted).toMatchObject({ status: 'in_review' });
    expect(submitted.requestedAt).not.toBeNull();
    const queue = await moderatorCalls.course.reviewQueue();
    expect(queue.items.map((item) => item.id)).toContain(courseId);
    // The reviewer reads the draft and its members-only lessons, and changes nothing of it.
    expect((await moderatorCalls.course.get({ courseId })).canEdit).toBe(false);
    expect((await moderatorCalls.lesson.get({ lessonId })).contentHtml).toContain('Members only');
    expect(await outcome(moderatorCalls.course.update({ courseId, title: 'Mine now' }))).toBe('FORBIDDEN');
    expect(await outcome((await as(outsider)).course.get({ courseId }))).toBe('NOT_FOUND');

    laterMs += 10;
    const sentBack = await moderatorCalls.course.review({
      courseId,
      decision: 'changes',
      comment: '  Add a summary to the last lesson.  ',
    });
    expect(sentBack).toMatchObject({
      status: 'changes_requested',
      comment: 'Add a summary to the last lesson.',
    });
    expect(await authorCalls.course.reviewState({ courseId })).toMatchObject({
      status: 'changes_requested',
      comment: 'Add a summary to the last lesson.',
      reviewer: { id: moderator.id, name: 'Mo Moderator' },
    });
    expect((await moderatorCalls.course.reviewQueue()).items.map((item) => item.id)).not.toContain(courseId);
    expect(await outcome(moderatorCalls.course.get({ courseId }))).toBe('NOT_FOUND');

    await authorCalls.course.update({ courseId, description: 'Now with a summary at the end.' });
    laterMs += 10;
    expect(await authorCalls.course.submitForReview({ courseId })).toMatchObject({ status: 'in_review' });
    laterMs += 10;
    const approved = await moderatorCalls.course.review({ courseId, decision: 'approve', comment: '' });
    expect(approved).toMatchObject({ status: 'approved', reviewer: { id: moderator.id } });

    const row = await courseRow(courseId);
    expect(row).toMatchObject({ isPublished: true, reviewStatus: 'approved', reviewedBy: moderator.id });
    expect((await authorCalls.course.reviewState({ courseId })).status).toBe('approved');
    expect((await (await as(outsider)).course.get({ courseId })).isPublished).toBe(true);
    expect(await securityActions(courseId)).toEqual([
      'course_review_submitted',
      'course_review_changes_requested',
      'course_review_submitted',
      'course_review_approved',
    ]);
  });

  it('lists the queue longest-waiting first, with what was asked last time', async () => {
    const first = await draftOf();
    const second = await draftOf();
    const authorCalls = await as(author);
    await authorCalls.course.submitForReview({ courseId: first.courseId });
    laterMs += 1000;
    await authorCalls.course.submitForReview({ courseId: second.courseId });
    const ids = (await (await as(moderator)).course.reviewQueue()).items.map((item) => item.id);
    expect(ids.indexOf(first.courseId)).toBeLessThan(ids.indexOf(second.courseId));
    expect(ids.indexOf(first.courseId)).toBeGreaterThanOrEqual(0);
  });

  it('lets approvers and admins publish directly, which ends the review', async () => {
    const { courseId } = await draftOf();
    await (await as(author)).course.submitForReview({ courseId });
    const adminCalls = await as(admin);
    expect((await adminCalls.course.reviewState({ courseId })).mayPublishDirectly).toBe(true);
    await adminCalls.course.publish({ courseId });
    expect(await courseRow(courseId)).toMatchObject({ isPublished: true, reviewStatus: null });
  });

  it('reviews a course again once it is unpublished', async () => {
    const { courseId } = await draftOf();
    const authorCalls = await as(author);
    await authorCalls.course.submitForReview({ courseId });
    await (await as(moderator)).course.review({ courseId, decision: 'approve', comment: 'Good.' });
    await authorCalls.course.unpublish({ courseId });
    expect(await courseRow(courseId)).toMatchObject({ isPublished: false, reviewStatus: null });
    expect(await outcome(authorCalls.course.publish({ courseId }))).toBe('BAD_REQUEST');
  });

  it('refuses bad input and out-of-turn steps with a clear error, changing nothing', async () => {
    const authorCalls = await as(author);
    const moderatorCalls = await as(moderator);
    const unknown = 'no-such-course';
    await expectRefusedUnchanged(
      null,
      () => authorCalls.course.submitForReview({ courseId: unknown }),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(
      null,
      () => moderatorCalls.course.review({ courseId: unknown, decision: 'approve', comment: '' }),
      'NOT_FOUND',
    );

    const { courseId } = await draftOf();
    // A reviewer may not see a draft nobody submitted; an admin sees it, and is told why not.
    await expectRefusedUnchanged(
      courseId,
      () => moderatorCalls.course.review({ courseId, decision: 'approve', comment: '' }),
      'NOT_FOUND',
    );
    await expect(
      (await as(admin)).course.review({ courseId, decision: 'changes', comment: 'Why?' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/not waiting for review/) });

    await authorCalls.course.submitForReview({ courseId });
    await expectRefusedUnchanged(
      courseId,
      () => authorCalls.course.submitForReview({ courseId }),
      'CONFLICT',
    );
    // Changes need a comment: the author must know what to change.
    await expectRefusedUnchanged(
      courseId,
      () => moderatorCalls.course.review({ courseId, decision: 'changes', comment: '   ' }),
      'BAD_REQUEST',
    );
    await expectRefusedUnchanged(
      courseId,
      () => moderatorCalls.course.review({ courseId, decision: 'changes', comment: 'x'.repeat(1001) }),
      'BAD_REQUEST',
    );
    // Authors do not review, not even their own course.
    await expectRefusedUnchanged(
      courseId,
      () => authorCalls.course.review({ courseId, decision: 'approve', comment: '' }),
      'FORBIDDEN',
    );

    const published = await seedCourse(services, author, { published: false });
    await authorCalls.course.submitForReview({ courseId: published.courseId });
    await moderatorCalls.course.review({ courseId: published.courseId, decision: 'approve', comment: '' });
    await expectRefusedUnchanged(
      published.courseId,
      () => authorCalls.course.submitForReview({ courseId: published.courseId }),
      'BAD_REQUEST',
    );
    await expectRefusedUnchanged(
      published.courseId,
      () =>
        moderatorCalls.course.review({ courseId: published.courseId, decision: 'changes', comment: 'Late' }),
      'CONFLICT',
    );
  });

  it('keeps a moderator who wrote the course from reviewing it', async () => {
    const writer = await giveOrgRole(services, await createTestUser(services, 'instructor'), 'moderator');
    const { courseId } = await draftOf(writer);
    const calls = await as(writer);
    await calls.course.submitForReview({ courseId });
    await expectRefusedUnchanged(
      courseId,
      () => calls.course.review({ courseId, decision: 'changes', comment: 'Hmm' }),
      'FORBIDDEN',
    );
  });
});

describe('with review on for a team', () => {
  it("holds the team's courses to review, and no other course; content.review alone sends back but does not approve", async () => {
    await setReview(false);
    const teamCalls = await as(admin);
    const reviewed = await teamCalls.team.create({
      name: 'Content Moderation Team',
      permissions: ['content.review'],
      requiresReview: true,
    });
    expect(reviewed.requiresReview).toBe(true);
    const reviewer = await createTestUser(services, 'regular', { name: 'Rae Reviewer' });
    await services.backend.teams.addMember({ teamId: reviewed.id, userId: author.id, role: 'member' });
    await services.backend.teams.addMember({ teamId: reviewed.id, userId: reviewer.id, role: 'member' });
    const { courseId } = await draftOf();
    const other = await draftOf();
    const authorCalls = await as(author);
    await authorCalls.course.setTeam({ courseId, teamId: reviewed.id });

    expect((await authorCalls.course.reviewState({ courseId })).required).toBe(true);
    expect((await authorCalls.course.reviewState({ courseId: other.courseId })).required).toBe(false);
    expect(await outcome(authorCalls.course.publish({ courseId }))).toBe('BAD_REQUEST');

    await authorCalls.course.submitForReview({ courseId });
    const reviewerCalls = await as(reviewer);
    // The team's reviewer reads it; the queue is for content.review across the organization.
    expect((await reviewerCalls.course.get({ courseId })).id).toBe(courseId);
    await expectRefusedUnchanged(
      courseId,
      () => reviewerCalls.course.review({ courseId, decision: 'approve', comment: '' }),
      'FORBIDDEN',
    );
    await reviewerCalls.course.review({ courseId, decision: 'changes', comment: 'Cite your sources.' });
    expect((await courseRow(courseId)).reviewStatus).toBe('changes_requested');

    await teamCalls.team.update({ teamId: reviewed.id, requiresReview: false });
    expect((await authorCalls.course.reviewState({ courseId })).required).toBe(false);
    await authorCalls.course.publish({ courseId });
    expect(await courseRow(courseId)).toMatchObject({ isPublished: true, reviewStatus: null });
  });
});

describe('platform settings', () => {
  it('are read and changed by the Owner, each change in the security log', async () => {
    const ownerCalls = await as(owner);
    await setReview(false);
    const logged = async () =>
      (
        await services.backend.tables.list({
          ...SECURITY_LOGS,
          queries: [Query.equal('action', 'settings_changed'), Query.limit(1)],
        })
      ).total;
    const before = await logged();
    const changed = await ownerCalls.settings.update({ reviewBeforePublishing: true });
    expect(changed).toMatchObject({ reviewBeforePublishing: true, updatedBy: owner.id });
    expect(await ownerCalls.settings.get()).toMatchObject({ reviewBeforePublishing: true });
    // Saying the same again changes nothing worth a row.
    await ownerCalls.settings.update({ reviewBeforePublishing: true });
    expect(await logged()).toBe(before + 1);
    await setReview(false);
  });

  it('refuse an admin who is not the Owner, and bad input, changing nothing', async () => {
    await expectRefusedUnchanged(
      null,
      async () => (await as(admin)).settings.update({ reviewBeforePublishing: true }),
      'FORBIDDEN',
    );
    const notBoolean: unknown = 'yes';
    await expectRefusedUnchanged(
      null,
      async () => (await as(owner)).settings.update({ reviewBeforePublishing: notBoolean as boolean }),
      'BAD_REQUEST',
    );
    expect((await (await as(owner)).settings.get()).reviewBeforePublishing).toBe(false);
  });
});
