/** Lessons: reading (canReadLesson in policy.ts) and authoring by the course's editors. */
import { z } from 'zod';
import { sanitizeLessonHtml } from '../../services/content/sanitize';
import { idSchema } from '../../../shared/fields/ids';
import { videoDurationSchema, youtubeLinkSchema } from '../../../shared/fields/lesson';
import { MAX_ATTACHMENT_BYTES } from '../../services/courses/attachments';
import {
  addAttachment,
  attachmentHistory,
  removeAttachment,
  replaceAttachment,
} from '../../services/courses/lesson-attachments';
import {
  createLesson,
  deleteLesson,
  getLesson,
  reorderLessons,
  updateLesson,
} from '../../services/courses/lessons';
import {
  lessonChangesSchema,
  lessonFieldsSchema,
  lessonIdInput,
  uploadSchema,
} from '../../services/courses/schemas';
import { getVideoProgress } from '../../services/video/progress';
import { removeLessonVideo, setLessonVideo, validateLessonVideo } from '../../services/video/lesson-video';
import { authedProcedure, publicProcedure, router } from '../init';

const fileUpload = uploadSchema(MAX_ATTACHMENT_BYTES);
const attachmentInput = lessonIdInput.extend({ attachmentId: idSchema });
/**
 * The upload form's one-time key (a fresh random one per rendered form): the same key
 * sent again is the same submission, answered without storing the file twice.
 */
const uploadKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'An upload key is 16 to 64 letters, digits, “-” or “_”.')
  .optional();

export const lessonRouter = router({
  /** Writes nothing: the lesson page notes the opening itself (decision 0026). */
  get: publicProcedure.input(lessonIdInput).query(({ ctx, input }) => getLesson(ctx.scope, input.lessonId)),

  /** Content as learners will see it, sanitized exactly as a save would, without saving. */
  previewContent: authedProcedure
    .input(lessonFieldsSchema.pick({ content: true }))
    .query(({ input }) => ({ html: sanitizeLessonHtml(input.content) })),

  create: authedProcedure
    .input(lessonFieldsSchema.extend({ courseId: idSchema }))
    .mutation(({ ctx, input }) => createLesson(ctx.scope, input)),

  update: authedProcedure
    .input(lessonChangesSchema.extend({ lessonId: idSchema }))
    .mutation(({ ctx, input }) => updateLesson(ctx.scope, input)),

  delete: authedProcedure.input(lessonIdInput).mutation(async ({ ctx, input }) => {
    await deleteLesson(ctx.scope, input.lessonId);
    return { ok: true as const };
  }),

  reorder: authedProcedure
    .input(z.object({ courseId: idSchema, lessonIds: z.array(idSchema).max(1000) }))
    .mutation(async ({ ctx, input }) => ({ lessonIds: await reorderLessons(ctx.scope, input) })),

  addAttachment: authedProcedure
    .input(lessonIdInput.extend({ file: fileUpload, uploadKey }))
    .mutation(({ ctx, input }) => addAttachment(ctx.scope, input)),

  /** A new version under the same attachment id; older versions stay in the history. */
  replaceAttachment: authedProcedure
    .input(attachmentInput.extend({ file: fileUpload, uploadKey }))
    .mutation(({ ctx, input }) => replaceAttachment(ctx.scope, input)),

  removeAttachment: authedProcedure
    .input(attachmentInput)
    .mutation(({ ctx, input }) => removeAttachment(ctx.scope, input)),

  attachmentHistory: authedProcedure
    .input(attachmentInput)
    .query(({ ctx, input }) => attachmentHistory(ctx.scope, input)),

  /**
   * Sets the lesson's video from a YouTube link; `videoDuration` (seconds) is needed
   * when no YouTube API key is configured. The ID is stored encrypted, never returned.
   */
  setVideo: authedProcedure
    .input(
      lessonIdInput.extend({ youtubeUrl: youtubeLinkSchema, videoDuration: videoDurationSchema.optional() }),
    )
    .mutation(({ ctx, input }) => setLessonVideo(ctx.scope, input)),

  removeVideo: authedProcedure
    .input(lessonIdInput)
    .mutation(({ ctx, input }) => removeLessonVideo(ctx.scope, input.lessonId)),

  /** Checks a link without saving it, or (without `youtubeUrl`) that the current video still plays. */
  validateVideo: authedProcedure
    .input(lessonIdInput.extend({ youtubeUrl: youtubeLinkSchema.optional() }))
    .query(({ ctx, input }) => validateLessonVideo(ctx.scope, input)),

  /** The signed-in learner's own position in the lesson's video, to resume from. */
  getVideoProgress: authedProcedure
    .input(lessonIdInput)
    .query(({ ctx, input }) => getVideoProgress(ctx.scope, input.lessonId)),
});
