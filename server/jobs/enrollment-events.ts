/**
 * What the enrollment jobs read from an enrollment event: the row's id and course. The
 * rest of the row is not trusted (events arrive late, twice, out of order); handlers
 * read the enrollment as it is now.
 */
import { z } from 'zod';

export const ENROLLMENT_ROWS = 'databases.aurora_main.tables.enrollments.rows.*';

export const enrollmentEventPayload = z.object({
  $id: z.string().min(1).max(36),
  courseId: z.string().min(1).max(36),
});
export type EnrollmentEventPayload = z.output<typeof enrollmentEventPayload>;

/** How often the catch-up runs, and how far back it looks (a few runs' worth, so one failed run loses nothing). */
export const ENROLLMENT_CATCH_UP_SCHEDULE = '*/15 * * * *';
export const ENROLLMENT_CATCH_UP_WINDOW_MS = 24 * 60 * 60 * 1000;
export const ENROLLMENT_CATCH_UP_NAME = 'enrollment-catch-up';
