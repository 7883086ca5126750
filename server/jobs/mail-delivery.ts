/**
 * Mail delivery (decision 0024). `mail-delivery` runs on every new row of the mail outbox
 * and sends it; `mail-catch-up` runs every minute and sends whatever is due: messages whose
 * earlier send failed (their `nextAttemptAt` has come), messages whose event was missed,
 * and messages a delivery claimed but never finished (it died mid-send).
 *
 * Neither retriggers itself: their writes are updates, and mail-delivery listens to
 * `create` only. Both are idempotent: a message is claimed with a compare-and-set before
 * it is sent and marked sent right after (services/mail/deliver.ts). Without SMTP both
 * leave every message waiting, for admins to read at /admin/mail.
 */
import { z } from 'zod';
import { deliverMail, sendDueMail } from '../services/mail/deliver';
import { mailRowSchema } from '../services/mail/records';
import type { EventJob, ScheduledJob } from './job';

export const MAIL_CATCH_UP = 'mail-catch-up';

export const mailDeliveryJob: EventJob<z.output<typeof mailRowSchema>> = {
  name: 'mail-delivery',
  description:
    'Sends a message queued in the mail outbox through SMTP (kept for admins when no SMTP is set).',
  events: ['databases.aurora_main.tables.mail_messages.rows.*.create'],
  catchUp: MAIL_CATCH_UP,
  payload: mailRowSchema,
  async handle(row, context) {
    // The event's copy of the row may be stale (a catch-up may have sent it since): the
    // delivery reads the row again before anything is sent.
    const outcome = await deliverMail(context, row.$id);
    // Kept in the outbox (no SMTP) or already handled: nothing an operator needs to read.
    if (outcome === 'sent') context.logger.info('mail sent', { messageId: row.$id, kind: row.kind });
  },
};

export const mailCatchUpJob: ScheduledJob<Record<string, never>> = {
  name: MAIL_CATCH_UP,
  description: 'Every minute: sends outbox mail that is due (retries, missed events, interrupted sends).',
  schedule: '* * * * *',
  payload: z.object({}),
  async handle(_payload, context) {
    const result = await sendDueMail(context);
    if (result.sent > 0) context.logger.info('mail catch-up sent messages', { sent: result.sent });
    // Not thrown: the failure is on the message (/admin/mail) and the next minute retries.
    if (result.stoppedBy)
      context.logger.error('mail catch-up stopped: SMTP failed', { error: result.stoppedBy });
  },
};
