/**
 * Every event job is triggered by the write it is written for, in both modes. For each
 * event job, Aurora's own writer performs the write (queueMail, admitLearner, ...):
 *
 * - on the Appwrite adapter against the fake TablesDB, fake-events.ts derives the names
 *   Appwrite 1.9.6 fires and the body it sends; one of the job's patterns must be among
 *   the names (Appwrite compares exact strings), the Function's entry must accept the
 *   `x-appwrite-event` header, and the job's schema must parse the body (the row);
 * - on the embedded backend, the outbox event the same write leaves must match one of
 *   the job's patterns and its payload must parse.
 *
 * Every pattern of every job must be fired by some write, so a pattern that names the
 * wrong table or action fails here (proved below with a deliberately wrong one).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appwriteTriggers, eventsOf, type FiredEvent } from '../../server/backend/appwrite/fake-events';
import { fakeTablesDb, type FakeTablesDb } from '../../server/backend/appwrite/fake-tablesdb';
import { createAppwriteBackend } from '../../server/backend/appwrite/index';
import { CONFIG } from '../../server/backend/appwrite/mock-appwrite';
import { eventMatches, type BackendEvent } from '../../server/backend/events';
import type { Backend } from '../../server/backend/port';
import { acceptedEventName } from '../../server/jobs/function-entry';
import { jobs } from '../../server/jobs/index';
import { eventPatternProblem } from '../../server/jobs/event-patterns';
import { isEventJob, type EventJob } from '../../server/jobs/job';
import { writeSecurityLog } from '../../server/services/audit/security-log';
import { admitLearner, removeEnrollment } from '../../server/services/enrollments/membership';
import { queueMail } from '../../server/services/mail/queue';
import { ENROLLMENTS } from '../../server/services/tables';
import { createTestServices, type TestServices } from '../helpers/services';

const NOW = new Date('2026-03-04T05:06:07.000Z');

/** A write a job exists for: `prepare` makes what it needs (its events are not checked), `write` is it. */
interface Scenario {
  label: string;
  prepare?: (backend: Backend) => Promise<string>;
  write: (backend: Backend, prepared: string) => Promise<unknown>;
}

const enrollSomeone = async (backend: Backend) =>
  (await admitLearner(backend, 'learner-1', 'course-1', NOW)).id;

/** Per event job (by name): the writes of Aurora's that should trigger it. */
const SCENARIOS: Record<string, readonly Scenario[]> = {
  'mail-delivery': [
    {
      label: 'queueMail creates an outbox row',
      write: (backend) =>
        queueMail(
          backend,
          {
            key: 'welcome:e1',
            to: 'ada@example.com',
            userId: 'learner-1',
            kind: 'welcome',
            rendered: { subject: 'Welcome', html: '<p>Hi</p>', text: 'Hi', headers: {} },
          },
          NOW,
        ),
    },
  ],
  'enrollment-created': [
    { label: 'admitLearner creates an enrollment', write: (backend) => enrollSomeone(backend) },
  ],
  'enrollment-changed': [
    {
      label: 'an enrollment row is updated',
      prepare: enrollSomeone,
      write: (backend, rowId) =>
        backend.tables.update({ ...ENROLLMENTS, rowId, data: { progress: 50, revision: 1 } }),
    },
    {
      label: 'removeEnrollment deletes it',
      prepare: enrollSomeone,
      write: (backend, rowId) => removeEnrollment(backend, { $id: rowId, courseId: 'course-1' }),
    },
  ],
  'security-alerts': [
    {
      label: 'writeSecurityLog creates a security log row',
      write: (backend) =>
        writeSecurityLog(
          backend,
          {
            action: 'video_access_denied',
            userId: 'learner-1',
            reason: 'lesson l1: not enrolled',
            request: { clientIp: '203.0.113.9', userAgent: 'tests' },
          },
          NOW,
        ),
    },
  ],
};

type AnyEventJob = Pick<EventJob<unknown>, 'name' | 'events' | 'payload'>;
const eventJobs: AnyEventJob[] = jobs.filter(isEventJob);

