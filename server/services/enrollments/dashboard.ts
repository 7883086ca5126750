/**
 * The learner's and the instructor's home: "my learning" (a learner's enrollments, most
 * recent activity first, each with its course and the lesson to continue; a learner has
 * tens of enrollments, so they are sorted in memory and the cursor is the last
 * enrollment id of the previous page) and the newest enrollments in an instructor's
 * own courses.
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import type { Backend } from '../../backend/port';
import { parseCourse, type CourseRecord } from '../courses/records';
import { toSummary, type CourseSummary } from '../courses/summaries';
import { profilesByIds } from '../identity/profiles';
import { listByIds } from '../rows-by-ids';
import { avatarUrlOf } from '../identity/viewer';
import { COURSES, ENROLLMENTS, LESSONS } from '../tables';
import { nextLessonOf } from './progress';
import {
  allEnrollments,
  parseEnrollment,
  toEnrollment,
  type Enrollment,
  type EnrollmentRecord,
} from './records';
import { pageAfter, type Page } from './paging';
import type { SignedInScope } from '../scope';

export interface LearningItem {
  enrollment: Enrollment;
  course: CourseSummary;
  nextLessonId: string | null;
  lessonCount: number;
}

const activityOf = (enrollment: EnrollmentRecord) => enrollment.lastActivityAt ?? enrollment.enrolledAt;

const lessonPlaceSchema = z.object({ $id: z.string(), courseId: z.string(), order: z.number() });

/** The courses with these ids, read in chunks that fit Appwrite's query limits (missing ones are absent). */
async function coursesByIds(backend: Backend, ids: readonly string[]): Promise<Map<string, CourseRecord>> {
  const rows = await listByIds(backend, COURSES, ids);
  return new Map(rows.map((row) => [row.$id, parseCourse(row)]));
}

/**
 * The lesson ids of these courses in their order, from one list over all of them (chunked
 * and paged by listByIds) instead of one list per course.
 */
async function lessonIdsByCourse(
  backend: Backend,
  courseIds: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = await listByIds(backend, LESSONS, courseIds, {
    column: 'courseId',
    queries: [Query.select(['$id', 'courseId', 'order'])],
  });
  const places = rows.map((row) => lessonPlaceSchema.parse(row));
  // The course's order, as lessonsOf reads it; the id only breaks ties.
  places.sort((a, b) => a.order - b.order || a.$id.localeCompare(b.$id));
  const byCourse = new Map<string, string[]>(courseIds.map((id) => [id, []]));
  for (const place of places) byCourse.get(place.courseId)?.push(place.$id);
  return byCourse;
}

/**
 * A page of the learner's enrollments with their courses. A fixed number of backend
 * reads whatever the page holds: the enrollments (a page per hundred), the page's
 * courses by id, their lessons in one list, and their instructors' profiles.
 */
export async function myLearning(
  scope: SignedInScope,
  page: { cursor?: string | undefined; limit: number },
): Promise<Page<LearningItem>> {
  const { backend, actor } = scope;
  const enrollments = await allEnrollments(backend, [Query.equal('userId', actor.id)]);
  enrollments.sort((a, b) => activityOf(b).localeCompare(activityOf(a)) || a.$id.localeCompare(b.$id));
  const { slice, nextCursor } = pageAfter(enrollments, page);
  const courseIds = [...new Set(slice.map((enrollment) => enrollment.courseId))];
  const [courses, lessonIds] = await Promise.all([
    coursesByIds(backend, courseIds),
    lessonIdsByCourse(backend, courseIds),
  ]);
  const profiles = await profilesByIds(backend, [
    ...new Set([...courses.values()].map((course) => course.instructor)),
  ]);
  const items: LearningItem[] = [];
  for (const enrollment of slice) {
    // Unpublished courses stay listed: the learner keeps their place (decision 0012).
    const course = courses.get(enrollment.courseId);
    if (!course) continue;
    const ids = lessonIds.get(course.$id) ?? [];
    const profile = profiles.get(course.instructor);
    // A deleted instructor's courses pass to an admin (decision 0007); until then, say so.
    const instructor = profile
      ? { id: course.instructor, name: profile.name, avatarUrl: avatarUrlOf(profile.avatar) }
      : { id: course.instructor, name: 'Former instructor', avatarUrl: null };
    items.push({
      enrollment: toEnrollment(enrollment),
      course: toSummary(course, instructor, ids.length),
      nextLessonId: nextLessonOf(ids, enrollment.completedLessons, enrollment.lastLessonId),
      lessonCount: ids.length,
    });
  }
  return { items, nextCursor, total: enrollments.length, totalCapped: false };
}

/** One enrollment in a course the caller teaches, as the dashboard lists it. */
export interface RecentEnrollment {
  id: string;
  enrolledAt: string;
  progress: number;
  completedAt: string | null;
  course: { id: string; title: string };
  learner: { id: string; name: string; avatarUrl: string | null };
}

/**
 * Courses looked at for "recent enrollments": the feed is one list over one equal() of
 * course ids, and 100 ids of the longest kind (36 characters) keep that query within
 * Appwrite's 4,096 characters (LIST_LIMITS). An instructor with more courses sees
 * enrollments in the 100 most recently changed (the ones they are working on).
 */
export const RECENT_COURSES_MAX = 100;

const courseTitleSchema = z.object({ $id: z.string(), title: z.string() });

/**
 * The newest enrollments across the caller's own courses (drafts included), newest
 * first: three backend reads whatever the number of courses or learners (the courses,
 * one enrollments list over all of them, one profiles read). A short feed for the
 * dashboard, not a pageable list: a course's full roster is `enrollment.students`.
 */
export async function recentEnrollments(
  scope: SignedInScope,
  input: { limit: number },
): Promise<{ items: RecentEnrollment[] }> {
  const { backend, actor } = scope;
  const { limit } = input;
  const { rows: courseRows } = await backend.tables.list({
    ...COURSES,
    queries: [
      Query.equal('instructor', actor.id),
      Query.orderDesc('updatedAt'),
      Query.select(['$id', 'title']),
      Query.limit(RECENT_COURSES_MAX),
    ],
  });
  const titles = new Map(courseRows.map((row) => courseTitleSchema.parse(row)).map((c) => [c.$id, c.title]));
  if (titles.size === 0) return { items: [] };
  const { rows } = await backend.tables.list({
    ...ENROLLMENTS,
    queries: [
      Query.equal('courseId', [...titles.keys()]),
      Query.orderDesc('enrolledAt'),
      Query.orderDesc('$id'),
      Query.limit(limit),
    ],
  });
  const enrollments = rows.map(parseEnrollment);
  const profiles = await profilesByIds(backend, [...new Set(enrollments.map((row) => row.userId))]);
  return {
    items: enrollments.map((enrollment) => {
      const profile = profiles.get(enrollment.userId);
      return {
        id: enrollment.$id,
        enrolledAt: enrollment.enrolledAt,
        progress: enrollment.progress,
        completedAt: enrollment.completedAt,
        course: { id: enrollment.courseId, title: titles.get(enrollment.courseId) ?? '' },
        learner: {
          id: enrollment.userId,
          // Same words as the students page for someone whose account is gone.
          name: profile?.name ?? 'Former learner',
          avatarUrl: avatarUrlOf(profile?.avatar ?? null),
        },
      };
    }),
  };
}
