/**
 * Sending one outbox row, safely under at-least-once delivery (decision 0024):
 *  1. re-read the row; only `waiting` rows (or `sending` rows whose holder vanished) go on;
 *  2. claim it with a compare-and-set on (status, attempts): of two deliveries racing for
 *     one row, one wins and the other sends nothing;
 *  3. send, then mark it `sent` at once.
 * A failed send puts the row back to `waiting` with the error and a later `nextAttemptAt`
 * (or `failed` after MAX_ATTEMPTS) and throws, so the job runner retries it; a delivery that
 * dies mid-send leaves a `sending` row the catch-up job takes once its hold expires.
 */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import { isBackendError } from '../../backend/errors';
import type { Mailer } from './mailer';
import { parseFullMailRow, type MailRecord } from './records';
import { MAIL_LIMITS, parseStoredHeaders } from './rendered';
import { MAIL_MESSAGES } from '../tables';
import { doublingDelay } from '../backoff';

/** After this many failed sends a message is `failed` and no longer retried. */
export const MAX_ATTEMPTS = 20;
/** How long a claimed row is held by its delivery before another may take it over. */
export const SENDING_HOLD_MS = 10 * 60 * 1000;

/** 30 s, 1 min, 2 min, ... capped at an hour: the wait before the catch-up retries. */
export function retryDelayMs(attempt: number): number {
  return doublingDelay(attempt, { firstMs: 30_000, maxMs: 60 * 60 * 1000 });
}

export interface DeliveryDeps {
  backend: Backend;
  mailer: Mailer;
  now: () => Date;
}

export type DeliveryOutcome =
  /** Handed to the SMTP server and marked sent. */
  | 'sent'
  /** No SMTP: the message stays waiting, readable by admins. */
  | 'kept-in-outbox'
  /** Already sent, failed for good, or held by another delivery: nothing to do. */
  | 'not-due'
  /** Another delivery claimed it between our read and our claim. */
  | 'claimed-elsewhere'
  /** The row no longer exists. */
  | 'gone';

export class MailSendError extends Error {
  override readonly name = 'MailSendError';
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAIL_LIMITS.lastError);
}

/** Whether this row may be claimed now: waiting, or sending with its hold run out. */
export function isClaimable(row: Pick<MailRecord, 'status' | 'nextAttemptAt'>, now: Date): boolean {
  if (row.status === 'waiting') return true;
  return row.status === 'sending' && Date.parse(row.nextAttemptAt) <= now.getTime();
}

async function readRow(backend: Backend, messageId: string) {
  try {
    return parseFullMailRow(await backend.tables.get({ ...MAIL_MESSAGES, rowId: messageId }));
  } catch (error) {
    if (isBackendError(error, 'not_found')) return null;
    throw error;
  }
}

export async function deliverMail(deps: DeliveryDeps, messageId: string): Promise<DeliveryOutcome> {
  const { backend, mailer } = deps;
  const row = await readRow(backend, messageId);
  if (!row) return 'gone';
  if (!isClaimable(row, deps.now())) return 'not-due';
  if (mailer.transport === 'outbox') return 'kept-in-outbox';

  const attempt = row.attempts + 1;
  const claimed = await backend.tables.updateIf({
    ...MAIL_MESSAGES,
    rowId: row.$id,
    where: [Query.equal('status', [row.status]), Query.equal('attempts', [row.attempts])],
    data: {
      status: 'sending',
      attempts: attempt,
      nextAttemptAt: new Date(deps.now().getTime() + SENDING_HOLD_MS).toISOString(),
    },
  });
  if (!claimed) return 'claimed-elsewhere';

  let smtpMessageId: string;
  try {
    ({ messageId: smtpMessageId } = await mailer.send({
      to: row.to,
      subject: row.subject,
      html: row.html,
      text: row.text,
      headers: parseStoredHeaders(row.headers),
    }));
  } catch (error) {
    const gaveUp = attempt >= MAX_ATTEMPTS;
    await backend.tables.update({
      ...MAIL_MESSAGES,
      rowId: row.$id,
      data: {
        status: gaveUp ? 'failed' : 'waiting',
        lastError: describe(error),
        nextAttemptAt: new Date(deps.now().getTime() + retryDelayMs(attempt)).toISOString(),
      },
    });
    throw new MailSendError(
      `mail ${row.$id} (${row.kind}) was not sent, attempt ${attempt}${gaveUp ? ', giving up' : ''}: ${describe(error)}`,
      { cause: error },
    );
  }
  await backend.tables.update({
    ...MAIL_MESSAGES,
    rowId: row.$id,
    data: {
      status: 'sent',
      sentAt: deps.now().toISOString(),
      messageId: smtpMessageId.slice(0, MAIL_LIMITS.messageId),
      lastError: null,
    },
  });
  return 'sent';
}

export interface CatchUpResult {
  sent: number;
  /** Waiting rows left alone because no SMTP server is configured. */
  keptInOutbox: boolean;
  /** The SMTP failure that ended the run early (it is also recorded on the message). */
  stoppedBy: string | null;
}

const CATCH_UP_BATCH = 50;
/** A run sends at most this many; the next minute's run takes the rest. */
const CATCH_UP_MAX = 1000;

/**
 * Sends every message that is due: waiting with `nextAttemptAt` passed, or held by a
 * delivery that never finished. Stops at the first SMTP failure: the server is likely
 * down, the failure is on the message (attempts, lastError, a later nextAttemptAt) and
 * the next run tries again, so it is reported, not thrown.
 */
export async function sendDueMail(deps: DeliveryDeps): Promise<CatchUpResult> {
  if (deps.mailer.transport === 'outbox') return { sent: 0, keptInOutbox: true, stoppedBy: null };
  let sent = 0;
  const skipped = new Set<string>();
  while (sent + skipped.size < CATCH_UP_MAX) {
    const now = deps.now().toISOString();
    const { rows } = await deps.backend.tables.list({
      ...MAIL_MESSAGES,
      queries: [
        Query.equal('status', ['waiting', 'sending']),
        Query.lessThanEqual('nextAttemptAt', now),
        Query.orderAsc('nextAttemptAt'),
        Query.limit(CATCH_UP_BATCH + skipped.size),
        Query.select(['$id']),
      ],
    });
    const fresh = rows.filter((row) => !skipped.has(row.$id));
    if (fresh.length === 0) break;
    for (const row of fresh) {
      let outcome: DeliveryOutcome;
      try {
        outcome = await deliverMail(deps, row.$id);
      } catch (error) {
        if (error instanceof MailSendError) return { sent, keptInOutbox: false, stoppedBy: error.message };
        throw error;
      }
      if (outcome === 'sent') sent += 1;
      else skipped.add(row.$id);
    }
  }
  return { sent, keptInOutbox: false, stoppedBy: null };
}
