/** Reading and authoring lessons. Access to read is canReadLesson (policy.ts); to change, the course's editors. */
import { BackendError } from '../../backend/errors';
import type { Backend, RowData } from '../../backend/port';
import { sanitizeLessonHtml } from '../content/sanitize';
import { ServiceError } from '../errors';
import type { ServiceScope, SignedInScope } from '../scope';
import type { Access } from '../permissions/access';
import { findEnrollment, type EnrollmentRecord } from '../enrollments/records';
import { recomputeCourseProgress } from '../enrollments/course-progress';
import { canEditCourse, canReadLesson } from '../policy';
import { editableOrRefused, requireEditableCourse } from './access';
import { catalogChanged } from './catalog-changes';
import { forgetVideoLeftovers } from '../video/cleanup';
import { COURSES, LESSONS } from '../tables';
import { deleteLessonFiles } from './attachments';
import { lessonsOf, toLessonView, type LessonView } from './lesson-view';
import { NO_SUCH_LESSON, parseLesson, requireLesson, type CourseRecord, type LessonRecord } from './records';
import type { LessonChanges, LessonFields } from './schemas';

export const ENROLL_FIRST = 'Enroll in this course to open this lesson.';
export const SIGN_IN_FIRST = 'Sign in and enroll in this course to open this lesson.';

/**
 * The lesson if `viewer` may read it; otherwise the refusal canReadLesson decides. The
 * viewer's enrollment (read fresh on every call, so unenrolling ends access at once) is
 * returned for callers that record where the learner is.
 */
export async function requireReadableLesson(
  backend: Backend,
  viewer: Access,
  lessonId: string,
): Promise<{ lesson: LessonRecord; course: CourseRecord; enrollment: EnrollmentRecord | null }> {
  const found = await requireLesson(backend, lessonId);
  const enrollment =
    viewer.userId !== null && !(await canEditCourse(viewer, found.course))
      ? await findEnrollment(backend, viewer.userId, found.course.$id)
      : null;
  switch (await canReadLesson(viewer, found.course, found.lesson, enrollment !== null)) {
    case 'ok':
      return { ...found, enrollment };
    case 'not_found':
      throw new ServiceError('not_found', NO_SUCH_LESSON);
    case 'sign_in':
      throw new ServiceError('unauthorized', SIGN_IN_FIRST);
    case 'enroll':
      throw new ServiceError('forbidden', ENROLL_FIRST);
  }
}

/** Only reads: the lesson page notes the opening itself (page-views.ts). */
export async function getLesson(scope: ServiceScope, lessonId: string): Promise<LessonView> {
  const { lesson, course } = await requireReadableLesson(scope.backend, scope.access, lessonId);
  return toLessonView(scope.backend, scope.access, lesson, course);
}

/** The lesson and its course, for someone about to change them. */
export async function requireEditableLesson(
  backend: Backend,
  access: Access,
  lessonId: string,
): Promise<{ lesson: LessonRecord; course: CourseRecord }> {
  // requireLesson reads the lesson's course with it: decide on that row, not a second read.
  const { lesson, course } = await requireLesson(backend, lessonId);
  return { lesson, course: await editableOrRefused(access, course) };
}

/**
 * Keeps the course's stored lesson count (decision 0033) with the lesson write, as an
 * atomic increment so concurrent writes all count. A course whose count was never
 * stored (null, written before the column existed) stays null: it is counted on read,
 * since an increment would start it from 0.
 */
async function countLessonChange(backend: Backend, course: CourseRecord, by: 1 | -1): Promise<void> {
  if (course.lessonCount === null) return;
  try {
    await backend.tables.increment({ ...COURSES, rowId: course.$id, column: 'lessonCount', by, min: 0 });
  } catch (error) {
    // Already 0 (a create that died before counting): the lesson is gone, 0 is right.
    if (by === -1 && error instanceof BackendError && error.kind === 'invalid') return;
    throw error;
  }
}

