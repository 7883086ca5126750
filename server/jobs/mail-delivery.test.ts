/**
 * Mail from the outbox to a real SMTP server (started in the test): queued once, sent
 * once, with both parts and the list headers; retried after the SMTP server was down;
 * kept waiting when no SMTP server is configured.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../tests/helpers/services';
import { startSmtpServer, type TestSmtpServer } from '../../tests/helpers/smtp';
import type { OutboxEntry } from '../backend/events';
import { createEmbeddedBackend } from '../backend/embedded/index';
import { deliverMail } from '../services/mail/deliver';
import { outboxOnlyMailer, type Mailer } from '../services/mail/mailer';
import { queueMail, type QueueMailInput } from '../services/mail/queue';
import { parseFullMailRow } from '../services/mail/records';
import { createSmtpMailer } from '../services/mail/smtp-mailer';
import { welcomeMail } from '../services/mail/templates/welcome';
import type { JobContext, JobLogger } from './job';
import { mailCatchUpJob, mailDeliveryJob } from './mail-delivery';
import { assertValidJobs } from './registry-check';
import { createJobRunner } from './runner';
import { MAIL_MESSAGES } from '../services/tables';

let smtp: TestSmtpServer;
let services: TestServices;
let mailer: Mailer;
let clock: Date;
const logs: string[] = [];
const logger: JobLogger = {
  info: (message) => logs.push(message),
  error: (message) => logs.push(`error: ${message}`),
};

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  clock = new Date('2026-03-02T10:00:00.000Z');
  services = await createTestServices({
    env: { AURORA_PUBLIC_URL: 'https://learn.example.org' },
    now: () => clock,
  });
  mailer = createSmtpMailer({ url: smtp.url, from: services.env.mailFrom });
  smtp.received.length = 0;
});
afterEach(async () => {
  await mailer.close();
  await smtp.start();
  await services.cleanup();
});

const contextWith = (withMailer: Mailer): JobContext => ({
  backend: services.backend,
  mailer: withMailer,
  env: services.env,
  now: () => clock,
  logger,
});

function welcome(key: string): QueueMailInput {
  return {
    key,
    to: 'ada@example.test',
    userId: 'user-ada',
    kind: 'welcome',
    rendered: welcomeMail(
      {
        learnerName: 'Ada <Lovelace>',
        courseTitle: 'Engines & Numbers',
        instructorName: 'Charles',
        firstLessonUrl: 'https://learn.example.org/courses/c1/lessons/l1',
        courseUrl: 'https://learn.example.org/courses/c1',
      },
      { publicUrl: services.env.publicUrl },
    ),
  };
}

/** Delivers every waiting backend event to mail-delivery, as the runner does; returns the failures. */
async function deliverEvents(context: JobContext): Promise<string[]> {
  const failures: string[] = [];
  const entries: OutboxEntry[] = await services.backend.outbox.claim({ limit: 100, leaseMs: 60_000 });
  for (const entry of entries) {
    if (!/^databases\.aurora_main\.tables\.mail_messages\.rows\.[^.]+\.create$/.test(entry.name)) {
      await services.backend.outbox.complete(entry.id);
      continue;
    }
    try {
      await mailDeliveryJob.handle(mailDeliveryJob.payload.parse(entry.payload), context, {
        trigger: 'event',
        event: entry.name,
      });
      await services.backend.outbox.complete(entry.id);
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
      await services.backend.outbox.fail(entry.id, { error: 'failed', retryAt: clock, deadLetter: false });
    }
  }
  return failures;
}

async function onlyRow() {
  const { rows } = await services.backend.tables.list({ ...MAIL_MESSAGES });
  expect(rows).toHaveLength(1);
  return parseFullMailRow(rows[0]);
}

