/**
 * An enrollment changed or was deleted: the course's analytics follow (decision 0025).
 * Completion (completedAt set or cleared) and unenrolling move the counters; any other
 * update (progress, last lesson opened) finds nothing to change and writes nothing.
 */
import { reconcileEnrollmentAnalytics } from '../services/enrollments/analytics';
import type { EventJob } from './job';
import {
  ENROLLMENT_CATCH_UP_NAME,
  ENROLLMENT_ROWS,
  enrollmentEventPayload,
  type EnrollmentEventPayload,
} from './enrollment-events';

export const enrollmentChangedJob: EventJob<EnrollmentEventPayload> = {
  name: 'enrollment-changed',
  description: 'Keeps course_analytics current when an enrollment is completed, reopened or deleted.',
  events: [`${ENROLLMENT_ROWS}.update`, `${ENROLLMENT_ROWS}.delete`],
  catchUp: ENROLLMENT_CATCH_UP_NAME,
  payload: enrollmentEventPayload,
  async handle(payload, context) {
    await reconcileEnrollmentAnalytics(
      context.backend,
      { enrollmentId: payload.$id, courseId: payload.courseId },
      context.now(),
    );
  },
};
