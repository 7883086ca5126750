/**
 * What the daily sweeper deletes, and after how long. Each rule names a table and the
 * filter of rows that are past keeping; every retention period is a named constant so
 * the numbers are read (and changed) in one place.
 */
import { Query } from 'node-appwrite';
import type { TableRef } from '../backend/port';
import {
  ACCOUNT_TOKENS,
  ATTEMPT_COUNTERS,
  JOB_FAILURES,
  JOB_RUNS,
  MAIL_MESSAGES,
  VIDEO_ACCESS_TOKENS,
} from '../services/tables';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Video access tokens live 5 minutes (tokens.ts); their rows only serve replay and
 * revocation checks while the token could still be presented. A day past expiry is
 * ample for an admin looking into a refusal (security_logs keeps the story).
 */
export const VIDEO_TOKEN_RETENTION_MS = DAY_MS;
/** Sign-in and registration counters: the longest window is a day (sign-in-limits.ts), so two days past its start is over for all. */
export const SIGN_IN_ATTEMPT_RETENTION_MS = 2 * DAY_MS;
/** Invitation and reset links: kept a month past expiry, so an old link is still told apart from a wrong one. */
export const ACCOUNT_TOKEN_RETENTION_MS = 30 * DAY_MS;
/** Sent mail stays readable at /admin/mail for three months after it was queued (the indexed column). */
export const SENT_MAIL_RETENTION_MS = 90 * DAY_MS;
/** Dead letters and failed runs shown at /admin/jobs: a month. */
export const JOB_FAILURE_RETENTION_MS = 30 * DAY_MS;
/**
 * Scheduled runs (a minute's job writes 1,440 a day). The scheduler reads only each job's
 * latest slot, and every schedule runs at least daily, so a month keeps that row and the
 * recent history /admin/jobs shows.
 */
export const JOB_RUN_RETENTION_MS = 30 * DAY_MS;

export interface SweepRule {
  name: string;
  table: TableRef;
  /** The rows past keeping at `now`. */
  expired(now: Date): string[];
}

const before = (now: Date, ms: number) => new Date(now.getTime() - ms).toISOString();

export const SWEEP_RULES: readonly SweepRule[] = [
  {
    name: 'video access tokens',
    table: VIDEO_ACCESS_TOKENS,
    expired: (now) => [Query.lessThan('expiresAt', before(now, VIDEO_TOKEN_RETENTION_MS))],
  },
  {
    name: 'sign-in attempt counters',
    table: ATTEMPT_COUNTERS,
    expired: (now) => [Query.lessThan('windowStart', before(now, SIGN_IN_ATTEMPT_RETENTION_MS))],
  },
  {
    name: 'account tokens',
    table: ACCOUNT_TOKENS,
    expired: (now) => [Query.lessThan('expiresAt', before(now, ACCOUNT_TOKEN_RETENTION_MS))],
  },
  {
    name: 'sent mail',
    table: MAIL_MESSAGES,
    expired: (now) => [
      Query.equal('status', 'sent'),
      Query.lessThan('createdAt', before(now, SENT_MAIL_RETENTION_MS)),
    ],
  },
  {
    name: 'job failures',
    table: JOB_FAILURES,
    expired: (now) => [Query.lessThan('createdAt', before(now, JOB_FAILURE_RETENTION_MS))],
  },
  {
    name: 'job runs',
    table: JOB_RUNS,
    expired: (now) => [Query.lessThan('scheduledFor', before(now, JOB_RUN_RETENTION_MS))],
  },
];
