/**
 * AURORA_WORKERS=2 on the production build (decision 0034): a primary and two workers
 * on one SQLite file. Both workers serve, the once-per-box work (demo content, the
 * configured admin, the job runner) happens once, a killed worker is replaced, and
 * SIGTERM stops every process with exit code 0.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mutate,
  registerAccount,
  sendHttp,
  signIn,
  startProductionServer,
  trpcDataOf,
  trpcQuery,
  withRole,
  type ProductionServer,
} from './production-server';

let server: ProductionServer;

beforeAll(async () => {
  // Not production's NODE_ENV: demo content is only made outside it, and it is part of what runs once.
  server = await startProductionServer({
    label: 'cluster',
    workers: 2,
    env: { NODE_ENV: 'test', AURORA_DEMO: '1' },
  });
});

afterAll(async () => {
  await server?.stop();
});

const occurrences = (text: string, line: string) => text.split(line).length - 1;

/** Bytes a process wrote so far (sockets included), from /proc/<pid>/io. */
function bytesWritten(pid: number): number {
  const match = /^wchar:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
  if (!match?.[1]) throw new Error(`no wchar for ${pid}`);
  return Number(match[1]);
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null> | T | null,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a cluster of two workers', () => {
  it('says it is ready once, and both workers answer requests', async () => {
    expect(occurrences(server.output(), 'Aurora is ready on')).toBe(1);
    expect(server.output()).toContain('2 worker processes');
    const workers = server.workerPids();
    expect(workers).toHaveLength(2);
    expect(workers).not.toContain(server.pid);

    const before = workers.map(bytesWritten);
    // A new connection each time: the primary hands connections to the workers in turn.
    const answers = [];
    for (let request = 0; request < 10; request++)
      answers.push(
        await sendHttp(server.port, { path: '/catalog', headers: { 'accept-encoding': 'identity' } }),
      );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    const pageBytes = Math.min(...answers.map((answer) => Buffer.byteLength(answer.body)));
    const written = workers.map((pid, index) => bytesWritten(pid) - (before[index] ?? 0));
    // Round-robin gives each 5 of the 10 pages; 3 allows for a connection of the health probe.
    for (const bytes of written) expect(bytes).toBeGreaterThanOrEqual(3 * pageBytes);
  });

  it('made the demo content and the configured admin once, in the primary', async () => {
    const output = server.output();
    expect(occurrences(output, 'Demo accounts are ready')).toBe(1);
    expect(occurrences(output, 'Demo content is ready')).toBe(1);
    // Seeded once: the catalog holds exactly the published courses one seeding makes.
    const published = Number(/Demo content is ready: (\d+) published courses/.exec(output)?.[1]);
    expect(published).toBeGreaterThan(0);
    const catalog = trpcDataOf<{ total: number }>(await trpcQuery(server, 'course.list', {}));
    expect(catalog.total).toBe(published);
    const admin = await signIn(server, server.admin);
    const demoAdmin = await signIn(server, { email: 'admin@aurora.test', password: 'aurora-admin' });
    expect(admin).not.toBe(demoAdmin);
  });

  it('runs the job runner in one process: an enrollment’s welcome mail is queued once', async () => {
    expect(occurrences(server.output(), '[jobs] job runner started')).toBe(1);
    const adminCookie = await signIn(server, server.admin);
    const teacher = await withRole(
      server,
      adminCookie,
      await registerAccount(server, 'Teacher'),
      'instructor',
    );
    const learner = await registerAccount(server, 'Learner');
    const { id: courseId } = await mutate<{ id: string }>(
      server,
      'course.create',
      {
        title: 'Clustered',
        description: 'Two workers.',
        category: 'tech',
        difficulty: 'beginner',
        duration: 1,
        price: 0,
        tags: [],
      },
      teacher.cookie,
    );
    await mutate(
      server,
      'lesson.create',
      { courseId, title: 'One', description: '', content: '<p>One</p>', isPreview: false },
      teacher.cookie,
    );
    await mutate(server, 'course.publish', { courseId }, teacher.cookie);
    await mutate(server, 'enrollment.enroll', { courseId }, learner.cookie);

    type MailList = { items: { to: string; kind: string }[] };
    const welcomeMails = async () =>
      trpcDataOf<MailList>(
        await trpcQuery(server, 'mail.list', { limit: 50 }, { cookie: adminCookie }),
      ).items.filter((item) => item.to === learner.email);
    await until('the welcome mail', async () => ((await welcomeMails()).length > 0 ? true : null));
    // Every poll of the runner has had its chance to queue a second one.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await welcomeMails()).toHaveLength(1);
  });

  it('replaces a worker that is killed, and keeps serving meanwhile', async () => {
    const [victim, survivor] = server.workerPids();
    if (victim === undefined || survivor === undefined) throw new Error('two workers expected');
    process.kill(victim, 'SIGKILL');
    // Once the primary knows (a connection handed over at the instant of death is lost
    // with the worker), the survivor answers alone while the replacement starts.
    await until('the primary to see the death', () =>
      server.output().includes('was killed by SIGKILL') ? true : null,
    );
    expect((await sendHttp(server.port, { path: '/healthz' })).status).toBe(200);
    const replaced = await until('a new worker', () => {
      const now = server.workerPids();
      return now.length === 2 && !now.includes(victim) ? now : null;
    });
    expect(replaced).toContain(survivor);
    await until('the new worker to listen', () =>
      server.output().includes('is serving again') ? true : null,
    );
    for (let request = 0; request < 4; request++)
      expect((await sendHttp(server.port, { path: '/healthz' })).status).toBe(200);
  });

  it('stops every process on SIGTERM, with exit code 0', async () => {
    const processes = [server.pid, ...server.workerPids()];
    expect(processes).toHaveLength(3);
    await server.stop();
    expect(server.child.exitCode).toBe(0);
    for (const pid of processes)
      expect(
        existsSync(`/proc/${pid}/stat`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')),
      ).toBe(false);
    expect(server.stderr()).not.toMatch(/did not stop cleanly|killing them/);
  });
});
