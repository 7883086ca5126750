/** Enrollment and progress: learners for themselves; a course's roster and access requests for its instructor and admins. */
import { z } from 'zod';
import { courseIdInput, lessonIdInput } from '../../services/courses/schemas';
import { myLearning, recentEnrollments } from '../../services/enrollments/dashboard';
import {
  ACCESS_REQUEST_STATUSES,
  decideAccess,
  listAccessRequests,
  myAccessRequest,
  requestAccess,
} from '../../services/enrollments/access-requests';
import { completeLesson } from '../../services/enrollments/learning';
import { enroll, getEnrollment, unenroll } from '../../services/enrollments/membership';
import { listStudents } from '../../services/enrollments/students';
import { idSchema } from '../../../shared/fields/ids';
import { ACCESS_DECISIONS, STUDENT_SORTS } from '../../../shared/fields/limits';
import { authedProcedure, authoringProcedure, router } from '../init';

export const enrollmentRouter = router({
  /** Oneself in a free published course; an admin may name anyone (`userId`) and any published course. */
  enroll: authedProcedure
    .input(courseIdInput.extend({ userId: idSchema.optional() }))
    .mutation(({ ctx, input }) => enroll(ctx.scope, input)),

  unenroll: authedProcedure.input(courseIdInput).mutation(async ({ ctx, input }) => {
    await unenroll(ctx.scope, input.courseId);
    return { ok: true as const };
  }),

  get: authedProcedure
    .input(courseIdInput)
    .query(({ ctx, input }) => getEnrollment(ctx.scope, input.courseId)),

  mine: authedProcedure
    .input(
      z
        .object({
          cursor: idSchema.optional(),
          limit: z.number().int().min(1).max(50).default(20),
        })
        .optional(),
    )
    .query(({ ctx, input }) => myLearning(ctx.scope, input ?? { limit: 20 })),

  completeLesson: authedProcedure
    .input(lessonIdInput)
    .mutation(({ ctx, input }) => completeLesson(ctx.scope, input.lessonId)),

  students: authedProcedure
    .input(
      courseIdInput.extend({
        cursor: idSchema.optional(),
        limit: z.number().int().min(1).max(100).default(50),
        sort: z.enum(STUDENT_SORTS).default('enrolledAt'),
        order: z.enum(['asc', 'desc']).default('desc'),
      }),
    )
    .query(({ ctx, input }) => listStudents(ctx.scope, input)),

  /** The newest enrollments across the caller's own courses, for the dashboard (instructors, admins). */
  recent: authoringProcedure
    .input(z.object({ limit: z.number().int().min(1).max(20).default(8) }).optional())
    .query(({ ctx, input }) => recentEnrollments(ctx.scope, { limit: input?.limit ?? 8 })),

  /** Asks the instructor of a paid course to let the caller in (decision 0020). */
  requestAccess: authedProcedure
    .input(courseIdInput)
    .mutation(({ ctx, input }) => requestAccess(ctx.scope, input.courseId)),

  /** The caller's own access request for a course, or null. */
  myAccessRequest: authedProcedure
    .input(courseIdInput)
    .query(({ ctx, input }) => myAccessRequest(ctx.scope, input.courseId)),

  /** A course's access requests (pending unless told otherwise), oldest first: its instructor and admins. */
  accessRequests: authedProcedure
    .input(
      courseIdInput.extend({
        status: z.enum(ACCESS_REQUEST_STATUSES).default('pending'),
        cursor: idSchema.optional(),
        limit: z.number().int().min(1).max(100).default(50),
      }),
    )
    .query(({ ctx, input }) => listAccessRequests(ctx.scope, input)),

  /** Approve (enrolls the learner) or decline an access request: the course's instructor and admins. */
  decideAccess: authedProcedure
    .input(z.object({ requestId: idSchema, decision: z.enum(ACCESS_DECISIONS) }))
    .mutation(({ ctx, input }) => decideAccess(ctx.scope, input)),
});
