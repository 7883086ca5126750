import { isRole, SEARCH_MAX_LENGTH } from '../../../shared/fields/limits';
import type { Role } from '~/lib/viewer';

export interface PeopleQuery {
  q: string;
  role: Role | null;
  cursor: string | null;
}

/** The list's state from the URL; anything unexpected is ignored rather than an error. */
export function peopleQueryOf(url: URL): PeopleQuery {
  const role = url.searchParams.get('role');
  return {
    q: (url.searchParams.get('q') ?? '').trim().slice(0, SEARCH_MAX_LENGTH),
    role: isRole(role) ? role : null,
    cursor: url.searchParams.get('cursor') || null,
  };
}

/** The URL of a page of the list with the same search and filter. */
export function peopleHref(query: PeopleQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.role) params.set('role', query.role);
  if (query.cursor) params.set('cursor', query.cursor);
  const search = params.toString();
  return search ? `/admin?${search}` : '/admin';
}
