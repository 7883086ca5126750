/**
 * Reading courses: the public catalog (published only, for everyone — admins included:
 * the catalog is the catalog) and its categories, one course's page, and an instructor's
 * own courses.
 * Every catalog query is answered from an index in appwrite.json
 * (tests/performance/catalog-index.test.ts checks the plans).
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import type { ReviewStatus } from '../../../shared/fields/limits';
import { findProfile } from '../identity/profiles';
import { avatarUrlOf } from '../identity/viewer';
import { ServiceError } from '../errors';
import { searchQueries } from '../search-queries';
import type { ServiceScope, SignedInScope } from '../scope';
import { canEditCourse, canSeeCourse } from '../policy';
import { listByIds } from '../rows-by-ids';
import { COURSES, COURSE_TAGS, LESSONS } from '../tables';
import { lessonsOf, outlineOf, type CourseOutlineLesson } from './lesson-view';
import { teachingTeamOf, type TeachingTeam } from './course-team';
import { findCourse, NO_SUCH_COURSE, parseCourse } from './records';
import type { CatalogQuery } from './schemas';
import {
  summarize,
  toSummary,
  type CoursePage,
  type CourseSummary,
  type InstructorSummary,
} from './summaries';

/**
 * Categories are free text written by instructors, so one category may be stored as
 * "Design" on one course and "design" on another. The list groups them by this key
 * (decision 0021): Unicode-normalised, trimmed, lower-cased.
 */
export function categoryKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/**
 * The spellings a category filter matches, case-insensitively, without a read of its
 * own: as given, lower case, upper case, "Sentence case" and "Title Case" (decision
 * 0021). The catalog page sends the listed spelling, which is always among them.
 */
export function categorySpellings(category: string): string[] {
  const given = category.normalize('NFKC').trim();
  const lower = given.toLowerCase();
  const sentence = lower.charAt(0).toUpperCase() + lower.slice(1);
  const title = lower.replace(
    /(^|[\s\-/&(])(\p{Ll})/gu,
    (_, before: string, letter: string) => before + letter.toUpperCase(),
  );
  return [...new Set([given, lower, given.toUpperCase(), sentence, title])];
}

/**
 * How many published courses the categories read covers, newest first, in one indexed
 * read that returns only the category column: past it, the categories of the oldest
 * courses drop out of the list (they still filter when typed): decision 0021.
 */
export const CATEGORY_SCAN_LIMIT = 1000;

/** The categories read (exported for the query-plan test), on `courses_catalog_newest`. */
export function categoryQueries(): string[] {
  return [
    Query.equal('isPublished', true),
    Query.orderDesc('createdAt'),
    Query.select(['category']),
    Query.limit(CATEGORY_SCAN_LIMIT),
  ];
}

export interface CatalogCategory {
  /** The spelling most published courses use (ties: the first in code-point order). */
  name: string;
  /** Published courses in the category, every spelling counted. */
  count: number;
}

/** The categories of published courses with how many courses each has: one backend call. */
export async function listCategories(backend: Backend): Promise<CatalogCategory[]> {
  const { rows } = await backend.tables.list({ ...COURSES, queries: categoryQueries() });
  const groups = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const stored = typeof row.category === 'string' ? row.category : '';
    const key = categoryKey(stored);
    if (!key) continue;
    const spellings = groups.get(key) ?? new Map<string, number>();
    spellings.set(stored, (spellings.get(stored) ?? 0) + 1);
    groups.set(key, spellings);
  }
  const categories = [...groups.values()].map((spellings) => {
    const ranked = [...spellings].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0));
    const count = ranked.reduce((sum, [, n]) => sum + n, 0);
    return { name: ranked[0]?.[0] ?? '', count };
  });
  return categories.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

/** The filters other than the tag, as queries on `courses`. */
function courseFilters(query: CatalogQuery): string[] {
  const filters = [Query.equal('isPublished', true)];
  if (query.category) filters.push(Query.equal('category', categorySpellings(query.category)));
  if (query.difficulty) filters.push(Query.equal('difficulty', query.difficulty));
  if (query.price === 'free') filters.push(Query.equal('price', 0));
  if (query.price === 'paid') filters.push(Query.greaterThan('price', 0));
  // searchText holds title, description and tags (course-tags.ts keeps it current); one
  // query per word, every word a prefix (search-queries.ts).
  filters.push(...searchQueries('searchText', query.search));
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
  const { rows, total, totalCapped } = await backend.tables.list({
    ...COURSE_TAGS,
    queries: tagQueries(query),
  });
  const page = rows.slice(0, query.limit);
  const ids = page.map((row) => String(row.courseId));
  if (ids.length === 0) return { items: [], nextCursor: null, total, totalCapped };
  const courses = await listByIds(backend, COURSES, ids, { queries: courseFilters(query) });
  const byId = new Map(courses.map((row) => [row.$id, parseCourse(row)]));
  const ordered = ids.flatMap((id) => byId.get(id) ?? []);
  const nextCursor = rows.length > query.limit ? (page.at(-1)?.$id ?? null) : null;
  return { items: await summarize(backend, ordered), nextCursor, total, totalCapped };
}

export async function listCatalog(backend: Backend, query: CatalogQuery): Promise<CoursePage> {
  if (query.tag) return listByTag(backend, { ...query, tag: query.tag });
  const { rows, total, totalCapped } = await backend.tables.list({
    ...COURSES,
    queries: catalogQueries(query),
  });
  const page = rows.slice(0, query.limit).map(parseCourse);
  const nextCursor = rows.length > query.limit ? (page.at(-1)?.$id ?? null) : null;
  return { items: await summarize(backend, page), nextCursor, total, totalCapped };
}

export type { CourseOutlineLesson };

