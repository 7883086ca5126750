/**
 * Course, lesson and file-metadata rows as read back from a backend, checked with zod
 * (a row is data from outside this process like any other), plus the table refs.
 */
import { z } from 'zod';
import { getRowOrNull, rowDatetime } from '../rows';
import type { Backend, TableRef } from '../../backend/port';
import { ServiceError } from '../errors';
import { COURSES, LESSONS } from '../tables';
import { DIFFICULTIES, REVIEW_STATUSES } from '../../../shared/fields/limits';

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');
const optionalId = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

const courseRowSchema = z.object({
  $id: z.string(),
  title: z.string(),
  description: z.string(),
  instructor: z.string(),
  thumbnail: optionalId,
  category: z.string(),
  difficulty: z.enum(DIFFICULTIES),
  duration: z
    .number()
    .nullish()
    .transform((value) => value ?? 0),
  price: z
    .number()
    .nullish()
    .transform((value) => value ?? 0),
  isPublished: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  tags: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? []),
  /** Kept by the lesson writes (decision 0033); null on a row written before the column existed. */
  lessonCount: z
    .number()
    .int()
    .nullish()
    .transform((value) => value ?? null),
  /** The team the course belongs to (issue 15): its members act on it with the team's permissions. */
  teamId: optionalId,
  /** Review before publishing (decision 0040): where the course is, and the last decision. */
  reviewStatus: z
    .enum(REVIEW_STATUSES)
    .nullish()
    .transform((value) => value ?? null),
  reviewRequestedAt: rowDatetime.nullish().transform((value) => value ?? null),
  reviewComment: text,
  reviewedBy: optionalId,
  reviewedAt: rowDatetime.nullish().transform((value) => value ?? null),
  createdAt: rowDatetime,
  updatedAt: rowDatetime,
});
export type CourseRecord = z.output<typeof courseRowSchema>;

const lessonRowSchema = z.object({
  $id: z.string(),
  courseId: z.string(),
  title: z.string(),
  description: text,
  content: text,
  /** The YouTube ID, encrypted (server/services/video/video-crypto.ts); never leaves the server as is. */
  encryptedVideoData: optionalId,
  /** The cached video thumbnail's file id in the `thumbnails` bucket. */
  youtubeThumbnail: optionalId,
  videoDuration: z
    .number()
    .nullish()
    .transform((value) => value ?? null),
  /** What the daily YouTube check found wrong with the video (server/jobs/youtube-monitor.ts); null: it plays. */
  videoIssue: z
    .enum(['private', 'deleted', 'not_embeddable'])
    .nullish()
    .catch(null)
    .transform((value) => value ?? null),
  attachments: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? []),
  order: z.number().int(),
  isPreview: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  createdAt: rowDatetime,
  updatedAt: rowDatetime,
});
export type LessonRecord = z.output<typeof lessonRowSchema>;

/**
 * A lesson as a course's list of lessons needs it: every column but its content, which
 * may be 100,000 characters per lesson and is shown only on the lesson's own page.
 */
const lessonOutlineRowSchema = lessonRowSchema.omit({ content: true });
export type LessonOutlineRecord = z.output<typeof lessonOutlineRowSchema>;
/** The columns a `Query.select` reads for it. */
export const LESSON_OUTLINE_COLUMNS = Object.keys(lessonOutlineRowSchema.shape);

const fileMetadataRowSchema = z.object({
  /** The row id is also the stored file's id in the bucket: one row per stored version. */
  $id: z.string(),
  /** The logical attachment id, shared by every version. */
  fileId: z.string(),
  originalName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  bucket: z.string(),
  uploadedBy: z.string(),
  uploadedAt: rowDatetime,
  version: z
    .number()
    .int()
    .nullish()
    .transform((value) => value ?? 1),
});
export type FileVersion = z.output<typeof fileMetadataRowSchema>;

export const parseCourse = (row: unknown): CourseRecord => courseRowSchema.parse(row);
export const parseLesson = (row: unknown): LessonRecord => lessonRowSchema.parse(row);
export const parseLessonOutline = (row: unknown): LessonOutlineRecord => lessonOutlineRowSchema.parse(row);
export const parseFileVersion = (row: unknown): FileVersion => fileMetadataRowSchema.parse(row);

export const NO_SUCH_COURSE = 'That course does not exist (it may have been deleted).';
export const NO_SUCH_LESSON = 'That lesson does not exist (it may have been deleted).';

async function getOrNull<T>(backend: Backend, ref: TableRef, rowId: string, parse: (row: unknown) => T) {
  const row = await getRowOrNull(backend, ref, rowId);
  return row ? parse(row) : null;
}

export const findCourse = (backend: Backend, courseId: string) =>
  getOrNull(backend, COURSES, courseId, parseCourse);
export const findLesson = (backend: Backend, lessonId: string) =>
  getOrNull(backend, LESSONS, lessonId, parseLesson);

export async function requireCourse(backend: Backend, courseId: string): Promise<CourseRecord> {
  const course = await findCourse(backend, courseId);
  if (!course) throw new ServiceError('not_found', NO_SUCH_COURSE);
  return course;
}

/** The lesson and its course; a lesson whose course is gone counts as gone. */
export async function requireLesson(
  backend: Backend,
  lessonId: string,
): Promise<{ lesson: LessonRecord; course: CourseRecord }> {
  const lesson = await findLesson(backend, lessonId);
  const course = lesson ? await findCourse(backend, lesson.courseId) : null;
  if (!lesson || !course) throw new ServiceError('not_found', NO_SUCH_LESSON);
  return { lesson, course };
}
