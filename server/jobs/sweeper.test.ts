/**
 * The sweeper on the real embedded backend: rows past their retention go, in batches of
 * 100; rows still within it (and mail not yet sent) stay; a second run finds nothing.
 */
import { createHash } from 'node:crypto';
import { Query } from 'node-appwrite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../tests/helpers/services';
import type { Backend, TableRef } from '../backend/port';
import { queueMail } from '../services/mail/queue';
import { renderMail } from '../services/mail/templates/layout';
import { sweeperJob, sweepExpired, SWEEP_BATCH } from './sweeper';
import {
  ACCOUNT_TOKEN_RETENTION_MS,
  JOB_FAILURE_RETENTION_MS,
  JOB_RUN_RETENTION_MS,
  SENT_MAIL_RETENTION_MS,
  SIGN_IN_ATTEMPT_RETENTION_MS,
  VIDEO_TOKEN_RETENTION_MS,
} from './sweeper-rules';

import { testJobContext } from './testing';
import {
  ACCOUNT_TOKENS,
  ATTEMPT_COUNTERS,
  JOB_FAILURES,
  JOB_RUNS,
  MAIL_MESSAGES,
  VIDEO_ACCESS_TOKENS,
} from '../services/tables';

const NOW = new Date('2026-06-01T03:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const MINUTE = 60_000;
let services: TestServices;
let serial = 0;
const hash = () =>
  createHash('sha256')
    .update(`row-${(serial += 1)}`)
    .digest('hex');

beforeEach(async () => {
  services = await createTestServices({ now: () => NOW });
});
afterEach(async () => {
  await services.cleanup();
});

const count = async (ref: TableRef) =>
  (await services.backend.tables.list({ ...ref, queries: [Query.limit(5000)] })).rows.length;

async function videoToken(expiresAt: string) {
  await services.backend.tables.create({
    ...VIDEO_ACCESS_TOKENS,
    data: { userId: 'u1', lessonId: 'l1', accessToken: hash(), expiresAt },
  });
}

async function mail(key: string, createdAt: Date, status: 'sent' | 'waiting') {
  await queueMail(
    services.backend,
    {
      key,
      to: 'ada@example.test',
      kind: 'welcome',
      rendered: renderMail(
        { subject: 'Hi', preheader: 'Hi', heading: 'Hi', paragraphs: ['Hi'], footer: 'Test' },
        { publicUrl: services.env.publicUrl },
      ),
    },
    createdAt,
  );
  if (status === 'sent') {
    const { rows } = await services.backend.tables.list({
      ...MAIL_MESSAGES,
      queries: [Query.equal('key', key)],
    });
    await services.backend.tables.update({
      ...MAIL_MESSAGES,
      rowId: rows[0]?.$id ?? '',
      data: { status: 'sent', sentAt: createdAt.toISOString() },
    });
  }
}

/** The backend with its list calls counted. */
function counting(backend: Backend): { backend: Backend; lists: () => number } {
  let lists = 0;
  const tables = {
    ...backend.tables,
    list: (ref: Parameters<Backend['tables']['list']>[0]) => {
      lists += 1;
      return backend.tables.list(ref);
    },
  };
  return {
    backend: { ...backend, tables, health: () => backend.health(), close: () => backend.close() },
    lists: () => lists,
  };
}

describe('sweeper', () => {
  it('deletes only what is past its retention, in batches of 100, and nothing on a second run', async () => {
    const expiredTokens = 2 * SWEEP_BATCH + 50;
    for (let i = 0; i < expiredTokens; i += 1) await videoToken(ago(VIDEO_TOKEN_RETENTION_MS + MINUTE));
    await videoToken(ago(VIDEO_TOKEN_RETENTION_MS - MINUTE)); // expired, but kept a little longer
    await videoToken(new Date(NOW.getTime() + 5 * MINUTE).toISOString()); // still valid

    for (const windowStart of [ago(SIGN_IN_ATTEMPT_RETENTION_MS + MINUTE), ago(MINUTE)]) {
      await services.backend.tables.create({
        ...ATTEMPT_COUNTERS,
        data: { scope: 'ip', failures: 3, windowStart },
      });
    }
    for (const expiresAt of [
      ago(ACCOUNT_TOKEN_RETENTION_MS + MINUTE),
      ago(ACCOUNT_TOKEN_RETENTION_MS - MINUTE),
    ]) {
      await services.backend.tables.create({
        ...ACCOUNT_TOKENS,
        data: {
          userId: 'u1',
          purpose: 'reset',
          tokenHash: hash(),
          createdAt: ago(ACCOUNT_TOKEN_RETENTION_MS * 2),
          expiresAt,
        },
      });
    }
    const oldEnough = new Date(NOW.getTime() - SENT_MAIL_RETENTION_MS - MINUTE);
    await mail('old-sent', oldEnough, 'sent');
    await mail('old-waiting', oldEnough, 'waiting'); // never sent: an admin still has to see it
    await mail('recent-sent', new Date(NOW.getTime() - MINUTE), 'sent');
    for (const createdAt of [ago(JOB_FAILURE_RETENTION_MS + MINUTE), ago(MINUTE)]) {
      await services.backend.tables.create({
        ...JOB_FAILURES,
        data: { jobName: 'sweeper', event: 'schedule', kind: 'handler_failed', error: 'boom', createdAt },
      });
    }
    for (const scheduledFor of [ago(JOB_RUN_RETENTION_MS + MINUTE), ago(MINUTE)]) {
      await services.backend.tables.create({
        ...JOB_RUNS,
        data: { jobName: 'mail-catch-up', scheduledFor, status: 'succeeded', startedAt: scheduledFor },
      });
    }

    const counted = counting(services.backend);
    expect(await sweepExpired(counted.backend, NOW)).toEqual({
      'video access tokens': expiredTokens,
      'sign-in attempt counters': 1,
      'account tokens': 1,
      'sent mail': 1,
      'job failures': 1,
      'job runs': 1,
    });
    // 250 token rows: three full-or-partial pages; one page for each other rule.
    expect(counted.lists()).toBe(3 + 5);
    expect(await count(VIDEO_ACCESS_TOKENS)).toBe(2);
    expect(await count(ATTEMPT_COUNTERS)).toBe(1);
    expect(await count(ACCOUNT_TOKENS)).toBe(1);
    const keys = (
      await services.backend.tables.list({ ...MAIL_MESSAGES, queries: [Query.orderAsc('key')] })
    ).rows.map((row) => row.key);
    expect(keys).toEqual(['old-waiting', 'recent-sent']);
    expect(await count(JOB_FAILURES)).toBe(1);
    expect(await count(JOB_RUNS)).toBe(1);

    const logger = testJobContext(services).logger;
    await sweeperJob.handle({}, testJobContext(services, { logger }), {
      trigger: 'schedule',
      scheduledFor: NOW,
    });
    expect(await sweepExpired(services.backend, NOW)).toEqual({
      'video access tokens': 0,
      'sign-in attempt counters': 0,
      'account tokens': 0,
      'sent mail': 0,
      'job failures': 0,
      'job runs': 0,
    });
  });
});
