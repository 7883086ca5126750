import type { Caller } from '../../../server/trpc/root';

/** The statuses an admin can narrow the outbox to, with the words the page uses. */
export const MAIL_STATUS_FILTERS = [
  { value: 'waiting', label: 'Waiting' },
  { value: 'sending', label: 'Sending' },
  { value: 'sent', label: 'Sent' },
  { value: 'failed', label: 'Failed' },
] as const;
export type MailStatus = (typeof MAIL_STATUS_FILTERS)[number]['value'];

export type MailListItem = Awaited<ReturnType<Caller['mail']['list']>>['items'][number];

export interface MailQuery {
  status: MailStatus | null;
  cursor: string | null;
}

/** The list's state from the URL; anything unexpected is ignored rather than an error. */
export function mailQueryOf(url: URL): MailQuery {
  const status = url.searchParams.get('status');
  return {
    status: MAIL_STATUS_FILTERS.find((known) => known.value === status)?.value ?? null,
    cursor: url.searchParams.get('cursor') || null,
  };
}

/** The URL of a page of the outbox with the same filter. */
export function mailHref(query: MailQuery): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.cursor) params.set('cursor', query.cursor);
  const search = params.toString();
  return search ? `/admin/mail?${search}` : '/admin/mail';
}

export const mailMessageHref = (messageId: string) => `/admin/mail/${encodeURIComponent(messageId)}`;
