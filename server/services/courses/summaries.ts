/** Courses as lists and pages show them: with their instructor and how many lessons they have. */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import { profilesByIds, type Profile } from '../identity/profiles';
import { avatarUrlOf } from '../identity/viewer';
import { listByIds } from '../rows-by-ids';
import { LESSONS } from '../tables';
import { type CourseRecord } from './records';
import type { Difficulty } from '../../../shared/fields/limits';
import { thumbnailUrlOf } from './thumbnails';

export interface InstructorSummary {
  id: string;
  name: string;
  avatarUrl: string | null;
}

export interface CourseSummary {
  id: string;
  title: string;
  description: string;
  category: string;
  difficulty: Difficulty;
  duration: number;
  price: number;
  tags: string[];
  thumbnailUrl: string | null;
  isPublished: boolean;
  instructor: InstructorSummary;
  lessonCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface CoursePage {
  items: CourseSummary[];
  nextCursor: string | null;
  total: number;
  /** `total` stopped at Appwrite's count cap (port.ts): show it as "5,000+". */
  totalCapped: boolean;
}

function instructorOf(profile: Profile | undefined, userId: string): InstructorSummary {
  // A deleted instructor's courses pass to an admin (decision 0007); until then, say so.
  return profile
    ? { id: userId, name: profile.name, avatarUrl: avatarUrlOf(profile.avatar) }
    : { id: userId, name: 'Former instructor', avatarUrl: null };
}

/**
 * How many lessons each course has: its stored `lessonCount` (decision 0033), so a page
 * of courses costs no read for it. Only a row written before that column existed holds
 * null (Appwrite projects have no backfill); those are counted from their lessons' rows,
 * in one chunked, paged list for all of them, never from a list total (Appwrite caps
 * totals at 5,000).
 */
export async function lessonCountsOf(
  backend: Backend,
  courses: readonly CourseRecord[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const uncounted: string[] = [];
  for (const course of courses) {
    if (course.lessonCount === null) uncounted.push(course.$id);
    else counts.set(course.$id, course.lessonCount);
  }
  if (uncounted.length === 0) return counts;
  for (const courseId of uncounted) counts.set(courseId, 0);
  const rows = await listByIds(backend, LESSONS, uncounted, {
    column: 'courseId',
    queries: [Query.select(['$id', 'courseId'])],
  });
  for (const row of rows) {
    if (typeof row.courseId === 'string') counts.set(row.courseId, (counts.get(row.courseId) ?? 0) + 1);
  }
  return counts;
}

export async function lessonCountOf(backend: Backend, course: CourseRecord): Promise<number> {
  return (await lessonCountsOf(backend, [course])).get(course.$id) ?? 0;
}

export function toSummary(
  course: CourseRecord,
  instructor: InstructorSummary,
  lessonCount: number,
): CourseSummary {
  return {
    id: course.$id,
    title: course.title,
    description: course.description,
    category: course.category,
    difficulty: course.difficulty,
    duration: course.duration,
    price: course.price,
    tags: course.tags,
    thumbnailUrl: thumbnailUrlOf(course.thumbnail),
    isPublished: course.isPublished,
    instructor,
    lessonCount,
    createdAt: course.createdAt,
    updatedAt: course.updatedAt,
  };
}

/** One read whatever the number of courses (their instructors' profiles), two with legacy rows. */
export async function summarize(backend: Backend, courses: CourseRecord[]): Promise<CourseSummary[]> {
  if (courses.length === 0) return [];
  const [profiles, counts] = await Promise.all([
    profilesByIds(backend, [...new Set(courses.map((course) => course.instructor))]),
    lessonCountsOf(backend, courses),
  ]);
  return courses.map((course) =>
    toSummary(
      course,
      instructorOf(profiles.get(course.instructor), course.instructor),
      counts.get(course.$id) ?? 0,
    ),
  );
}
