/**
 * Reading courses: the public catalog (published only, for everyone — admins included:
 * the catalog is the catalog), one course's page, and an instructor's own courses.
 * Every catalog query is answered from an index in appwrite.json
 * (tests/performance/catalog-index.test.ts checks the plans).
 */
import { Query } from 'node-appwrite';
import type { AuthUser, Backend } from '../../backend/port';
import { ServiceError } from '../errors';
import { canEditCourse, canSeeCourse } from '../policy';
import { recordActivity } from './activity';
import { lessonsOf } from './lesson-view';
import { COURSE_TAGS, COURSES, findCourse, NO_SUCH_COURSE, parseCourse } from './records';
import type { CatalogQuery } from './schemas';
import { summarize, toSummary, type CoursePage, type CourseSummary } from './summaries';

/** The filters other than the tag, as queries on `courses`. */
function courseFilters(query: CatalogQuery): string[] {
  const filters = [Query.equal('isPublished', true)];
  if (query.category) filters.push(Query.equal('category', query.category));
  if (query.difficulty) filters.push(Query.equal('difficulty', query.difficulty));
  if (query.price === 'free') filters.push(Query.equal('price', 0));
  if (query.price === 'paid') filters.push(Query.greaterThan('price', 0));
  // searchText holds title, description and tags (course-tags.ts keeps it current).
  if (query.search) filters.push(Query.search('searchText', query.search));
  return filters;
}

/** The queries the catalog sends for `query` (exported for the query-plan test). */
export function catalogQueries(query: CatalogQuery): string[] {
  const queries = [
    ...courseFilters(query),
    query.sort === 'title' ? Query.orderAsc('title') : Query.orderDesc('createdAt'),
    Query.limit(query.limit + 1),
  ];
  if (query.cursor) queries.push(Query.cursorAfter(query.cursor));
  return queries;
}

export function tagQueries(query: CatalogQuery & { tag: string }): string[] {
  const queries = [
    Query.equal('tag', query.tag),
    Query.equal('isPublished', true),
    Query.orderDesc('createdAt'),
    Query.limit(query.limit + 1),
  ];
  if (query.cursor) queries.push(Query.cursorAfter(query.cursor));
  return queries;
}

/**
 * A tag pages through `course_tags` (newest first; the cursor is a tag row's id), then
 * reads those courses by id. Other filters given with a tag narrow that page, so such a
 * page may hold fewer items than `limit`, and `total` counts the tag's courses.
 */
async function listByTag(backend: Backend, query: CatalogQuery & { tag: string }): Promise<CoursePage> {
  const { rows, total } = await backend.tables.list({ ...COURSE_TAGS, queries: tagQueries(query) });
  const page = rows.slice(0, query.limit);
  const ids = page.map((row) => String(row.courseId));
  if (ids.length === 0) return { items: [], nextCursor: null, total };
  const courses = await backend.tables.list({
    ...COURSES,
    queries: [Query.equal('$id', ids), ...courseFilters(query), Query.limit(ids.length)],
  });
  const byId = new Map(courses.rows.map((row) => [row.$id, parseCourse(row)]));
  const ordered = ids.flatMap((id) => byId.get(id) ?? []);
  const nextCursor = rows.length > query.limit ? (page.at(-1)?.$id ?? null) : null;
  return { items: await summarize(backend, ordered), nextCursor, total };
}

export async function listCatalog(backend: Backend, query: CatalogQuery): Promise<CoursePage> {
  if (query.tag) return listByTag(backend, { ...query, tag: query.tag });
  const { rows, total } = await backend.tables.list({ ...COURSES, queries: catalogQueries(query) });
  const page = rows.slice(0, query.limit).map(parseCourse);
  const nextCursor = rows.length > query.limit ? (page.at(-1)?.$id ?? null) : null;
  return { items: await summarize(backend, page), nextCursor, total };
}

export interface CourseOutlineLesson {
  id: string;
  title: string;
  order: number;
  isPreview: boolean;
  videoDuration: number | null;
  attachmentCount: number;
}

export type CourseDetail = CourseSummary & { lessons: CourseOutlineLesson[]; canEdit: boolean };

/** A draft is NOT_FOUND for everyone but its editors: its existence is not revealed. */
export async function getCourse(
  backend: Backend,
  viewer: AuthUser | null,
  courseId: string,
  now: Date,
): Promise<CourseDetail> {
  const course = await findCourse(backend, courseId);
  if (!course || !canSeeCourse(viewer, course)) throw new ServiceError('not_found', NO_SUCH_COURSE);
  const lessons = await lessonsOf(backend, courseId);
  const [summary] = await summarize(backend, [course]);
  if (!summary) throw new Error('a course summary went missing');
  if (viewer)
    await recordActivity(backend, { userId: viewer.id, action: 'course_view', resourceId: courseId }, now);
  return {
    ...toSummary(course, summary.instructor, lessons.length),
    lessons: lessons.map((lesson) => ({
      id: lesson.$id,
      title: lesson.title,
      order: lesson.order,
      isPreview: lesson.isPreview,
      videoDuration: lesson.videoDuration,
      attachmentCount: lesson.attachments.length,
    })),
    canEdit: canEditCourse(viewer, course),
  };
}

/** The caller's own courses, drafts included, most recently changed first. */
export async function myCourses(
  backend: Backend,
  actor: AuthUser,
  page: { cursor?: string; limit: number },
): Promise<CoursePage> {
  const queries = [
    Query.equal('instructor', actor.id),
    Query.orderDesc('updatedAt'),
    Query.limit(page.limit + 1),
  ];
  if (page.cursor) queries.push(Query.cursorAfter(page.cursor));
  const { rows, total } = await backend.tables.list({ ...COURSES, queries });
  const courses = rows.slice(0, page.limit).map(parseCourse);
  const nextCursor = rows.length > page.limit ? (courses.at(-1)?.$id ?? null) : null;
  return { items: await summarize(backend, courses), nextCursor, total };
}
