/**
 * Every course on Aurora for the admin's course list (`course.listAll`): drafts and
 * published, any instructor, searchable, filtered by status, most recently changed
 * first. Unlike the catalog's summaries (one profile read per instructor, one count per
 * course), a page costs a fixed number of backend calls: the courses, their
 * instructors' profiles in one batch, and their lessons' course ids in one list (more
 * only past 5,000 lessons on one page of courses).
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import { profilesByIds } from '../identity/profiles';
import { avatarUrlOf } from '../identity/viewer';
import { COURSES, LESSONS } from '../tables';
import { parseCourse } from './records';
import { toSummary, type CourseSummary } from './summaries';
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
}

/** The largest page a backend lists (Appwrite's and the embedded backend's cap). */
const LIST_CAP = 5000;

/** The queries the list sends (exported for tests). */
export function allCoursesQueries(query: AllCoursesQuery): string[] {
  const queries: string[] = [];
  if (query.status) queries.push(Query.equal('isPublished', query.status === 'published'));
  // searchText holds title, description and tags, and has a full-text index of its own on both backends.
  const search = query.search?.trim();
  if (search) queries.push(Query.search('searchText', search));
  queries.push(Query.orderDesc('updatedAt'), Query.limit(query.limit + 1));
  if (query.cursor) queries.push(Query.cursorAfter(query.cursor));
  return queries;
}

/** How many lessons each course has, from one list of the lessons' course ids. */
async function lessonCounts(backend: Backend, courseIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(courseIds.map((id) => [id, 0]));
  if (courseIds.length === 0) return counts;
  let after: string | null = null;
  for (;;) {
    const queries = [
      Query.equal('courseId', courseIds),
      Query.select(['$id', 'courseId']),
      Query.orderAsc('$id'),
      Query.limit(LIST_CAP),
    ];
    if (after) queries.push(Query.greaterThan('$id', after));
    const { rows } = await backend.tables.list({ ...LESSONS, queries });
    for (const row of rows) {
      const courseId = String(row.courseId);
      counts.set(courseId, (counts.get(courseId) ?? 0) + 1);
    }
    if (rows.length < LIST_CAP) return counts;
    after = rows.at(-1)?.$id ?? null;
  }
}

export async function listAllCourses(backend: Backend, query: AllCoursesQuery): Promise<AdminCoursePage> {
  const { rows, total } = await backend.tables.list({ ...COURSES, queries: allCoursesQueries(query) });
  const courses = rows.slice(0, query.limit).map(parseCourse);
  const nextCursor = rows.length > query.limit ? (courses.at(-1)?.$id ?? null) : null;
  const [profiles, counts] = await Promise.all([
    profilesByIds(backend, [...new Set(courses.map((course) => course.instructor))]),
    lessonCounts(
      backend,
      courses.map((course) => course.$id),
    ),
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
  return { items, nextCursor, total };
}
