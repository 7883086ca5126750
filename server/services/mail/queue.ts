/**
 * Queuing a message: one row in the mail outbox, named by an idempotency key (e.g.
 * `welcome:<enrollmentId>`). The key's unique index makes a second call with the same
 * key write nothing, so a job delivered twice still queues one mail. The row's `create`
 * event starts its delivery (server/jobs/mail-delivery.ts).
 */
import { z } from 'zod';
import type { Backend } from '../../backend/port';
import { isBackendError } from '../../backend/errors';
import { ServiceError } from '../errors';
import { MAIL_LIMITS, renderedMailSchema, type RenderedMail } from './rendered';
import { MAIL_MESSAGES } from '../tables';

export const queueMailSchema = z.object({
  key: z
    .string()
    .min(1)
    .max(MAIL_LIMITS.key)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, 'a mail key is letters, digits and . _ : @ -'),
  to: z.email().max(254),
  userId: z.string().min(1).max(36).nullish(),
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'a mail kind is lower-case words joined by dashes')
    .max(MAIL_LIMITS.kind),
  rendered: renderedMailSchema,
});

export interface QueueMailInput {
  key: string;
  to: string;
  userId?: string | null;
  kind: string;
  rendered: RenderedMail;
}

export type QueueResult = 'queued' | 'duplicate';

export async function queueMail(backend: Backend, input: QueueMailInput, now: Date): Promise<QueueResult> {
  const parsed = queueMailSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServiceError(
      'bad_request',
      `This mail cannot be queued: ${issue ? `${issue.path.join('.') || 'input'}: ${issue.message}` : 'invalid'}`,
    );
  }
  const mail = parsed.data;
  const at = now.toISOString();
  try {
    await backend.tables.create({
      ...MAIL_MESSAGES,
      data: {
        key: mail.key,
        to: mail.to,
        userId: mail.userId ?? null,
        kind: mail.kind,
        subject: mail.rendered.subject,
        html: mail.rendered.html,
        text: mail.rendered.text,
        headers: JSON.stringify(mail.rendered.headers),
        status: 'waiting',
        attempts: 0,
        lastError: null,
        messageId: null,
        nextAttemptAt: at,
        sentAt: null,
        createdAt: at,
      },
    });
    return 'queued';
  } catch (error) {
    if (isBackendError(error, 'conflict')) return 'duplicate';
    throw error;
  }
}
