/** Courses: the public catalog and course pages, and authoring by instructors and admins. */
import { z } from 'zod';
import { reviewDecisionFieldsSchema, unpublishReasonSchema } from '../../../shared/fields/course';
import { idSchema } from '../../../shared/fields/ids';
import { COURSE_STATUSES } from '../../../shared/fields/limits';
import { searchSchema } from '../../../shared/fields/search';
import { DEFAULT_PAGE_SIZE, pageSchema } from '../../services/identity/schemas';
import { listAllCourses } from '../../services/courses/admin-list';
import { getCourse, listCatalog, listCategories, myCourses } from '../../services/courses/catalog';
import {
  createCourse,
  deleteCourse,
  publishCourse,
  unpublishCourse,
  updateCourse,
} from '../../services/courses/courses';
import {
  catalogQuerySchema,
  courseChangesSchema,
  courseFieldsSchema,
  courseIdInput,
  uploadSchema,
} from '../../services/courses/schemas';
import { MAX_THUMBNAIL_BYTES } from '../../services/courses/thumbnails';
import { courseTeamChoices, setCourseTeam } from '../../services/courses/course-team';
import { courseReviewState, reviewCourse, reviewQueue, submitForReview } from '../../services/courses/review';
import { authedProcedure, authoringProcedure, permissionProcedure, publicProcedure, router } from '../init';

export const courseRouter = router({
  /** Published courses only, for everyone (admins too). */
  list: publicProcedure
    .input(catalogQuerySchema.optional())
    .query(({ ctx, input }) => listCatalog(ctx.backend, input ?? catalogQuerySchema.parse({}))),

  /** The categories of published courses, `{ name, count }[]`, for everyone (decision 0021). */
  categories: publicProcedure.query(({ ctx }) => listCategories(ctx.backend)),

  /** Drafts only for their instructor and admins; NOT_FOUND for everyone else. Writes nothing. */
  get: publicProcedure.input(courseIdInput).query(({ ctx, input }) => getCourse(ctx.scope, input.courseId)),

  mine: authoringProcedure
    .input(pageSchema.extend({ limit: z.number().int().min(1).max(50).default(12) }).optional())
    .query(({ ctx, input }) => myCourses(ctx.scope, input ?? { limit: 12 })),

  create: permissionProcedure('courses.create')
    .input(courseFieldsSchema)
    .mutation(({ ctx, input }) => createCourse(ctx.scope, input)),

  /** Any of the fields; `thumbnail: null` removes the thumbnail. */
  update: authedProcedure
    .input(
      courseChangesSchema.extend({
        courseId: idSchema,
        thumbnail: uploadSchema(MAX_THUMBNAIL_BYTES).nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateCourse(ctx.scope, input)),

  delete: authedProcedure.input(courseIdInput).mutation(async ({ ctx, input }) => {
    await deleteCourse(ctx.scope, input.courseId);
    return { ok: true as const };
  }),

  publish: authedProcedure
    .input(courseIdInput)
    .mutation(({ ctx, input }) => publishCourse(ctx.scope, input.courseId)),

  /** An admin unpublishing another's course is moderation: recorded in security_logs. */
  unpublish: authedProcedure
    .input(
      courseIdInput.extend({
        reason: unpublishReasonSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => unpublishCourse(ctx.scope, input)),

  /**
   * The team the course belongs to (`null`: none): its editors who are in that team, and
   * whoever manages people. Written to the security log.
   */
  setTeam: authedProcedure
    .input(courseIdInput.extend({ teamId: idSchema.nullable() }))
    .mutation(({ ctx, input }) => setCourseTeam(ctx.scope, input)),

  /** The course's team and the teams it may be given to: the course editor's select. */
  teamChoices: authedProcedure
    .input(courseIdInput)
    .query(({ ctx, input }) => courseTeamChoices(ctx.scope, input.courseId)),

  /**
   * Review before publishing (decision 0040). Submitting: whoever may publish the course
   * (draft or sent back → in review). Written to the security log, as each decision is.
   */
  submitForReview: authedProcedure
    .input(courseIdInput)
    .mutation(({ ctx, input }) => submitForReview(ctx.scope, input.courseId)),

  /** `changes` (a comment required): `content.review` on the course; `approve` publishes it: `content.approve`. */
  review: authedProcedure
    .input(courseIdInput.and(reviewDecisionFieldsSchema))
    .mutation(({ ctx, input }) => reviewCourse(ctx.scope, input)),

  /** Courses waiting for review, the longest-waiting first: for `content.review` holders. */
  reviewQueue: permissionProcedure('content.review')
    .input(pageSchema.extend({ limit: z.number().int().min(1).max(50).default(20) }).optional())
    .query(({ ctx, input }) => reviewQueue(ctx.backend, input ?? { limit: 20 })),

  /** Where the course is in review and which button its editor gets: the course's editors. */
  reviewState: authedProcedure
    .input(courseIdInput)
    .query(({ ctx, input }) => courseReviewState(ctx.scope, input.courseId)),

  /** Every course, drafts included, any instructor: the admin's course list. */
  listAll: permissionProcedure('courses.modify')
    .input(
      pageSchema
        .extend({
          search: searchSchema.optional(),
          status: z.enum(COURSE_STATUSES, { error: 'Status must be published or draft.' }).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => listAllCourses(ctx.backend, input ?? { limit: DEFAULT_PAGE_SIZE })),
});
