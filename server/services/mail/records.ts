/**
 * The mail outbox, `mail_messages`: every message Aurora means to send, sent or not. It
 * is the source of truth (decision 0024): the mailer only ever sends what a row holds,
 * and a row's status says what became of it.
 */
import { z } from 'zod';
import { rowDatetime } from '../rows';

/**
 * waiting: to be sent (or, without SMTP, kept for admins to read); sending: claimed by a
 * delivery, which holds it until `nextAttemptAt`; sent; failed: gave up after MAX_ATTEMPTS.
 */
export const MAIL_STATUSES = ['waiting', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

const nullableText = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

export const mailRowSchema = z.object({
  $id: z.string(),
  key: z.string(),
  to: z.string(),
  userId: nullableText,
  kind: z.string(),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  attempts: z
    .number()
    .int()
    .nullish()
    .transform((value) => value ?? 0),
  lastError: nullableText,
  messageId: nullableText,
  nextAttemptAt: rowDatetime,
  sentAt: rowDatetime.nullish().transform((value) => value ?? null),
  createdAt: rowDatetime,
});
export type MailRecord = z.output<typeof mailRowSchema>;
export const parseMailRow = (row: unknown): MailRecord => mailRowSchema.parse(row);

/** The whole message, parts included (a row read without `select`). */
export const fullMailRowSchema = mailRowSchema.extend({
  html: z.string(),
  text: z.string(),
  headers: z.string(),
});
export type FullMailRecord = z.output<typeof fullMailRowSchema>;
export const parseFullMailRow = (row: unknown): FullMailRecord => fullMailRowSchema.parse(row);

/** The columns a list reads: everything but the (large) parts. */
export const MAIL_SUMMARY_COLUMNS = [
  '$id',
  'key',
  'to',
  'userId',
  'kind',
  'subject',
  'status',
  'attempts',
  'lastError',
  'messageId',
  'nextAttemptAt',
  'sentAt',
  'createdAt',
];
