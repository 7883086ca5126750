/**
 * Every course on Aurora for the admin's course list (`course.listAll`): drafts and
 * published, any instructor, searchable, filtered by status, most recently changed
 * first. A page costs a fixed number of backend calls: the courses and their instructors'
 * profiles in one batch; lesson counts are stored on the course (decision 0033).
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import { profilesByIds } from '../identity/profiles';
import { avatarUrlOf } from '../identity/viewer';
import { searchQueries } from '../search-queries';
import { COURSES } from '../tables';
import { parseCourse } from './records';
import { lessonCountsOf, toSummary, type CourseSummary } from './summaries';
import type { COURSE_STATUSES } from '../../../shared/fields/limits';

export type CourseStatus = (typeof COURSE_STATUSES)[number];

export interface AllCoursesQuery {
  search?: string | undefined;
  status?: CourseStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

export type AdminCourseItem = CourseSummary & {
  /** For the link to the instructor in the people list; null when the account is gone. */
  instructorEmail: string | null;
};

export interface AdminCoursePage {
  items: AdminCourseItem[];
  nextCursor: string | null;
  total: number;
  /** `total` stopped at Appwrite's count cap (port.ts): show it as "5,000+". */
  totalCapped: boolean;
}

/** The queries the list sends (exported for tests). */
export function allCoursesQueries(query: AllCoursesQuery): string[] {
  const queries: string[] = [];
  if (query.status) queries.push(Query.equal('isPublished', query.status === 'published'));
  // searchText holds title, description and tags, and has a full-text index of its own on both backends.
  // One query per word, every word a prefix (search-queries.ts).
  queries.push(...searchQueries('searchText', query.search));
  queries.push(Query.orderDesc('updatedAt'), Query.limit(query.limit + 1));
  if (query.cursor) queries.push(Query.cursorAfter(query.cursor));
  return queries;
}

export async function listAllCourses(backend: Backend, query: AllCoursesQuery): Promise<AdminCoursePage> {
  const { rows, total, totalCapped } = await backend.tables.list({
    ...COURSES,
    queries: allCoursesQueries(query),
  });
  const courses = rows.slice(0, query.limit).map(parseCourse);
  const nextCursor = rows.length > query.limit ? (courses.at(-1)?.$id ?? null) : null;
  const [profiles, counts] = await Promise.all([
    profilesByIds(backend, [...new Set(courses.map((course) => course.instructor))]),
    lessonCountsOf(backend, courses),
  ]);
  const items = courses.map((course) => {
    const profile = profiles.get(course.instructor);
    const instructor = profile
      ? { id: course.instructor, name: profile.name, avatarUrl: avatarUrlOf(profile.avatar) }
      : { id: course.instructor, name: 'Former instructor', avatarUrl: null };
    return {
      ...toSummary(course, instructor, counts.get(course.$id) ?? 0),
      instructorEmail: profile?.email ?? null,
    };
  });
  return { items, nextCursor, total, totalCapped };
}
