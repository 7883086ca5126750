/**
 * What admins read at /admin/mail: the outbox, newest first, with each message whole
 * (both parts and the headers) on request. A list reads no message bodies (`select`)
 * and makes one backend call whatever the page size.
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import { isBackendError } from '../../backend/errors';
import { ServiceError } from '../errors';
import {
  MAIL_SUMMARY_COLUMNS,
  parseFullMailRow,
  parseMailRow,
  type MailRecord,
  type MailStatus,
} from './records';
import { parseStoredHeaders } from './rendered';
import { MAIL_MESSAGES } from '../tables';

export interface MailListItem {
  id: string;
  to: string;
  subject: string;
  kind: string;
  status: MailStatus;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
}

export interface MailMessage extends MailListItem {
  key: string;
  userId: string | null;
  messageId: string | null;
  nextAttemptAt: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export interface MailListQuery {
  cursor?: string | undefined;
  limit: number;
  status?: MailStatus | undefined;
}

const toListItem = (row: MailRecord): MailListItem => ({
  id: row.$id,
  to: row.to,
  subject: row.subject,
  kind: row.kind,
  status: row.status,
  createdAt: row.createdAt,
  sentAt: row.sentAt,
  attempts: row.attempts,
  lastError: row.lastError,
});

export async function listMail(
  backend: Backend,
  query: MailListQuery,
): Promise<{ items: MailListItem[]; nextCursor: string | null; total: number; totalCapped: boolean }> {
  const queries = [
    Query.select(MAIL_SUMMARY_COLUMNS),
    Query.orderDesc('createdAt'),
    Query.limit(query.limit + 1),
  ];
  if (query.status) queries.push(Query.equal('status', [query.status]));
  if (query.cursor) queries.push(Query.cursorAfter(query.cursor));
  const { rows, total, totalCapped } = await backend.tables.list({ ...MAIL_MESSAGES, queries });
  const items = rows.slice(0, query.limit).map((row) => toListItem(parseMailRow(row)));
  const nextCursor = rows.length > query.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, nextCursor, total, totalCapped };
}

export const NO_SUCH_MAIL = 'That message does not exist (it may have been deleted).';

export async function getMail(backend: Backend, messageId: string): Promise<MailMessage> {
  let row;
  try {
    row = parseFullMailRow(await backend.tables.get({ ...MAIL_MESSAGES, rowId: messageId }));
  } catch (error) {
    if (isBackendError(error, 'not_found')) throw new ServiceError('not_found', NO_SUCH_MAIL);
    throw error;
  }
  return {
    ...toListItem(row),
    key: row.key,
    userId: row.userId,
    messageId: row.messageId,
    nextAttemptAt: row.nextAttemptAt,
    html: row.html,
    text: row.text,
    headers: parseStoredHeaders(row.headers),
  };
}
