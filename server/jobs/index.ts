/**
 * Every background job, in one list: the embedded runner runs them in-process, and each
 * is also an Appwrite Function (functions/<name>/, declared in appwrite.json; a test holds
 * the three together). Add a job with one line below. Handlers must be idempotent:
 * delivery is at least once (docs/decisions/0023-background-jobs.md).
 */
import type { Job } from './job';
import { enrollmentCatchUpJob } from './enrollment-catch-up';
import { enrollmentChangedJob } from './enrollment-changed';
import { enrollmentCreatedJob } from './enrollment-created';
import { mailCatchUpJob, mailDeliveryJob } from './mail-delivery';
import { securityAlertsCatchUpJob, securityAlertsJob } from './security-alerts';
import { sweeperJob } from './sweeper';
import { youtubeMonitorJob } from './youtube-monitor';

export const jobs: readonly Job[] = [
  // One line per job, e.g. `enrollmentCreatedJob,` (import it above).
  mailDeliveryJob,
  mailCatchUpJob,
  enrollmentCreatedJob,
  enrollmentChangedJob,
  enrollmentCatchUpJob,
  securityAlertsJob,
  securityAlertsCatchUpJob,
  youtubeMonitorJob,
  sweeperJob,
];