/** Why `pattern` of `job` does not run for the Appwrite event `fired`, or null when it does. */
function appwriteProblem(job: AnyEventJob, pattern: string, fired: FiredEvent): string | null {
  if (!appwriteTriggers(pattern, fired))
    return `Appwrite fires none of ${pattern} (it fires ${fired.header} …)`;
  if (!acceptedEventName(job.events, fired.header))
    return `the Function entry refuses x-appwrite-event ${fired.header}`;
  const parsed = job.payload.safeParse(fired.payload);
  return parsed.success ? null : `the payload does not parse: ${parsed.error.message}`;
}

function embeddedProblem(job: AnyEventJob, pattern: string, event: BackendEvent): string | null {
  if (!eventMatches(pattern, event.name)) return `${pattern} does not match ${event.name}`;
  const parsed = job.payload.safeParse(event.payload);
  return parsed.success ? null : `the payload does not parse: ${parsed.error.message}`;
}

/** For each pattern of `job`: the problems of every write that does not fire it (empty when one does). */
function unfired<E>(
  job: AnyEventJob,
  events: readonly E[],
  problem: (job: AnyEventJob, pattern: string, event: E) => string | null,
): string[] {
  return job.events.flatMap((pattern) => {
    const problems = events.map((event) => problem(job, pattern, event));
    if (problems.some((found) => found === null)) return [];
    return [`${job.name}: ${pattern}: ${problems.join('; ') || 'no write'}`];
  });
}

function scenariosOf(job: AnyEventJob): readonly Scenario[] {
  const scenarios = SCENARIOS[job.name];
  if (!scenarios)
    throw new Error(`job ${job.name} has no write in SCENARIOS: add the write that triggers it`);
  return scenarios;
}