export type CourseInstructor = InstructorSummary & { bio: string };

export type CourseDetail = Omit<CourseSummary, 'instructor'> & {
  instructor: CourseInstructor;
  /** The description's paragraphs, without the list that became `outcomes`. */
  about: string[];
  /**
   * "What you'll learn": the description's first list, else the lessons' one-line
   * summaries (public like their titles: a syllabus).
   */
  outcomes: string[];
  lessons: CourseOutlineLesson[];
  canEdit: boolean;
  /** The team the course belongs to and its members, who teach it with the author; null: none. */
  teachingTeam: TeachingTeam | null;
};

/** A description line that is a list item: "- ", "* ", "• " or "1. " / "1) " and then text. */
const LIST_ITEM = /^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+(\S.*)$/;

/**
 * Splits a plain-text description into paragraphs and its first list (decision 0021):
 * instructors write "What you'll learn" as a list in the description, no extra field.
 */
export function readDescription(description: string): { about: string[]; outcomes: string[] } {
  const about: string[] = [];
  const outcomes: string[] = [];
  let paragraph: string[] = [];
  let list: 'before' | 'in' | 'after' = 'before';
  const endParagraph = () => {
    if (paragraph.length > 0) about.push(paragraph.join(' '));
    paragraph = [];
  };
  for (const line of description.split(/\r?\n/)) {
    const item = list !== 'after' ? LIST_ITEM.exec(line) : null;
    if (item?.[1]) {
      endParagraph();
      list = 'in';
      outcomes.push(item[1].trim());
    } else if (line.trim() === '') {
      endParagraph();
    } else {
      if (list === 'in') list = 'after';
      paragraph.push(line.trim());
    }
  }
  endParagraph();
  return { about, outcomes };
}

const MAX_OUTCOMES = 8;

/**
 * A draft is NOT_FOUND for everyone but its editors: its existence is not revealed.
 * Only reads: the course page records its view itself (page-views.ts).
 */
export async function getCourse(scope: ServiceScope, courseId: string): Promise<CourseDetail> {
  const { backend, access } = scope;
  const course = await findCourse(backend, courseId);
  if (!course || !(await canSeeCourse(access, course))) throw new ServiceError('not_found', NO_SUCH_COURSE);
  const [lessons, profile, teachingTeam] = await Promise.all([
    lessonsOf(backend, courseId),
    findProfile(backend, course.instructor),
    teachingTeamOf(backend, course),
  ]);
  // A deleted instructor's courses pass to an admin (decision 0007); until then, say so.
  const instructor: CourseInstructor = profile
    ? { id: course.instructor, name: profile.name, avatarUrl: avatarUrlOf(profile.avatar), bio: profile.bio }
    : { id: course.instructor, name: 'Former instructor', avatarUrl: null, bio: '' };
  const { about, outcomes } = readDescription(course.description);
  // The members were just read: someone not among them holds nothing through the team,
  // so their answer needs no membership reads of its own (issue 14's page budget).
  const inTeam = teachingTeam?.members.some((member) => member.id === access.userId) ?? false;
  const canEdit = await canEditCourse(access, inTeam ? course : { ...course, teamId: null });
  const fromLessons = lessons.map((lesson) => lesson.description.trim()).filter(Boolean);
  return {
    ...toSummary(course, instructor, lessons.length),
    instructor,
    about,
    outcomes: (outcomes.length > 0 ? outcomes : fromLessons).slice(0, MAX_OUTCOMES),
    lessons: outlineOf(lessons, canEdit),
    canEdit,
    teachingTeam,
  };
}

/**
 * An instructor's course in their list: the summary, plus how many of its lessons have a
 * video that stopped playing, and where it is in review (decision 0040).
 */
export type MyCourseSummary = CourseSummary & {
  lessonsWithVideoIssues: number;
  reviewStatus: ReviewStatus | null;
};
export interface MyCoursePage extends Omit<CoursePage, 'items'> {
  items: MyCourseSummary[];
}

/** Flagged lessons of a page of courses, in one read (a page holds at most 100 courses; listByIds pages past 1,000 lessons). */
async function videoIssuesByCourse(backend: Backend, courseIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const rows = await listByIds(backend, LESSONS, courseIds, {
    column: 'courseId',
    queries: [Query.isNotNull('videoIssue'), Query.select(['$id', 'courseId'])],
  });
  for (const row of rows) {
    if (typeof row.courseId === 'string') counts.set(row.courseId, (counts.get(row.courseId) ?? 0) + 1);
  }
  return counts;
}

/** The caller's own courses, drafts included, most recently changed first. */
export async function myCourses(
  scope: SignedInScope,
  page: { cursor?: string; limit: number },
): Promise<MyCoursePage> {
  const { backend, actor } = scope;
  const queries = [
    Query.equal('instructor', actor.id),
    Query.orderDesc('updatedAt'),
    Query.limit(page.limit + 1),
  ];
  if (page.cursor) queries.push(Query.cursorAfter(page.cursor));
  const { rows, total, totalCapped } = await backend.tables.list({ ...COURSES, queries });
  const courses = rows.slice(0, page.limit).map(parseCourse);
  const nextCursor = rows.length > page.limit ? (courses.at(-1)?.$id ?? null) : null;
  const [items, issues] = await Promise.all([
    summarize(backend, courses),
    videoIssuesByCourse(
      backend,
      courses.map((course) => course.$id),
    ),
  ]);
  const reviewStatuses = new Map(courses.map((course) => [course.$id, course.reviewStatus]));
  return {
    items: items.map((item) => ({
      ...item,
      lessonsWithVideoIssues: issues.get(item.id) ?? 0,
      reviewStatus: reviewStatuses.get(item.id) ?? null,
    })),
    nextCursor,
    total,
    totalCapped,
  };
}
