/**
 * The welcome mail survives the server dying: a child process enrolls a learner through
 * the real service and is SIGKILLed before any job runs. A new process on the same data
 * directory starts the real job runner with the real job list and a real SMTP mailer,
 * and the learner gets exactly one welcome email — also when the SMTP server was down at
 * first and came back later.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmbeddedBackend, type EmbeddedBackend } from '../../server/backend/embedded/index';
import { loadEnv } from '../../server/env';
import { createJobContext } from '../../server/jobs/context';
import { jobs } from '../../server/jobs/index';
import { mailCatchUpJob } from '../../server/jobs/mail-delivery';
import { createJobRunner, type JobRunner } from '../../server/jobs/runner';
import { recordingLogger } from '../../server/jobs/testing';
import type { Mailer } from '../../server/services/mail/mailer';
import { parseFullMailRow } from '../../server/services/mail/records';
import { createSmtpMailer } from '../../server/services/mail/smtp-mailer';
import { MAIL_MESSAGES } from '../../server/services/tables';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';

const CHILD = fileURLToPath(new URL('./enroll-then-die.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PUBLIC_URL = 'https://learn.example.org';
/** Long enough that a drain never retries a failed event by itself; the test moves the clock instead. */
const RETRY_DELAY_MS = 60_000;

const made = z.object({
  enrollmentId: z.string(),
  courseId: z.string(),
  lessonId: z.string(),
  learnerEmail: z.string(),
});
type Made = z.infer<typeof made>;

/** Runs the child until it has enrolled the learner, then SIGKILLs it; returns what it made. */
function enrollThenKill(dataDir: string): Promise<Made> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, PUBLIC_URL], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let ack: Made | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (ack || stdout.indexOf('\n') < 0 || line === undefined) return;
      ack = made.parse(JSON.parse(line));
      child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL' && ack) resolve(ack);
      else reject(new Error(`the child exited on its own (${String(signal)}): ${stderr}`));
    });
  });
}

describe('the welcome mail after a crash', () => {
  let dataDir: string;
  let smtp: TestSmtpServer;
  let backend: EmbeddedBackend | undefined;
  let mailer: Mailer | undefined;
  let clock: Date;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'aurora-mail-restart-'));
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await mailer?.close();
    await backend?.close();
    await smtp.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The restarted server: the same data directory, the real jobs, SMTP at the test's server. */
  function restart(): { runner: JobRunner; context: ReturnType<typeof createJobContext> } {
    // Started after the child wrote its events, so they are due.
    clock = new Date();
    const now = () => clock;
    backend = createEmbeddedBackend({ dataDir, now });
    const env = loadEnv({
      AURORA_DATA_DIR: dataDir,
      NODE_ENV: 'test',
      AURORA_DEMO: '0',
      AURORA_PUBLIC_URL: PUBLIC_URL,
      SMTP_URL: smtp.url,
    });
    mailer = createSmtpMailer({ url: smtp.url, from: env.mailFrom });
    const context = createJobContext({ backend, mailer, env, now, logger: recordingLogger() });
    const runner = createJobRunner({
      jobs,
      context,
      outbox: backend.outbox,
      schedules: false,
      retryDelayMs: () => RETRY_DELAY_MS,
    });
    return { runner, context };
  }

  async function mailRows() {
    if (!backend) throw new Error('not restarted');
    const { rows } = await backend.tables.list({ ...MAIL_MESSAGES });
    return rows.map(parseFullMailRow);
  }

  /** A moment for a stray second message to arrive, before asserting there is none. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  function expectWelcome(made: Made): void {
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.envelopeTo).toEqual([made.learnerEmail]);
    expect(mail?.parsed.to).toMatchObject({ value: [{ address: made.learnerEmail }] });
    expect(mail?.parsed.subject).toBe('Welcome to Compilers from Scratch');
    expect(mail?.parsed.html).toContain('Ada Lovelace');
    expect(mail?.parsed.html).toContain(
      `href="${PUBLIC_URL}/courses/${made.courseId}/lessons/${made.lessonId}"`,
    );
    expect(mail?.parsed.text).toContain('Ada Lovelace');
    expect(mail?.parsed.text).toContain(`${PUBLIC_URL}/courses/${made.courseId}/lessons/${made.lessonId}`);
  }

  it('sends the welcome of an enrollment made just before the kill, once', async () => {
    const made = await enrollThenKill(dataDir);
    const { runner } = restart();
    // Nothing was queued before the kill: the enrollment's event is all there was.
    expect(await mailRows()).toEqual([]);

    const first = await runner.drain();
    expect(first.failed).toBe(0);
    await smtp.waitFor(1);
    await settle();
    expectWelcome(made);
    const [row] = await mailRows();
    expect(row).toMatchObject({ key: `welcome:${made.enrollmentId}`, status: 'sent', attempts: 1 });

    expect(await runner.drain()).toEqual({ completed: 0, failed: 0 });
    await settle();
    expect(smtp.received).toHaveLength(1);
  });

  it('with the SMTP server down, records the failure and sends once after it comes back', async () => {
    const made = await enrollThenKill(dataDir);
    await smtp.stop();
    const { runner, context } = restart();

    const first = await runner.drain();
    expect(first.failed).toBe(1);
    expect(smtp.received).toEqual([]);
    const rows = await mailRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: `welcome:${made.enrollmentId}`, status: 'waiting', attempts: 1 });
    expect(rows[0]?.lastError).toMatch(/ECONNREFUSED|connect/i);
    // Not due again yet: a drain right away sends nothing.
    expect(await runner.drain()).toEqual({ completed: 0, failed: 0 });

    await smtp.start();
    // Past the mail's nextAttemptAt and the event's retry: the runner delivers the event again.
    clock = new Date(clock.getTime() + 2 * RETRY_DELAY_MS);
    expect((await runner.drain()).failed).toBe(0);
    await smtp.waitFor(1);
    // The catch-up a minute later finds nothing left to send.
    await mailCatchUpJob.handle({}, context, { trigger: 'schedule', scheduledFor: clock });
    await settle();
    expectWelcome(made);
    expect(await mailRows()).toMatchObject([{ status: 'sent', attempts: 2, lastError: null }]);
  });
});