describe('event jobs on Appwrite (fake TablesDB, events as Appwrite 1.9.6 derives them)', () => {
  let fake: FakeTablesDb;
  beforeEach(() => {
    fake = fakeTablesDb();
  });
  afterEach(async () => {
    await fake.close();
  });

  /** The events each scenario's write fires, its preparation's left out. */
  async function firedBy(job: AnyEventJob): Promise<FiredEvent[]> {
    const backend = createAppwriteBackend(CONFIG);
    const fired: FiredEvent[] = [];
    for (const scenario of scenariosOf(job)) {
      const prepared = scenario.prepare ? await scenario.prepare(backend) : '';
      fired.push(...(await eventsOf(fake, () => scenario.write(backend, prepared))));
    }
    return fired;
  }

  it('covers every event job of the list', () => {
    expect(eventJobs.map((job) => job.name).sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  it.each(eventJobs.map((job) => [job.name, job] as const))(
    '%s: every pattern is fired by its write, accepted by the entry, with a body the schema parses',
    async (_name, job) => {
      const fired = await firedBy(job);
      expect(fired.length).toBeGreaterThan(0);
      expect(unfired(job, fired, appwriteProblem)).toEqual([]);
    },
  );

  it('fails a pattern naming the wrong table or an action the write never fires, and a schema the row does not fit', async () => {
    const mail = eventJobs.find((job) => job.name === 'mail-delivery');
    if (!mail) throw new Error('mail-delivery is not in the job list');
    const fired = await firedBy(mail);
    const wrongTable = { ...mail, events: ['databases.aurora_main.tables.mail_message.rows.*.create'] };
    const wrongAction = { ...mail, events: ['databases.aurora_main.tables.mail_messages.rows.*.update'] };
    expect(unfired(wrongTable, fired, appwriteProblem)).toEqual([
      expect.stringContaining(
        'Appwrite fires none of databases.aurora_main.tables.mail_message.rows.*.create',
      ),
    ]);
    expect(unfired(wrongAction, fired, appwriteProblem)).toHaveLength(1);
    const wrongShape = { ...mail, payload: z.object({ $id: z.string(), recipient: z.string() }) };
    expect(unfired(wrongShape, fired, appwriteProblem)).toEqual([
      expect.stringContaining('the payload does not parse'),
    ]);
  });

  it('fires a create in the Collections vocabulary first, with both vocabularies among the names', async () => {
    const backend = createAppwriteBackend(CONFIG);
    const [created] = await eventsOf(fake, () => enrollSomeone(backend));
    if (!created) throw new Error('no event for the create');
    const id = String(created.payload.$id);
    expect(created.header).toBe(`databases.aurora_main.collections.enrollments.documents.${id}.create`);
    expect(created.names).toEqual(
      expect.arrayContaining([
        `databases.aurora_main.tables.enrollments.rows.${id}.create`,
        'databases.aurora_main.tables.enrollments.rows.*.create',
        'databases.*.tables.*.rows.*.create',
        'databases.aurora_main.tables.enrollments',
        'databases.aurora_main',
      ]),
    );
    // No name Appwrite would refuse as a trigger, and none the embedded outbox never emits.
    expect(created.names).not.toContain('databases.aurora_main.tables');
    expect(created.names.some((name) => name.startsWith('tablesdb.'))).toBe(false);
    // The entry reads the Collections form as the TablesDB name the handlers log.
    expect(
      acceptedEventName(['databases.aurora_main.tables.enrollments.rows.*.create'], created.header),
    ).toBe(`databases.aurora_main.tables.enrollments.rows.${id}.create`);
  });
});

describe('the patterns the embedded runner accepts are the ones Appwrite fires', () => {
  /** Every prefix of `name`, with every combination of its segments replaced by `*`. */
  function candidatePatterns(name: string): string[] {
    const segments = name.split('.');
    const candidates: string[] = [];
    for (let length = 1; length <= segments.length; length += 1) {
      for (let mask = 0; mask < 2 ** length; mask += 1) {
        candidates.push(
          segments
            .slice(0, length)
            .map((segment, index) => ((mask >> index) & 1 ? '*' : segment))
            .join('.'),
        );
      }
    }
    return candidates;
  }

  let fake: FakeTablesDb;
  beforeEach(() => {
    fake = fakeTablesDb();
  });
  afterEach(async () => {
    await fake.close();
  });

  it.each(['create', 'update', 'delete'] as const)('for a row %s', async (action) => {
    const backend = createAppwriteBackend(CONFIG);
    const rowId = action === 'create' ? '' : await enrollSomeone(backend);
    const [fired] = await eventsOf(fake, () =>
      action === 'create'
        ? enrollSomeone(backend)
        : action === 'update'
          ? backend.tables.update({ ...ENROLLMENTS, rowId, data: { progress: 10 } })
          : removeEnrollment(backend, { $id: rowId, courseId: 'course-1' }),
    );
    if (!fired) throw new Error(`no event for the ${action}`);
    const embeddedName = `databases.aurora_main.tables.enrollments.rows.${String(fired.payload.$id)}.${action}`;
    const acceptedHere = candidatePatterns(embeddedName).filter(
      (pattern) => eventPatternProblem(pattern) === null && eventMatches(pattern, embeddedName),
    );
    const firedInTablesForm = fired.names.filter((name) => !name.split('.').includes('collections'));
    expect(new Set(acceptedHere)).toEqual(new Set(firedInTablesForm));
  });
});

describe('event jobs on the embedded backend (the outbox event of the same write)', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices({ now: () => NOW });
  });
  afterEach(async () => {
    await services.cleanup();
  });

  /** Empties the outbox, returning what it held. */
  async function drain(): Promise<BackendEvent[]> {
    const entries = await services.backend.outbox.claim({ limit: 1000, leaseMs: 60_000 });
    for (const entry of entries) await services.backend.outbox.complete(entry.id);
    return entries;
  }

  async function emittedBy(job: AnyEventJob): Promise<BackendEvent[]> {
    const emitted: BackendEvent[] = [];
    for (const scenario of scenariosOf(job)) {
      const prepared = scenario.prepare ? await scenario.prepare(services.backend) : '';
      await drain();
      await scenario.write(services.backend, prepared);
      emitted.push(...(await drain()));
    }
    return emitted;
  }

  it.each(eventJobs.map((job) => [job.name, job] as const))(
    '%s: every pattern matches the event its write leaves, with a payload the schema parses',
    async (_name, job) => {
      const emitted = await emittedBy(job);
      expect(emitted.length).toBeGreaterThan(0);
      expect(unfired(job, emitted, embeddedProblem)).toEqual([]);
    },
  );

  it('fails a pattern that names the wrong table', async () => {
    const mail = eventJobs.find((job) => job.name === 'mail-delivery');
    if (!mail) throw new Error('mail-delivery is not in the job list');
    const emitted = await emittedBy(mail);
    const wrongTable = { ...mail, events: ['databases.aurora_main.tables.mail_message.rows.*.create'] };
    expect(unfired(wrongTable, emitted, embeddedProblem)).toHaveLength(1);
  });
});