export async function createLesson(
  scope: SignedInScope,
  input: LessonFields & { courseId: string },
): Promise<LessonView> {
  const { backend, access } = scope;
  const now = scope.now();
  const { courseId, ...fields } = input;
  const course = await requireEditableCourse(backend, access, courseId);
  const existing = await lessonsOf(backend, courseId);
  const stamp = now.toISOString();
  const row = await backend.tables.create({
    ...LESSONS,
    data: {
      courseId,
      title: fields.title,
      description: fields.description,
      content: sanitizeLessonHtml(fields.content),
      isPreview: fields.isPreview,
      attachments: [],
      order: (existing.at(-1)?.order ?? 0) + 1,
      createdAt: stamp,
      updatedAt: stamp,
    },
  });
  await countLessonChange(backend, course, 1);
  // One more lesson lowers every enrolled learner's percentage.
  await recomputeCourseProgress(backend, courseId, now);
  catalogChanged();
  return toLessonView(backend, access, parseLesson(row), course);
}

export async function updateLesson(
  scope: SignedInScope,
  input: LessonChanges & { lessonId: string },
): Promise<LessonView> {
  const { backend, access } = scope;
  const now = scope.now();
  const { lessonId, ...changes } = input;
  const { course } = await requireEditableLesson(backend, access, lessonId);
  const data: RowData = { updatedAt: now.toISOString() };
  if (changes.title !== undefined) data.title = changes.title;
  if (changes.description !== undefined) data.description = changes.description;
  if (changes.content !== undefined) data.content = sanitizeLessonHtml(changes.content);
  if (changes.isPreview !== undefined) data.isPreview = changes.isPreview;
  const row = await backend.tables.update({ ...LESSONS, rowId: lessonId, data });
  catalogChanged();
  return toLessonView(backend, access, parseLesson(row), course);
}

/** Writes 1..n as the order of `lessons`, touching only rows whose place changed. */
async function renumber(
  backend: Backend,
  lessons: readonly Pick<LessonRecord, '$id' | 'order'>[],
  now: Date,
): Promise<void> {
  for (const [index, lesson] of lessons.entries()) {
    if (lesson.order === index + 1) continue;
    await backend.tables.update({
      ...LESSONS,
      rowId: lesson.$id,
      data: { order: index + 1, updatedAt: now.toISOString() },
    });
  }
}

export async function deleteLesson(scope: SignedInScope, lessonId: string): Promise<void> {
  const { backend, access } = scope;
  const now = scope.now();
  const { lesson, course } = await requireEditableLesson(backend, access, lessonId);
  await deleteLessonFiles(backend, lesson.attachments);
  await forgetVideoLeftovers(backend, lesson);
  await backend.tables.delete({ ...LESSONS, rowId: lessonId });
  await countLessonChange(backend, course, -1);
  await renumber(backend, await lessonsOf(backend, lesson.courseId), now);
  await recomputeCourseProgress(backend, lesson.courseId, now);
  catalogChanged();
}

/** `lessonIds` must name exactly the course's lessons, each once; otherwise nothing changes. */
export async function reorderLessons(
  scope: SignedInScope,
  input: { courseId: string; lessonIds: readonly string[] },
): Promise<string[]> {
  const { backend, access } = scope;
  const now = scope.now();
  const { courseId, lessonIds } = input;
  await requireEditableCourse(backend, access, courseId);
  const lessons = await lessonsOf(backend, courseId);
  const byId = new Map(lessons.map((lesson) => [lesson.$id, lesson]));
  const unique = new Set(lessonIds);
  if (
    unique.size !== lessonIds.length ||
    lessonIds.length !== lessons.length ||
    lessonIds.some((id) => !byId.has(id))
  ) {
    throw new ServiceError(
      'bad_request',
      'The new order must list every lesson of this course exactly once, and no other lesson.',
    );
  }
  await renumber(
    backend,
    lessonIds.flatMap((id) => byId.get(id) ?? []),
    now,
  );
  catalogChanged();
  return [...lessonIds];
}
