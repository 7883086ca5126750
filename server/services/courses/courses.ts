/**
 * Authoring courses: create, edit, publish, unpublish, delete (decision 0010). Every
 * input is checked before anything is written, so a refusal changes nothing.
 */
import { Query } from 'node-appwrite';
import type { Backend, RowData } from '../../backend/port';
import { requestOrJob, type SignedInScope } from '../scope';
import { ServiceError } from '../errors';
import { deleteRowsWhere } from '../rows';
import { forgetVideoLeftovers } from '../video/cleanup';
import { writeSecurityLog } from '../audit/security-log';
import { COURSES, ENROLLMENTS, LESSONS } from '../tables';
import { requireEditableCourse } from './access';
import { catalogChanged } from './catalog-changes';
import { deleteLessonFiles } from './attachments';
import { deleteCourseTags, searchTextOf, syncCourseTags } from './course-tags';
import { parseCourse, parseLesson } from './records';
import { NO_REVIEW_GOING_ON, requirePublishableWithoutReview } from './review-rule';
import type { CourseChanges, CourseFields, Upload } from './schemas';
import { lessonCountOf, summarize, type CourseSummary } from './summaries';
import { checkThumbnail, discardThumbnail, storeThumbnail } from './thumbnails';

async function summaryOf(backend: Backend, row: unknown): Promise<CourseSummary> {
  const [summary] = await summarize(backend, [parseCourse(row)]);
  if (!summary) throw new Error('a course summary went missing');
  return summary;
}

export async function createCourse(scope: SignedInScope, fields: CourseFields): Promise<CourseSummary> {
  const { backend, actor } = scope;
  const now = scope.now();
  const stamp = now.toISOString();
  const row = await backend.tables.create({
    ...COURSES,
    data: {
      ...fields,
      instructor: actor.id,
      thumbnail: null,
      isPublished: false,
      lessonCount: 0,
      searchText: searchTextOf(fields),
      createdAt: stamp,
      updatedAt: stamp,
    },
  });
  await syncCourseTags(backend, parseCourse(row));
  catalogChanged();
  return summaryOf(backend, row);
}

export async function updateCourse(
  scope: SignedInScope,
  input: CourseChanges & { courseId: string; thumbnail?: Upload | null },
): Promise<CourseSummary> {
  const { backend, access } = scope;
  const now = scope.now();
  const { courseId, ...changes } = input;
  const { thumbnail, ...fields } = changes;
  const image = thumbnail ? checkThumbnail(thumbnail) : thumbnail;
  const before = await requireEditableCourse(backend, access, courseId);

  const stored = image ? await storeThumbnail(backend, image) : null;
  const data: RowData = { ...fields, updatedAt: now.toISOString() };
  if (image !== undefined) data.thumbnail = stored?.id ?? null;
  data.searchText = searchTextOf({ ...before, ...fields });
  let row;
  try {
    row = await backend.tables.update({ ...COURSES, rowId: courseId, data });
  } catch (error) {
    if (stored) await discardThumbnail(backend, stored.id);
    throw error;
  }
  if (fields.tags !== undefined) await syncCourseTags(backend, parseCourse(row));
  if (image !== undefined && before.thumbnail) await discardThumbnail(backend, before.thumbnail);
  catalogChanged();
  return summaryOf(backend, row);
}

export async function publishCourse(scope: SignedInScope, courseId: string): Promise<CourseSummary> {
  const { backend, access } = scope;
  const now = scope.now();
  const course = await requireEditableCourse(backend, access, courseId, 'publish');
  if ((await lessonCountOf(backend, course)) === 0) {
    throw new ServiceError('bad_request', 'Add at least one lesson before publishing.');
  }
  await requirePublishableWithoutReview(backend, access, course);
  // Published directly: whatever review was going on is over (decision 0040).
  const row = await backend.tables.update({
    ...COURSES,
    rowId: courseId,
    data: { isPublished: true, ...NO_REVIEW_GOING_ON, updatedAt: now.toISOString() },
  });
  await syncCourseTags(backend, parseCourse(row));
  catalogChanged();
  return summaryOf(backend, row);
}

/**
 * Hides the course from the catalog; enrollments stay, so learners come back to it if
 * it is published again. Unpublishing someone else's course (an admin's, say) is
 * moderation, and leaves a record in `security_logs`.
 */
export async function unpublishCourse(
  scope: SignedInScope,
  input: { courseId: string; reason?: string },
): Promise<CourseSummary> {
  const { backend, actor, access } = scope;
  const now = scope.now();
  const { courseId, reason } = input;
  const request = requestOrJob(scope);
  const course = await requireEditableCourse(backend, access, courseId, 'publish');
  // Back to a draft: publishing it again is reviewed again where review applies (decision 0040).
  const row = await backend.tables.update({
    ...COURSES,
    rowId: courseId,
    data: { isPublished: false, ...NO_REVIEW_GOING_ON, updatedAt: now.toISOString() },
  });
  await syncCourseTags(backend, parseCourse(row));
  catalogChanged();
  // Only someone holding `courses.publish` beyond authorship gets here for another's course.
  if (actor.id !== course.instructor) {
    const why = `course ${courseId} ("${course.title.slice(0, 80)}") unpublished: ${reason?.trim() || 'no reason given'}`;
    await writeSecurityLog(
      backend,
      { userId: actor.id, action: 'course_moderated', reason: why, request },
      now,
    );
  }
  return summaryOf(backend, row);
}

/**
 * Deletes the course with everything that exists only for it: lessons and their files,
 * tag rows, enrollments, the thumbnail. The course row goes last, so a deletion that
 * stops half-way can simply be run again.
 */
export async function deleteCourse(scope: SignedInScope, courseId: string): Promise<void> {
  const { backend, access } = scope;
  const course = await requireEditableCourse(backend, access, courseId, 'delete');
  for (;;) {
    const { rows } = await backend.tables.list({
      ...LESSONS,
      queries: [Query.equal('courseId', courseId), Query.limit(100)],
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      const lesson = parseLesson(row);
      await deleteLessonFiles(backend, lesson.attachments);
      await forgetVideoLeftovers(backend, lesson);
      await backend.tables.delete({ ...LESSONS, rowId: lesson.$id });
    }
  }
  await deleteCourseTags(backend, courseId);
  await deleteRowsWhere(backend, ENROLLMENTS, [Query.equal('courseId', courseId)]);
  if (course.thumbnail) await discardThumbnail(backend, course.thumbnail);
  await backend.tables.delete({ ...COURSES, rowId: courseId });
  catalogChanged();
}
