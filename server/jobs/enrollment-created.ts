/**
 * A learner enrolled: welcome them by mail and count the enrollment in the course's
 * analytics (decision 0025). Both halves are idempotent on their own — the mail by its
 * unique outbox key, the count by the enrollment's analytics receipt — so a second
 * delivery of the event sends nothing and counts nothing. Neither writes the enrollment
 * row, so nothing here triggers another enrollment create.
 */
import { isBackendError } from '../backend/errors';
import { reconcileEnrollmentAnalytics } from '../services/enrollments/analytics';
import { parseEnrollment } from '../services/enrollments/records';
import type { EventJob } from './job';
import {
  ENROLLMENT_CATCH_UP_NAME,
  ENROLLMENT_ROWS,
  enrollmentEventPayload,
  type EnrollmentEventPayload,
} from './enrollment-events';

import { queueWelcomeMail } from './enrollment-welcome';
import { ENROLLMENTS } from '../services/tables';

export const enrollmentCreatedJob: EventJob<EnrollmentEventPayload> = {
  name: 'enrollment-created',
  description: 'Sends the welcome mail of a new enrollment and counts it in course_analytics.',
  events: [`${ENROLLMENT_ROWS}.create`],
  catchUp: ENROLLMENT_CATCH_UP_NAME,
  payload: enrollmentEventPayload,
  async handle(payload, context) {
    const { backend, env } = context;
    const now = context.now();
    await reconcileEnrollmentAnalytics(
      backend,
      { enrollmentId: payload.$id, courseId: payload.courseId },
      now,
    );
    let row;
    try {
      row = await backend.tables.get({ ...ENROLLMENTS, rowId: payload.$id });
    } catch (error) {
      // Unenrolled before we got here: no welcome for a course they already left.
      if (isBackendError(error, 'not_found')) return;
      throw error;
    }
    const outcome = await queueWelcomeMail(backend, env, parseEnrollment(row), now);
    if (outcome === 'skipped') {
      context.logger.info('welcome mail skipped: the learner or the course is gone', {
        enrollmentId: payload.$id,
      });
    }
  },
};
