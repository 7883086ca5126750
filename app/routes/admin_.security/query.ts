import { SECURITY_ACTIONS } from '~/lib/video';

export interface SecurityQuery {
  email: string;
  action: string | null;
  /** As typed in a datetime-local field (YYYY-MM-DDTHH:MM), read as UTC. */
  from: string;
  to: string;
  cursor: string | null;
}

const LOCAL_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** The log's filters from the URL; anything unexpected is dropped rather than an error. */
export function securityQueryOf(url: URL): SecurityQuery {
  const action = url.searchParams.get('action');
  const minute = (name: string) => {
    const value = (url.searchParams.get(name) ?? '').trim().slice(0, 16);
    return LOCAL_MINUTE.test(value) && !Number.isNaN(Date.parse(`${value}:00Z`)) ? value : '';
  };
  return {
    email: (url.searchParams.get('email') ?? '').trim().slice(0, 320),
    action: SECURITY_ACTIONS.find((known) => known.value === action)?.value ?? null,
    from: minute('from'),
    to: minute('to'),
    cursor: url.searchParams.get('cursor') || null,
  };
}

/** The URL of a page of the log with the same filters. */
export function securityHref(query: SecurityQuery): string {
  const params = new URLSearchParams();
  if (query.email) params.set('email', query.email);
  if (query.action) params.set('action', query.action);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.cursor) params.set('cursor', query.cursor);
  const search = params.toString();
  return search ? `/admin/security?${search}` : '/admin/security';
}

/** The procedure's input: the minutes as UTC instants, "to" through the end of its minute. */
export function securityFilterOf(query: SecurityQuery) {
  return {
    userEmail: query.email || undefined,
    action: query.action ?? undefined,
    from: query.from ? `${query.from}:00.000Z` : undefined,
    to: query.to ? `${query.to}:59.999Z` : undefined,
    cursor: query.cursor ?? undefined,
  };
}
