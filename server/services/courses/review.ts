/**
 * Review before publishing (issue 15, decision 0040): an author submits a draft, a
 * reviewer (`content.review`) sends it back with a comment or an approver
 * (`content.approve`) approves it, which publishes it. Where the course is lives on its
 * row (`reviewStatus` and the last decision's comment, reviewer and time), so the editor
 * and the queue read it with the course. Every step is a security-log row naming who
 * took it. Each input is checked before anything is written: a refusal changes nothing.
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import type { ReviewStatus } from '../../../shared/fields/limits';
import { writeSecurityLog } from '../audit/security-log';
import { ServiceError } from '../errors';
import { findProfile } from '../identity/profiles';
import { canSeeCourse, isOwnCourse, mayApproveCourse, mayReviewCourse } from '../policy';
import { requestOrJob, type SignedInScope } from '../scope';
import { COURSES } from '../tables';
import { requireEditableCourse } from './access';
import { catalogChanged } from './catalog-changes';
import { syncCourseTags } from './course-tags';
import { findCourse, NO_SUCH_COURSE, parseCourse, type CourseRecord } from './records';
import { reviewApplies } from './review-rule';
import { lessonCountOf, summarize, type CourseSummary } from './summaries';

/** Where a course is, for its author (the editor) and its reviewers (the queue). */
export interface ReviewState {
  status: ReviewStatus | null;
  /** When it was last submitted; null when it never was (or was since published or unpublished). */
  requestedAt: string | null;
  /** The last decision's comment ('' when none): what to change, when changes were requested. */
  comment: string;
  reviewedAt: string | null;
  reviewer: { id: string; name: string } | null;
}

/** The editor's view: the state, whether review applies, and which button the viewer gets. */
export interface CourseReviewState extends ReviewState {
  /** Publishing this course goes through review (the platform setting, or its team's). */
  required: boolean;
  /** The viewer may publish it at once: review does not apply, or they hold `content.approve`. */
  mayPublishDirectly: boolean;
}

export type QueuedCourse = CourseSummary & { review: ReviewState };

