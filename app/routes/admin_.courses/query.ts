import { COURSE_STATUSES, SEARCH_MAX_LENGTH } from '../../../shared/fields/limits';

export type CourseStatusFilter = (typeof COURSE_STATUSES)[number];

export interface CoursesQuery {
  q: string;
  status: CourseStatusFilter | null;
  cursor: string | null;
}

/** The list's state from the URL; anything unexpected is ignored rather than an error. */
export function coursesQueryOf(url: URL): CoursesQuery {
  const status = url.searchParams.get('status');
  return {
    q: (url.searchParams.get('q') ?? '').trim().slice(0, SEARCH_MAX_LENGTH),
    status: COURSE_STATUSES.find((known) => known === status) ?? null,
    cursor: url.searchParams.get('cursor') || null,
  };
}

/** The URL of a page of the list with the same search and filter. */
export function coursesHref(query: CoursesQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.status) params.set('status', query.status);
  if (query.cursor) params.set('cursor', query.cursor);
  const search = params.toString();
  return search ? `/admin/courses?${search}` : '/admin/courses';
}
