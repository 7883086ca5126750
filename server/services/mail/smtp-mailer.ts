/**
 * The Mailer a server runs with: SMTP through nodemailer when `SMTP_URL` is set
 * (`smtp://user:pass@host:587` with STARTTLS when offered, `smtps://…:465` for TLS from
 * the start), otherwise the outbox-only mailer, which sends nothing and leaves every
 * message waiting for admins to read at /admin/mail.
 *
 * Connections are pooled (a burst of welcome mails reuses a few connections rather than
 * opening one per message) and every wait is bounded, so a hung SMTP server makes a send
 * fail (and be retried) instead of holding a job forever.
 */
import nodemailer from 'nodemailer';
import type { Env } from '../../env';
import { outboxOnlyMailer, type Mailer } from './mailer';

const TIMEOUTS = {
  /** To open the TCP (and TLS) connection. */
  connectionTimeout: 10_000,
  /** For the server's greeting once connected. */
  greetingTimeout: 10_000,
  /** Of silence on an open connection. */
  socketTimeout: 30_000,
};

export interface SmtpMailerOptions {
  url: string;
  from: string;
  /** Pooled connections kept open at once. */
  maxConnections?: number;
}

export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const url = new URL(options.url);
  const secure = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: options.maxConnections ?? 3,
    maxMessages: 100,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    ...TIMEOUTS,
  });
  // A pooled connection that drops while idle is replaced at the next send; the error
  // must not go unheard (an EventEmitter's unhandled 'error' ends the process).
  transport.on('error', (error) => console.error(`[mail] SMTP connection error: ${error.message}`));
  return {
    transport: 'smtp',
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: mail.headers,
      });
      return { messageId: info.messageId };
    },
    async close() {
      transport.close();
    },
  };
}

/** The mailer for this configuration: SMTP when `SMTP_URL` is set, else the outbox only. */
export function createMailer(env: Pick<Env, 'smtpUrl' | 'mailFrom'>): Mailer {
  return env.smtpUrl ? createSmtpMailer({ url: env.smtpUrl, from: env.mailFrom }) : outboxOnlyMailer;
}