export interface ReviewQueuePage {
  items: QueuedCourse[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
}

export interface ReviewDecision {
  decision: 'approve' | 'changes';
  /** Required (non-empty) for `changes`: the schema (shared/fields/course.ts) checks it. */
  comment: string;
}

const NOT_REVIEWABLE_OWN = 'You wrote this course: another reviewer decides on it.';

/** `reviewerName`: the last reviewer's name when the caller read it (null: not shown). */
function stateOf(course: CourseRecord, reviewerName: string | null): ReviewState {
  return {
    status: course.reviewStatus,
    requestedAt: course.reviewRequestedAt,
    comment: course.reviewComment,
    reviewedAt: course.reviewedAt,
    reviewer:
      course.reviewedBy && reviewerName !== null ? { id: course.reviewedBy, name: reviewerName } : null,
  };
}

const named = (course: CourseRecord) => `course ${course.$id} ("${course.title.slice(0, 80)}")`;

/** The editor's panel: at most four reads (course, setting, team, reviewer), whatever the course. */
export async function courseReviewState(scope: SignedInScope, courseId: string): Promise<CourseReviewState> {
  const { backend, access } = scope;
  const course = await requireEditableCourse(backend, access, courseId);
  const [required, approves, reviewer] = await Promise.all([
    reviewApplies(backend, course),
    mayApproveCourse(access, course),
    course.reviewedBy ? findProfile(backend, course.reviewedBy) : null,
  ]);
  const mayPublishDirectly = approves || !required;
  const reviewerName = course.reviewedBy ? (reviewer?.name ?? 'A former reviewer') : null;
  return { ...stateOf(course, reviewerName), required, mayPublishDirectly };
}

/** Draft (or sent back) → in review. For those who may publish the course: its author, admins, a team with `courses.publish`. */
export async function submitForReview(scope: SignedInScope, courseId: string): Promise<ReviewState> {
  const { backend, access, actor } = scope;
  const now = scope.now();
  const course = await requireEditableCourse(backend, access, courseId, 'publish');
  if (course.isPublished)
    throw new ServiceError('bad_request', 'This course is already published: there is nothing to review.');
  if (course.reviewStatus === 'in_review')
    throw new ServiceError('conflict', 'This course is already waiting for review.');
  if ((await lessonCountOf(backend, course)) === 0)
    throw new ServiceError('bad_request', 'Add at least one lesson before submitting the course for review.');
  const row = await backend.tables.update({
    ...COURSES,
    rowId: courseId,
    data: { reviewStatus: 'in_review', reviewRequestedAt: now.toISOString(), updatedAt: now.toISOString() },
  });
  await writeSecurityLog(
    backend,
    {
      userId: actor.id,
      action: 'course_review_submitted',
      reason: `${named(course)} submitted for review`,
      request: requestOrJob(scope),
    },
    now,
  );
  return stateOf(parseCourse(row), null);
}

/**
 * A reviewer's decision on a course in review: `changes` (with a comment, for
 * `content.review`) sends it back to its author; `approve` (for `content.approve`)
 * publishes it. A draft not in review stays NOT_FOUND to a reviewer who may not edit it.
 */
export async function reviewCourse(
  scope: SignedInScope,
  input: { courseId: string } & ReviewDecision,
): Promise<ReviewState> {
  const { backend, access, actor } = scope;
  const now = scope.now();
  const course = await findCourse(backend, input.courseId);
  if (!course || !(await canSeeCourse(access, course))) throw new ServiceError('not_found', NO_SUCH_COURSE);
  const allowed =
    input.decision === 'approve'
      ? await mayApproveCourse(access, course)
      : await mayReviewCourse(access, course);
  if (!allowed) {
    const needed = input.decision === 'approve' ? 'content.approve' : 'content.review';
    throw new ServiceError(
      'forbidden',
      `Your account may not ${input.decision === 'approve' ? 'approve' : 'review'} this course: this needs the ${needed} permission.`,
    );
  }
  if (isOwnCourse(access, course)) throw new ServiceError('forbidden', NOT_REVIEWABLE_OWN);
  if (course.reviewStatus !== 'in_review')
    throw new ServiceError(
      'conflict',
      course.isPublished
        ? 'This course is already published: it is not waiting for review.'
        : 'This course is not waiting for review: its author has not submitted it.',
    );
  const comment = input.comment.trim();
  const decided = { reviewComment: comment || null, reviewedBy: actor.id, reviewedAt: now.toISOString() };
  if (input.decision === 'approve' && (await lessonCountOf(backend, course)) === 0)
    throw new ServiceError('bad_request', 'This course has no lessons left: it cannot be published.');
  const approved = input.decision === 'approve';
  const row = await backend.tables.update({
    ...COURSES,
    rowId: course.$id,
    data: approved
      ? { ...decided, reviewStatus: 'approved', isPublished: true, updatedAt: now.toISOString() }
      : { ...decided, reviewStatus: 'changes_requested', updatedAt: now.toISOString() },
  });
  const after = parseCourse(row);
  if (approved) {
    await syncCourseTags(backend, after);
    catalogChanged();
  }
  await writeSecurityLog(
    backend,
    {
      userId: actor.id,
      action: approved ? 'course_review_approved' : 'course_review_changes_requested',
      reason: `${named(course)} ${approved ? 'approved and published' : 'sent back'}${comment ? `: ${comment}` : ''}`,
      request: requestOrJob(scope),
    },
    now,
  );
  return stateOf(after, actor.name);
}

/** The queries of the review queue: on `courses_review_queue`, the longest-waiting first. */
export function reviewQueueQueries(page: { cursor?: string; limit: number }): string[] {
  const queries = [
    Query.equal('reviewStatus', 'in_review'),
    Query.orderAsc('reviewRequestedAt'),
    Query.limit(page.limit + 1),
  ];
  if (page.cursor) queries.push(Query.cursorAfter(page.cursor));
  return queries;
}

/** Courses waiting for review, for `content.review` holders: two reads (the page, its authors) whatever its size. */
export async function reviewQueue(
  backend: Backend,
  page: { cursor?: string; limit: number },
): Promise<ReviewQueuePage> {
  const { rows, total, totalCapped } = await backend.tables.list({
    ...COURSES,
    queries: reviewQueueQueries(page),
  });
  const courses = rows.slice(0, page.limit).map(parseCourse);
  const nextCursor = rows.length > page.limit ? (courses.at(-1)?.$id ?? null) : null;
  const summaries = await summarize(backend, courses);
  // The queue shows what was asked last time, not who asked it: no profile reads for it.
  const items = summaries.map((summary, index) => {
    const course = courses[index];
    if (!course) throw new Error('a queued course went missing');
    return { ...summary, review: stateOf(course, null) };
  });
  return { items, nextCursor, total, totalCapped };
}
