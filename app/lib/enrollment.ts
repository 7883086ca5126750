/**
 * Enrollment shapes as the procedures return them (types only: nothing from server/
 * reaches the browser bundle), and the small rules the learning pages share.
 */
import { STUDENT_SORTS } from '../../shared/fields/limits';
import type { Caller } from '../../server/trpc/root';

export type Enrollment = NonNullable<Awaited<ReturnType<Caller['enrollment']['get']>>>;
export type LearningItem = Awaited<ReturnType<Caller['enrollment']['mine']>>['items'][number];
export type StudentsPage = Awaited<ReturnType<Caller['enrollment']['students']>>;
export type StudentRow = StudentsPage['items'][number];

export type StudentSort = (typeof STUDENT_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/** The order a column sorts in when first chosen: names A–Z, numbers and dates biggest first. */
export const FIRST_ORDER: Record<StudentSort, SortOrder> = {
  name: 'asc',
  progress: 'desc',
  enrolledAt: 'desc',
  lastActivityAt: 'desc',
};

export interface StudentsQuery {
  sort: StudentSort;
  order: SortOrder;
  cursor: string | null;
}

export function studentsQueryOf(url: URL): StudentsQuery {
  const sortParam = url.searchParams.get('sort');
  const sort = (STUDENT_SORTS as readonly string[]).includes(sortParam ?? '')
    ? (sortParam as StudentSort)
    : 'enrolledAt';
  const orderParam = url.searchParams.get('order');
  const order: SortOrder = orderParam === 'asc' || orderParam === 'desc' ? orderParam : FIRST_ORDER[sort];
  const cursor = url.searchParams.get('cursor')?.slice(0, 200) || null;
  return { sort, order, cursor };
}

export function studentsHref(courseId: string, query: StudentsQuery, suffix = ''): string {
  const params = new URLSearchParams({ sort: query.sort, order: query.order });
  if (query.cursor) params.set('cursor', query.cursor);
  return `/teach/courses/${courseId}/students${suffix}?${params.toString()}`;
}

/** "1 of 3 lessons" with the right plural. */
export function lessonsDone(done: number, total: number): string {
  return `${done} of ${total} ${total === 1 ? 'lesson' : 'lessons'}`;
}

/**
 * Where "Continue" leads on the course page: the first unfinished lesson after the one
 * the learner last completed (wrapping round), else the first unfinished one; when every
 * lesson is done, the first lesson (to review). Null for a course without lessons.
 */
export function nextLessonOf(
  lessons: readonly { id: string }[],
  enrollment: { completedLessons: readonly string[]; lastLessonId: string | null },
): { lessonId: string; finished: boolean } | null {
  const first = lessons[0];
  if (!first) return null;
  const done = new Set(enrollment.completedLessons);
  const last = lessons.findIndex((lesson) => lesson.id === enrollment.lastLessonId);
  const ordered = last >= 0 ? [...lessons.slice(last + 1), ...lessons.slice(0, last + 1)] : lessons;
  const next = ordered.find((lesson) => !done.has(lesson.id));
  return next ? { lessonId: next.id, finished: false } : { lessonId: first.id, finished: true };
}
