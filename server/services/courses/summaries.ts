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
 * How many lessons each of `courseIds` has, counted from the lessons' rows (a chunked,
 * paged list of their course ids), never from a list total: Appwrite caps totals at 5,000.
 */
export async function lessonCountsOf(
  backend: Backend,
  courseIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>(courseIds.map((id) => [id, 0]));
  const rows = await listByIds(backend, LESSONS, courseIds, {
    column: 'courseId',
    queries: [Query.select(['$id', 'courseId'])],
  });
  for (const row of rows) {
    if (typeof row.courseId === 'string') counts.set(row.courseId, (counts.get(row.courseId) ?? 0) + 1);
  }
  return counts;
}

export async function countLessons(backend: Backend, courseId: string): Promise<number> {
  return (await lessonCountsOf(backend, [courseId])).get(courseId) ?? 0;
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

/** Two reads whatever the number of courses: their instructors' profiles and their lessons. */
export async function summarize(backend: Backend, courses: CourseRecord[]): Promise<CourseSummary[]> {
  if (courses.length === 0) return [];
  const [profiles, counts] = await Promise.all([
    profilesByIds(backend, [...new Set(courses.map((course) => course.instructor))]),
    lessonCountsOf(
      backend,
      courses.map((course) => course.$id),
    ),
  ]);
  return courses.map((course) =>
    toSummary(
      course,
      instructorOf(profiles.get(course.instructor), course.instructor),
      counts.get(course.$id) ?? 0,
    ),
  );
}
