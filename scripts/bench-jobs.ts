/**
 * The background-work budgets of issue 12 ("Budgets"), measured in one process the way
 * embedded mode runs: the real embedded backend in a temporary folder, the real job
 * runner, and a real SMTP server (smtp-server) standing in for the mail relay.
 *
 * 1. `enrollment.enroll` p99 with nothing pending: enrollments while the runner is stopped.
 * 2. A burst of BENCH_ENROLLMENTS (1,000) enrollments with the runner working: every
 *    welcome mail must be accepted by the SMTP server within 30 s of the burst's start,
 *    and enroll's p99 meanwhile must stay within 1.5x of (1).
 * 3. An idle runner (polling, schedules armed) must cost under 1% of a core, from
 *    process.cpuUsage over 5 s.
 *
 * Enrollments go through the enrollment service (the procedure's body) so that HTTP is
 * not what is measured; learners get profiles directly (hashing 2,000 passwords would
 * dominate the setup and is not under test).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { AuthUser } from '../server/backend/port';
import { createEmbeddedBackend } from '../server/backend/embedded/index';
import { loadEnv } from '../server/env';
import { createJobContext } from '../server/jobs/context';
import { enrollmentCatchUpJob } from '../server/jobs/enrollment-catch-up';
import { enrollmentChangedJob } from '../server/jobs/enrollment-changed';
import { enrollmentCreatedJob } from '../server/jobs/enrollment-created';
import { mailCatchUpJob, mailDeliveryJob } from '../server/jobs/mail-delivery';
import { createJobRunner } from '../server/jobs/runner';
import { createCourse, publishCourse } from '../server/services/courses/courses';
import { createLesson } from '../server/services/courses/lessons';
import { courseFieldsSchema } from '../server/services/courses/schemas';
import { enroll } from '../server/services/enrollments/membership';
import { createProfile } from '../server/services/identity/profiles';
import { createSmtpMailer } from '../server/services/mail/smtp-mailer';
import { actingAs, backgroundScope } from '../server/services/scope';

export const BURST_DEADLINE_MS = 30_000;
export const P99_FACTOR_LIMIT = 1.5;
export const IDLE_CPU_LIMIT = 0.01;
const IDLE_SAMPLE_MS = 5_000;
const CONCURRENCY = 8;
const WARM_UP = 50;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Runs `work` for every item, `CONCURRENCY` at a time; the latency of each call in ms. */
async function timed<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      const start = performance.now();
      await work(item);
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return latencies;
}

function startSmtp(): Promise<{ server: SMTPServer; port: number; accepted: () => number }> {
  let accepted = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 50,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        accepted += 1;
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      if (!address || typeof address !== 'object') return reject(new Error('no SMTP port'));
      resolve({ server, port: address.port, accepted: () => accepted });
    });
  });
}

export interface JobsBenchResult {
  enrollments: number;
  baselineP99Ms: number;
  burstP99Ms: number;
  allMailedMs: number;
  idleCpuShare: number;
  passed: boolean;
}

