export const COURSE_STATUS_FILTERS = ['published', 'draft'] as const;
export type CourseStatusFilter = (typeof COURSE_STATUS_FILTERS)[number];

export interface CoursesQuery {
  q: string;
  status: CourseStatusFilter | null;
  cursor: string | null;
}

/** The list's state from the URL; anything unexpected is ignored rather than an error. */
export function coursesQueryOf(url: URL): CoursesQuery {
  const status = url.searchParams.get('status');
  return {
    q: (url.searchParams.get('q') ?? '').trim().slice(0, 100),
    status: COURSE_STATUS_FILTERS.find((known) => known === status) ?? null,
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
