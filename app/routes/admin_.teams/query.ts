import { SEARCH_MAX_LENGTH } from '../../../shared/fields/limits';

export const TEAMS_PAGE_SIZE = 25;

export interface TeamsQuery {
  q: string;
  /** Teams are paged by offset (the port lists them by creation, a page at a time). */
  offset: number;
}

/** The list's state from the URL; anything unexpected is ignored rather than an error. */
export function teamsQueryOf(url: URL): TeamsQuery {
  const offset = Number(url.searchParams.get('offset') ?? 0);
  return {
    q: (url.searchParams.get('q') ?? '').trim().slice(0, SEARCH_MAX_LENGTH),
    offset: Number.isInteger(offset) && offset > 0 && offset <= 100_000 ? offset : 0,
  };
}

export function teamsHref(query: TeamsQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.offset) params.set('offset', String(query.offset));
  const search = params.toString();
  return search ? `/admin/teams?${search}` : '/admin/teams';
}