export async function benchBackgroundJobs(enrollments: number): Promise<JobsBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aurora-bench-jobs-'));
  const smtp = await startSmtp();
  const env = loadEnv({
    AURORA_DATA_DIR: dataDir,
    NODE_ENV: 'production',
    AURORA_DEMO: '0',
    AURORA_PUBLIC_URL: 'http://127.0.0.1:3000',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  });
  const backend = await createEmbeddedBackend({ dataDir });
  const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${smtp.port}`, from: env.mailFrom });
  const runner = createJobRunner({
    jobs: [enrollmentCreatedJob, enrollmentChangedJob, enrollmentCatchUpJob, mailDeliveryJob, mailCatchUpJob],
    context: createJobContext({
      backend,
      mailer,
      env,
      logger: { info: () => undefined, error: console.error },
    }),
    outbox: backend.outbox,
  });
  try {
    const now = () => new Date();
    const person = (id: string, role: AuthUser['role']): AuthUser => ({
      id,
      email: `${id}@bench.example`,
      name: `Bench ${id}`,
      role,
      orgRole: null,
      createdAt: now().toISOString(),
    });
    const services = { env, backend, mailer, startedAt: new Date(), now };
    const as = (user: AuthUser) => actingAs(backgroundScope(services), user);
    const teacher = person('teacher', 'instructor');
    await createProfile(backend, teacher, now());
    const course = async (title: string) => {
      const created = await createCourse(
        as(teacher),
        courseFieldsSchema.parse({
          title,
          description: 'A course for the benchmark.',
          category: 'bench',
          difficulty: 'beginner',
          duration: 1,
          price: 0,
          tags: [],
        }),
      );
      await createLesson(as(teacher), {
        courseId: created.id,
        title: 'First',
        description: '',
        content: '<p>Hi</p>',
        isPreview: false,
      });
      await publishCourse(as(teacher), created.id);
      return created.id;
    };
    const [warmUpCourse, quietCourse, burstCourse] = [
      await course('Warm-up'),
      await course('Quiet'),
      await course('Burst'),
    ];
    const learners = Array.from({ length: 2 * enrollments }, (_, i) => person(`learner${i}`, 'regular'));
    for (const learner of learners) await createProfile(backend, learner, now());

    // Warm up (JIT, SQLite's page cache, the SMTP pool) so the first phase is not penalised.
    await timed(learners.slice(0, WARM_UP), (learner) => enroll(as(learner), { courseId: warmUpCourse }));
    await runner.drain();

    // 1. Nothing pending: the runner is stopped, so no job competes with the enrollments.
    const baseline = await timed(learners.slice(0, enrollments), (learner) =>
      enroll(as(learner), { courseId: quietCourse }),
    );
    // Their events (and welcome mails) are worked off before the burst.
    await runner.drain();
    const mailedBefore = smtp.accepted();

    // 2. The burst, with the runner working alongside.
    await runner.start();
    const burstStart = performance.now();
    const burst = await timed(learners.slice(enrollments), (learner) =>
      enroll(as(learner), { courseId: burstCourse }),
    );
    while (smtp.accepted() - mailedBefore < enrollments) {
      if (performance.now() - burstStart > 4 * BURST_DEADLINE_MS) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const allMailedMs = performance.now() - burstStart;

    // 3. Idle: give the runner a moment to settle, then sample.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS));
    const cpu = process.cpuUsage(cpuStart);
    const idleCpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wallStart);

    const baselineP99Ms = percentile(baseline, 99);
    const burstP99Ms = percentile(burst, 99);
    const mailedAll = smtp.accepted() - mailedBefore >= enrollments;
    const passed =
      mailedAll &&
      allMailedMs <= BURST_DEADLINE_MS &&
      burstP99Ms <= P99_FACTOR_LIMIT * baselineP99Ms &&
      idleCpuShare < IDLE_CPU_LIMIT;
    console.log(`\nbackground jobs (${enrollments} enrollments, ${CONCURRENCY} at a time)\n`);
    console.log(`enroll p99, nothing pending     ${baselineP99Ms.toFixed(1)} ms`);
    console.log(
      `enroll p99, during the burst     ${burstP99Ms.toFixed(1)} ms (${(burstP99Ms / baselineP99Ms).toFixed(2)}x; budget ${P99_FACTOR_LIMIT}x)`,
    );
    console.log(
      `welcome mails accepted           ${smtp.accepted() - mailedBefore}/${enrollments} in ${(allMailedMs / 1000).toFixed(1)} s (budget ${BURST_DEADLINE_MS / 1000} s)`,
    );
    console.log(`idle runner CPU                  ${(idleCpuShare * 100).toFixed(2)}% of a core (budget 1%)`);
    console.log(passed ? 'background jobs: within budget' : 'background jobs: OVER BUDGET');
    return { enrollments, baselineP99Ms, burstP99Ms, allMailedMs, idleCpuShare, passed };
  } finally {
    await runner.stop();
    await mailer.close();
    await backend.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