describe('mail delivery', () => {
  it('declares jobs the registry and Appwrite accept: a create pattern and a catch-up every minute', () => {
    expect(() => assertValidJobs([mailDeliveryJob, mailCatchUpJob])).not.toThrow();
    expect(mailDeliveryJob.events.every((pattern) => pattern.endsWith('.create'))).toBe(true);
    expect(mailDeliveryJob.catchUp).toBe(mailCatchUpJob.name);
  });

  it('sends a queued message once, with an HTML and a text part and both list headers', async () => {
    expect(await queueMail(services.backend, welcome('welcome:e1'), clock)).toBe('queued');
    expect(await deliverEvents(contextWith(mailer))).toEqual([]);

    const [mail] = await smtp.waitFor(1);
    expect(mail?.envelopeTo).toEqual(['ada@example.test']);
    const parsed = mail?.parsed;
    expect(parsed?.subject).toBe('Welcome to Engines & Numbers');
    expect(parsed?.from?.value).toEqual([{ name: 'Aurora', address: 'no-reply@learn.example.org' }]);
    expect(parsed?.html).toContain('Hi Ada &lt;Lovelace&gt;,');
    expect(parsed?.html).not.toContain('<Lovelace>');
    expect(parsed?.html).toContain('href="https://learn.example.org/courses/c1/lessons/l1"');
    expect(parsed?.text).toContain('Hi Ada <Lovelace>,');
    expect(parsed?.text).toContain('Start the first lesson: https://learn.example.org/courses/c1/lessons/l1');
    // As a mail client reads them: the raw header lines.
    const lines = parsed?.headerLines.map((header) => header.line) ?? [];
    expect(lines).toContain('List-Unsubscribe: <https://learn.example.org/account#notifications>');
    expect(lines).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    const row = await onlyRow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sentAt: clock.toISOString(), lastError: null });
    expect(row.messageId).toBe(parsed?.messageId);

    // The same event again (at-least-once delivery), and a catch-up run: nothing more is sent.
    await mailDeliveryJob.handle(mailDeliveryJob.payload.parse(row), contextWith(mailer), {
      trigger: 'event',
      event: 'again',
    });
    await mailCatchUpJob.handle({}, contextWith(mailer), { trigger: 'schedule', scheduledFor: clock });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received).toHaveLength(1);
  });

  it('queues a key once: a duplicate writes nothing and sends nothing', async () => {
    expect(await queueMail(services.backend, welcome('welcome:e2'), clock)).toBe('queued');
    const other = { ...welcome('welcome:e2'), to: 'someone-else@example.test' };
    expect(await queueMail(services.backend, other, clock)).toBe('duplicate');
    expect(await deliverEvents(contextWith(mailer))).toEqual([]);
    await smtp.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.map((mail) => mail.envelopeTo)).toEqual([['ada@example.test']]);
    expect((await onlyRow()).to).toBe('ada@example.test');
  });

  it('sends once when two deliveries race for the same message', async () => {
    await queueMail(services.backend, welcome('welcome:race'), clock);
    const row = await onlyRow();
    const outcomes = await Promise.all([
      deliverMail(contextWith(mailer), row.$id),
      deliverMail(contextWith(mailer), row.$id),
    ]);
    expect(outcomes.sort()).toEqual(['claimed-elsewhere', 'sent']);
    await smtp.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received).toHaveLength(1);
  });

  it('records a failed attempt while SMTP is down, and the catch-up sends it once SMTP is back', async () => {
    await smtp.stop();
    await queueMail(services.backend, welcome('welcome:e3'), clock);
    const failures = await deliverEvents(contextWith(mailer));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/not sent, attempt 1/);

    const failed = await onlyRow();
    expect(failed.status).toBe('waiting');
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(failed.nextAttemptAt).toBe(new Date(clock.getTime() + 30_000).toISOString());

    // Not due yet: the catch-up leaves it alone.
    await smtp.start();
    await mailCatchUpJob.handle({}, contextWith(mailer), { trigger: 'schedule', scheduledFor: clock });
    expect((await onlyRow()).status).toBe('waiting');

    // Due, but SMTP is down again: the catch-up records the attempt and stops, without throwing.
    await smtp.stop();
    clock = new Date(clock.getTime() + 60_000);
    await mailCatchUpJob.handle({}, contextWith(mailer), { trigger: 'schedule', scheduledFor: clock });
    expect(await onlyRow()).toMatchObject({ status: 'waiting', attempts: 2 });
    expect(logs.at(-1)).toMatch(/^error: mail catch-up stopped: SMTP failed/);

    await smtp.start();
    clock = new Date(clock.getTime() + 60_000);
    await mailCatchUpJob.handle({}, contextWith(mailer), { trigger: 'schedule', scheduledFor: clock });
    await smtp.waitFor(1);
    expect(await onlyRow()).toMatchObject({ status: 'sent', attempts: 3, sentAt: clock.toISOString() });
  });

  it('takes over a message whose delivery died mid-send, once its hold has run out', async () => {
    await queueMail(services.backend, welcome('welcome:e4'), clock);
    const row = await onlyRow();
    // As a delivery leaves it after claiming and before sending (the process was killed).
    await services.backend.tables.update({
      ...MAIL_MESSAGES,
      rowId: row.$id,
      data: {
        status: 'sending',
        attempts: 1,
        nextAttemptAt: new Date(clock.getTime() + 600_000).toISOString(),
      },
    });
    await mailCatchUpJob.handle({}, contextWith(mailer), { trigger: 'schedule', scheduledFor: clock });
    expect((await onlyRow()).status).toBe('sending');

    clock = new Date(clock.getTime() + 600_000);
    await mailCatchUpJob.handle({}, contextWith(mailer), { trigger: 'schedule', scheduledFor: clock });
    await smtp.waitFor(1);
    expect(await onlyRow()).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('goes out through the embedded runner, retried after SMTP was down, and after a restart', async () => {
    const runnerFor = (context: JobContext) =>
      createJobRunner({
        jobs: [mailDeliveryJob, mailCatchUpJob],
        context,
        outbox: context.backend === services.backend ? services.backend.outbox : null,
        schedules: false,
        retryDelayMs: () => 50,
      });
    await smtp.stop();
    await queueMail(services.backend, welcome('welcome:runner'), clock);
    const runner = runnerFor(contextWith(mailer));
    // (The row's own update events are delivered too, to no job: they count as completed.)
    expect((await runner.drain()).failed).toBe(1);
    expect(await onlyRow()).toMatchObject({ status: 'waiting', attempts: 1 });

    await smtp.start();
    // The runner schedules its retry by the wall clock; the backend judges it by its own.
    clock = new Date(Date.now() + 1000);
    expect((await runner.drain()).failed).toBe(0);
    await smtp.waitFor(1);
    expect(await onlyRow()).toMatchObject({ status: 'sent', attempts: 2 });

    // The server stops between the write that queued a mail and its delivery: the event is
    // in the outbox file, and the next start sends the mail.
    await queueMail(services.backend, welcome('welcome:restart'), clock);
    await services.backend.close();
    const restarted = createEmbeddedBackend({ dataDir: services.dataDir, now: () => clock });
    try {
      const context = { ...contextWith(mailer), backend: restarted };
      const afterRestart = createJobRunner({
        jobs: [mailDeliveryJob, mailCatchUpJob],
        context,
        outbox: restarted.outbox,
        schedules: false,
      });
      expect((await afterRestart.drain()).failed).toBe(0);
      await smtp.waitFor(2);
      expect(smtp.received).toHaveLength(2);
    } finally {
      await restarted.close();
    }
  });

  it('keeps the message waiting when no SMTP server is configured', async () => {
    await queueMail(services.backend, welcome('welcome:e5'), clock);
    expect(await deliverEvents(contextWith(outboxOnlyMailer))).toEqual([]);
    await mailCatchUpJob.handle({}, contextWith(outboxOnlyMailer), {
      trigger: 'schedule',
      scheduledFor: clock,
    });
    expect(await onlyRow()).toMatchObject({ status: 'waiting', attempts: 0, sentAt: null, lastError: null });
    expect(smtp.received).toHaveLength(0);
  });

  it('refuses a message it cannot queue and writes nothing', async () => {
    const bad: QueueMailInput[] = [
      { ...welcome('welcome:e6'), to: 'not an address' },
      { ...welcome(''), to: 'ada@example.test' },
      { ...welcome('welcome:e6'), kind: 'Not A Kind' },
      { ...welcome('welcome:e6'), rendered: { ...welcome('x').rendered, subject: 'two\r\nBcc: lines' } },
      { ...welcome('welcome:e6'), rendered: { ...welcome('x').rendered, html: 'x'.repeat(100_001) } },
      {
        ...welcome('welcome:e6'),
        rendered: { ...welcome('x').rendered, headers: { 'X-Bad': 'a\r\nBcc: someone@example.test' } },
      },
    ];
    for (const input of bad) {
      await expect(queueMail(services.backend, input, clock)).rejects.toThrow(/cannot be queued/);
    }
    expect((await services.backend.tables.list({ ...MAIL_MESSAGES })).total).toBe(0);
  });
});
