/**
 * Every table Aurora reads or writes, named once. A service says `COURSES`, never
 * `{ databaseId: 'aurora_main', tableId: 'courses' }`: a table renamed or moved to
 * another database in `appwrite.json` is changed here and nowhere else, and
 * tables.test.ts proves this list and `appwrite.json` name the same tables.
 */
import type { DatabaseId, TableRef } from '../backend/port';

const table = (databaseId: DatabaseId, tableId: string): TableRef => ({ databaseId, tableId });

/** The profile mirror of each auth user (same id). */
export const PROFILES = table('aurora_main', 'users');
export const COURSES = table('aurora_main', 'courses');
export const LESSONS = table('aurora_main', 'lessons');
export const COURSE_TAGS = table('aurora_main', 'course_tags');
export const ENROLLMENTS = table('aurora_main', 'enrollments');
export const ACCESS_REQUESTS = table('aurora_main', 'access_requests');
export const VIDEO_ACCESS_TOKENS = table('aurora_main', 'video_access_tokens');
export const VIDEO_PROGRESS = table('aurora_main', 'video_progress');
export const API_TOKENS = table('aurora_main', 'api_tokens');
/** The counters of every rate limit (server/services/limits/rate-limiter.ts), not only sign-ins'. */
export const ATTEMPT_COUNTERS = table('aurora_main', 'sign_in_attempts');
export const ACCOUNT_TOKENS = table('aurora_main', 'account_tokens');
export const USER_ACTIVITY = table('aurora_analytics', 'user_activity');
export const COURSE_ANALYTICS = table('aurora_analytics', 'course_analytics');
export const SECURITY_LOGS = table('aurora_analytics', 'security_logs');
export const FILE_METADATA = table('aurora_content', 'file_metadata');
/** The mail outbox: every message, waiting or sent (server/services/mail). */
export const MAIL_MESSAGES = table('aurora_main', 'mail_messages');
/** One row per scheduled run, unique on (jobName, scheduledFor): the claim that makes a run happen once. */
export const JOB_RUNS = table('aurora_main', 'job_runs');
/** Dead letters and failed runs, for admins (/admin/jobs). */
export const JOB_FAILURES = table('aurora_main', 'job_failures');
/** The platform's settings (server/services/settings): one row, `platform`, one column per setting. */
export const SETTINGS = table('aurora_main', 'settings');
/** One receipt per enrollment: what course_analytics has counted of it (decision 0025). */
export const ANALYTICS_RECEIPTS = table('aurora_analytics', 'course_analytics_receipts');

/** The whole registry, for the test that holds it to `appwrite.json`. */
export const ALL_TABLES: readonly TableRef[] = [
  PROFILES,
  COURSES,
  LESSONS,
  COURSE_TAGS,
  ENROLLMENTS,
  ACCESS_REQUESTS,
  VIDEO_ACCESS_TOKENS,
  VIDEO_PROGRESS,
  API_TOKENS,
  ATTEMPT_COUNTERS,
  ACCOUNT_TOKENS,
  USER_ACTIVITY,
  COURSE_ANALYTICS,
  SECURITY_LOGS,
  FILE_METADATA,
  MAIL_MESSAGES,
  JOB_RUNS,
  JOB_FAILURES,
  ANALYTICS_RECEIPTS,
  SETTINGS,
];
