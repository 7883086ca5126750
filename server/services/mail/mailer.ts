/**
 * The one way mail leaves Aurora. Services and jobs queue a message in the mail outbox
 * (`mail_messages`, see queue.ts); the mail-delivery job hands it to the Mailer. With
 * `SMTP_URL` set the Mailer speaks SMTP (nodemailer); without it nothing is sent and
 * the message stays readable by admins at /admin/mail.
 */

/** A rendered message, ready for the wire. */
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post`. */
  headers: Record<string, string>;
}

export interface Mailer {
  /** `smtp`: messages are sent; `outbox`: they wait in mail_messages for an admin to read. */
  readonly transport: 'smtp' | 'outbox';
  /** Sends one message; throws when the SMTP server refuses or cannot be reached. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

/** The Mailer of a setup without SMTP: sending is not possible, so nothing is attempted. */
export const outboxOnlyMailer: Mailer = {
  transport: 'outbox',
  async send() {
    throw new Error('no SMTP server is configured (SMTP_URL); mail stays in the outbox');
  },
  async close() {},
};
